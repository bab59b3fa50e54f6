package org.eventscim.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.AttributeDefinition.Mutability;
import com.unboundid.scim2.common.types.AttributeDefinition.Returned;
import com.unboundid.scim2.common.types.AttributeDefinition.Type;
import com.unboundid.scim2.common.types.AttributeDefinition.Uniqueness;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.net.URI;
import java.util.List;
import org.eventscim.protocol.ScimSchemas;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    private final SchemaRegistry registry = SchemaRegistry.standard();
    private final ResourceType users = registry.user();

    @Test
    void schemasAreFoundByUrnInAnyCase() {
        assertThat(registry.schema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER")).get()
                .extracting(SchemaResource::getId).isEqualTo(ScimSchemas.USER);
        assertThat(registry.schema(ScimSchemas.ENTERPRISE_USER.toLowerCase())).get()
                .extracting(SchemaResource::getName).isEqualTo("EnterpriseUser");
        assertThat(registry.schema("urn:ietf:params:scim:schemas:core:2.0:group")).get()
                .extracting(SchemaResource::getName).isEqualTo("Group");
        assertThat(registry.schema("urn:example:unknown")).isEmpty();
        assertThat(registry.schemas()).extracting(SchemaResource::getId)
                .containsExactly(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER, ScimSchemas.GROUP);
    }

    @Test
    void theUserResourceTypeHasTheCoreSchemaAndTheOptionalEnterpriseExtension() {
        ResourceTypeResource definition = users.definition();

        assertThat(definition.getId()).isEqualTo("User");
        assertThat(definition.getName()).isEqualTo("User");
        assertThat(definition.getEndpoint()).isEqualTo(URI.create("/Users"));
        assertThat(definition.getSchema()).isEqualTo(URI.create(ScimSchemas.USER));
        assertThat(definition.getSchemaExtensions()).singleElement().satisfies(extension -> {
            assertThat(extension.getSchema()).isEqualTo(URI.create(ScimSchemas.ENTERPRISE_USER));
            assertThat(extension.isRequired()).isFalse();
        });
        assertThat(users.coreSchema().getId()).isEqualTo(ScimSchemas.USER);
        assertThat(users.extensions()).singleElement().satisfies(extension -> {
            assertThat(extension.urn()).isEqualTo(ScimSchemas.ENTERPRISE_USER);
            assertThat(extension.required()).isFalse();
        });
        assertThat(registry.resourceType("user")).containsSame(users);
        assertThat(registry.resourceTypes()).containsExactly(users, registry.group());
    }

    @Test
    void theGroupResourceTypeRequiresAUniqueDisplayNameAndHasImmutableMemberReferences() {
        ResourceType groups = registry.group();

        assertThat(groups.definition().getEndpoint()).isEqualTo(URI.create("/Groups"));
        assertThat(groups.extensions()).isEmpty();
        AttributeDefinition displayName = groups.coreSchema().getAttributes().stream().filter(a -> a.getName().equals("displayName")).findFirst().orElseThrow();
        assertThat(displayName.isRequired()).isTrue();
        assertThat(displayName.getUniqueness()).isEqualTo(Uniqueness.SERVER);
        AttributeDefinition members = groups.coreSchema().getAttributes().stream().filter(a -> a.getName().equals("members")).findFirst().orElseThrow();
        assertThat(members.isMultiValued()).isTrue();
        assertThat(members.getSubAttributes()).extracting(AttributeDefinition::getName, AttributeDefinition::getMutability)
                .containsExactly(
                        tuple("value", Mutability.IMMUTABLE),
                        tuple("$ref", Mutability.IMMUTABLE),
                        tuple("display", Mutability.READ_ONLY),
                        tuple("type", Mutability.IMMUTABLE));
    }

    @Test
    void theCoreUserSchemaListsTheRfc7643AttributesInTheirOrder() {
        assertThat(users.coreSchema().getName()).isEqualTo("User");
        assertThat(users.coreSchema().getDescription()).isEqualTo("User Account");
        assertThat(users.coreSchema().getAttributes()).extracting(AttributeDefinition::getName).containsExactly(
                "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage",
                "locale", "timezone", "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses",
                "groups", "entitlements", "roles", "x509Certificates");
        assertThat(subAttributeNames("name")).containsExactly(
                "formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix");
        assertThat(subAttributeNames("addresses")).containsExactly(
                "formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary");
        assertThat(subAttributeNames("groups")).containsExactly("value", "$ref", "display", "type");
        for (String multiValued : List.of("emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates")) {
            assertThat(subAttributeNames(multiValued)).as(multiValued).containsExactly("value", "display", "type", "primary");
            assertThat(attribute(multiValued).isMultiValued()).as(multiValued).isTrue();
        }
    }

    @Test
    void userNameIsRequiredServerUniqueAndCaseInsensitive() {
        AttributeDefinition userName = attribute("userName");

        assertThat(userName.getType()).isEqualTo(Type.STRING);
        assertThat(userName.isRequired()).isTrue();
        assertThat(userName.isCaseExact()).isFalse();
        assertThat(userName.getUniqueness()).isEqualTo(Uniqueness.SERVER);
        assertThat(userName.getMutability()).isEqualTo(Mutability.READ_WRITE);
        assertThat(userName.getReturned()).isEqualTo(Returned.DEFAULT);
    }

    @Test
    void thePasswordIsWriteOnlyAndNeverReturned() {
        AttributeDefinition password = attribute("password");

        assertThat(password.getMutability()).isEqualTo(Mutability.WRITE_ONLY);
        assertThat(password.getReturned()).isEqualTo(Returned.NEVER);
    }

    @Test
    void typesAndReferencesFollowTheRfc() {
        assertThat(attribute("active").getType()).isEqualTo(Type.BOOLEAN);
        assertThat(attribute("profileUrl").getType()).isEqualTo(Type.REFERENCE);
        assertThat(attribute("profileUrl").getReferenceTypes()).containsExactly("external");
        assertThat(attribute("photos.value").getType()).isEqualTo(Type.REFERENCE);
        assertThat(attribute("photos.value").getReferenceTypes()).containsExactly("external");
        assertThat(attribute("x509Certificates.value").getType()).isEqualTo(Type.BINARY);
        assertThat(attribute("emails.primary").getType()).isEqualTo(Type.BOOLEAN);
        // The SDK keeps canonical values and reference types in sets: their order is not the RFC's, nor meaningful.
        assertThat(attribute("emails.type").getCanonicalValues()).containsExactlyInAnyOrder("work", "home", "other");
        assertThat(attribute("phoneNumbers.type").getCanonicalValues())
                .containsExactlyInAnyOrder("work", "home", "mobile", "fax", "pager", "other");
        assertThat(attribute("ims.type").getCanonicalValues())
                .containsExactlyInAnyOrder("aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo");
        assertThat(attribute("photos.type").getCanonicalValues()).containsExactlyInAnyOrder("photo", "thumbnail");
    }

    @Test
    void groupsAreReadOnlyThroughout() {
        assertThat(attribute("groups").getMutability()).isEqualTo(Mutability.READ_ONLY);
        assertThat(attribute("groups").getSubAttributes()).allSatisfy(
                subAttribute -> assertThat(subAttribute.getMutability()).isEqualTo(Mutability.READ_ONLY));
        assertThat(attribute("groups.$ref").getReferenceTypes()).containsExactlyInAnyOrder("User", "Group");
        assertThat(attribute("groups.type").getCanonicalValues()).containsExactlyInAnyOrder("direct", "indirect");
    }

    @Test
    void theCommonAttributesAreKnownButBelongToNoSchema() {
        AttributeDefinition id = attribute("id");
        AttributeDefinition externalId = attribute("externalId");

        assertThat(id.getMutability()).isEqualTo(Mutability.READ_ONLY);
        assertThat(id.getReturned()).isEqualTo(Returned.ALWAYS);
        assertThat(id.isCaseExact()).isTrue();
        assertThat(externalId.getMutability()).isEqualTo(Mutability.READ_WRITE);
        assertThat(externalId.isCaseExact()).isTrue();
        assertThat(attribute("meta.created").getType()).isEqualTo(Type.DATETIME);
        assertThat(users.coreSchema().getAttributes()).extracting(AttributeDefinition::getName)
                .doesNotContain("id", "externalId", "meta");
    }

    @Test
    void theEnterpriseExtensionFollowsTheRfc() {
        SchemaResource enterprise = users.extensions().getFirst().schema();

        assertThat(enterprise.getDescription()).isEqualTo("Enterprise User");
        assertThat(enterprise.getAttributes()).extracting(AttributeDefinition::getName).containsExactly(
                "employeeNumber", "costCenter", "organization", "division", "department", "manager");
        AttributeDefinition manager = attribute(ScimSchemas.ENTERPRISE_USER + ":manager");
        assertThat(manager.getType()).isEqualTo(Type.COMPLEX);
        assertThat(manager.isMultiValued()).isFalse();
        assertThat(manager.getSubAttributes()).extracting(AttributeDefinition::getName)
                .containsExactly("value", "$ref", "displayName");
        assertThat(attribute(ScimSchemas.ENTERPRISE_USER + ":manager.displayName").getMutability())
                .isEqualTo(Mutability.READ_ONLY);
        assertThat(attribute(ScimSchemas.ENTERPRISE_USER + ":manager.$ref").getReferenceTypes()).containsExactly("User");
        assertThat(attribute(ScimSchemas.ENTERPRISE_USER + ":manager.value").isRequired()).isFalse();
    }

    @Test
    void pathsResolveInAnyCaseQualifiedOrNotAndIgnoringValueFilters() {
        assertThat(users.resolve("NAME.GIVENNAME")).get().hasToString(ScimSchemas.USER + ":name.givenName");
        assertThat(users.resolve(ScimSchemas.USER.toUpperCase() + ":userName")).get()
                .hasToString(ScimSchemas.USER + ":userName");
        assertThat(users.resolve("emails[type eq \"work\"].value")).get().hasToString(ScimSchemas.USER + ":emails.value");
        assertThat(users.resolve(ScimSchemas.ENTERPRISE_USER.toLowerCase() + ":Department")).get().satisfies(path -> {
            assertThat(path.schemaUrn()).isEqualTo(ScimSchemas.ENTERPRISE_USER);
            assertThat(path.definition().getName()).isEqualTo("department");
        });
        assertThat(users.resolve("id")).get().hasToString(ScimSchemas.USER + ":id");
    }

    @Test
    void pathsNamingNoAttributeResolveToNothing() {
        assertThat(users.attribute("nickname.value")).isEmpty();
        assertThat(users.attribute("shoeSize")).isEmpty();
        assertThat(users.attribute("name.givenName.first")).isEmpty();
        assertThat(users.attribute("urn:example:unknown:1.0:User:department")).isEmpty();
        assertThat(users.attribute("department")).isEmpty();
        assertThat(users.attribute("not a path")).isEmpty();
    }

    @Test
    void schemasAndResourceTypesSerialiseAsDiscoveryDocuments() {
        JsonNode schema = JsonUtils.valueToNode(registry.schema(ScimSchemas.USER).orElseThrow());
        JsonNode resourceType = JsonUtils.valueToNode(users.definition());

        assertThat(schema.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Schema");
        assertThat(schema.path("id").asText()).isEqualTo(ScimSchemas.USER);
        JsonNode userName = schema.path("attributes").get(0);
        assertThat(userName.path("name").asText()).isEqualTo("userName");
        assertThat(userName.path("type").asText()).isEqualTo("string");
        assertThat(userName.path("uniqueness").asText()).isEqualTo("server");
        assertThat(schema.path("attributes").get(11).path("mutability").asText()).isEqualTo("writeOnly");
        assertThat(schema.path("attributes").get(11).path("returned").asText()).isEqualTo("never");
        assertThat(resourceType.path("endpoint").asText()).isEqualTo("/Users");
        assertThat(resourceType.path("schemaExtensions").get(0).path("schema").asText())
                .isEqualTo(ScimSchemas.ENTERPRISE_USER);
    }

    @Test
    void eachRegistryHasItsOwnResourcesSoAddingMetaToOneLeavesTheOthers() {
        SchemaResource schema = registry.schema(ScimSchemas.USER).orElseThrow();

        assertThat(SchemaRegistry.standard().schema(ScimSchemas.USER)).get().isNotSameAs(schema);
    }

    @Test
    void aResourceTypeNamingAnUnregisteredSchemaIsRefused() {
        assertThatThrownBy(() -> new SchemaRegistry(List.of(UserSchemas.user()), List.of(UserSchemas.userResourceType())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ScimSchemas.ENTERPRISE_USER);
    }

    private AttributeDefinition attribute(String path) {
        return users.attribute(path).orElseThrow(() -> new AssertionError("no attribute " + path));
    }

    private List<String> subAttributeNames(String attribute) {
        return attribute(attribute).getSubAttributes().stream().map(AttributeDefinition::getName).toList();
    }
}
