package org.eventscim.query.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SortValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMultiValuedAttributeSortsByItsPrimaryValueElseItsFirst() throws Exception {
        ObjectNode resource = (ObjectNode) JSON.readTree("""
                {"userName":"alice",
                 "emails":[{"value":"z@corp.test"},{"value":"b@corp.test","primary":true}],
                 "phoneNumbers":[{"value":"+2"},{"value":"+1"}],
                 "ims":[]}""");

        ObjectNode values = SortValues.of(UserSchema.SCHEMA, resource);

        assertThat(values.path("emails").path("value").asText()).isEqualTo("b@corp.test");
        assertThat(values.path("phoneNumbers").path("value").asText()).isEqualTo("+2");
        assertThat(values.has("ims")).isFalse();
        assertThat(values.has("userName")).isFalse();
        assertThat(SortValues.field(UserSchema.SCHEMA.attribute(null, "emails").orElseThrow(),
                UserSchema.SCHEMA.attribute(null, "emails").orElseThrow().subAttribute("value").orElseThrow()))
                .isEqualTo("sortValues.emails.value");
    }

    @Test
    void aResourceWithoutMultiValuedAttributesHasNone() throws Exception {
        assertThat(SortValues.of(UserSchema.SCHEMA, (ObjectNode) JSON.readTree("{\"userName\":\"bob\"}"))).isNull();
    }

    @Test
    void theUsersIndexMapsThemLikeTheAttributesSubAttributes() {
        ObjectNode mapping = new ResourceIndex("User", UserSchema.SCHEMA,
                new ReadModelProperties.Index("scim-users-v2", "scim-users", 1, "1s", 100)).definition();

        ObjectNode emails = (ObjectNode) mapping.at("/mappings/properties/sortValues/properties/emails");
        assertThat(emails.path("type").asText()).isEqualTo("object");
        assertThat(emails.at("/properties/value/normalizer").asText()).isEqualTo("scim_case_insensitive");
    }
}
