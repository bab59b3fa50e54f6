package org.eventscim.protocol.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

class AttributeSelectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode user() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"alice",
                 "name":{"givenName":"Alice","familyName":"Example"},
                 "emails":[{"value":"a@work","type":"work"},{"value":"a@home","type":"home"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42","department":"R&D"},
                 "meta":{"resourceType":"User"}}""");
    }

    @Test
    void withoutParametersEverythingIsReturned() throws Exception {
        assertThat(AttributeSelection.of(ScimSchemas.USER, null, " ").apply(user())).isEqualTo(user());
    }

    @Test
    void attributesKeepOnlyTheNamedOnesPlusIdAndSchemas() throws Exception {
        ObjectNode selected = AttributeSelection.of(ScimSchemas.USER, "USERNAME,name.familyName,emails.value,emails.type,"
                + "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", null).apply(user());

        assertThat(selected.toString()).isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"id\":\"u1\",\"userName\":\"alice\",\"name\":{\"familyName\":\"Example\"},"
                + "\"emails\":[{\"value\":\"a@work\",\"type\":\"work\"},{\"value\":\"a@home\",\"type\":\"home\"}],"
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"employeeNumber\":\"42\"}}");
    }

    @Test
    void excludedAttributesRemoveThoseNamedButNeverIdOrSchemas() throws Exception {
        ObjectNode kept = AttributeSelection.of(ScimSchemas.USER, null, "emails.type,meta,id,schemas,"
                + "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").apply(user());

        assertThat(kept.has("id")).isTrue();
        assertThat(kept.has("schemas")).isTrue();
        assertThat(kept.has("meta")).isFalse();
        assertThat(kept.has("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")).isFalse();
        assertThat(kept.path("emails").get(0).toString()).isEqualTo("{\"value\":\"a@work\"}");
        assertThat(kept.path("name").path("givenName").asText()).isEqualTo("Alice");
    }

    @Test
    void bothAtOnceOrUnparsablePathsAreInvalidValues() {
        assertThatThrownBy(() -> AttributeSelection.of(ScimSchemas.USER, "userName", "emails")).isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> AttributeSelection.of(ScimSchemas.USER, "emails[type eq \"work\"]", null))
                .isInstanceOf(ScimException.class);
    }

    @Test
    void saysWhetherAnAttributeOrSubAttributeMayBeReturnedSoItIsOnlyReadThen() {
        AttributeSelection everything = AttributeSelection.of(ScimSchemas.GROUP, null, null);
        AttributeSelection withoutMembers = AttributeSelection.of(ScimSchemas.GROUP, null, "MEMBERS");
        AttributeSelection withoutDisplay = AttributeSelection.of(ScimSchemas.GROUP, null, "members.display");
        AttributeSelection onlyValues = AttributeSelection.of(ScimSchemas.GROUP, "displayName,members.value", null);
        AttributeSelection byUrn = AttributeSelection.of(ScimSchemas.GROUP,
                "urn:ietf:params:scim:schemas:core:2.0:Group:members", null);

        assertThat(everything.returns("members")).isTrue();
        assertThat(everything.returns("members", "display")).isTrue();
        assertThat(withoutMembers.returns("members")).isFalse();
        assertThat(withoutDisplay.returns("members")).isTrue();
        assertThat(withoutDisplay.returns("members", "display")).isFalse();
        assertThat(onlyValues.returns("members")).isTrue();
        assertThat(onlyValues.returns("members", "display")).isFalse();
        assertThat(AttributeSelection.of(ScimSchemas.GROUP, "displayName", null).returns("members")).isFalse();
        assertThat(byUrn.returns("members", "display")).isTrue();
    }

    @Test
    void theCoreSchemaUrnOfTheResourceTypePrefixesItsAttributes() throws Exception {
        ObjectNode group = (ObjectNode) JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"Admins",
                 "members":[{"value":"u1","display":"Alice"}]}""");

        ObjectNode selected = AttributeSelection.of(ScimSchemas.GROUP,
                "urn:ietf:params:scim:schemas:core:2.0:Group:members.value", null).apply(group);

        assertThat(selected.toString()).isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"id\":\"g1\",\"members\":[{\"value\":\"u1\"}]}");
    }
}
