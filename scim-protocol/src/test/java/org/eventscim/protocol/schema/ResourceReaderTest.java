package org.eventscim.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.protocol.schema.SchemaTestSupport.WIDGET;
import static org.eventscim.protocol.schema.SchemaTestSupport.WIDGET_EXTENSION;
import static org.eventscim.protocol.schema.SchemaTestSupport.assertInvalidValue;
import static org.eventscim.protocol.schema.SchemaTestSupport.assertScimError;
import static org.eventscim.protocol.schema.SchemaTestSupport.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResourceReaderTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private final ResourceReader users = new ResourceReader(SchemaRegistry.standard().user());

    private ObjectNode read(String body) {
        return users.read(json(body)).attributes();
    }

    @Nested
    class CanonicalForm {

        @Test
        void theRfcFullUserIsStoredWithoutServerOwnedAttributes() {
            ReadResource read = users.read(json("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%s"],
                     "id": "2819c223", "externalId": "701984", "userName": "bjensen@example.com",
                     "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara"},
                     "displayName": "Babs Jensen", "profileUrl": "https://login.example.com/bjensen",
                     "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                                {"value": "babs@jensen.org", "type": "home"}],
                     "addresses": [{"streetAddress": "100 Universal City Plaza", "type": "work", "primary": true}],
                     "phoneNumbers": [{"value": "555-555-5555", "type": "work"}],
                     "ims": [{"value": "someaimhandle", "type": "aim"}],
                     "photos": [{"value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"}],
                     "userType": "Employee", "title": "Tour Guide", "preferredLanguage": "en-US", "locale": "en-US",
                     "timezone": "America/Los_Angeles", "active": true, "password": "t1meMa$heen",
                     "groups": [{"value": "e9e30dba", "$ref": "https://example.com/v2/Groups/e9e30dba", "display": "Tour Guides"}],
                     "x509Certificates": [{"value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}],
                     "%s": {"employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
                            "division": "Theme Park", "department": "Tour Operations",
                            "manager": {"value": "26118915-6090", "$ref": "../Users/26118915-6090", "displayName": "John Smith"}},
                     "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z", "version": "W/\\"a330bc54f0671c9\\""}}
                    """.formatted(ENTERPRISE, ENTERPRISE)));

            assertThat(read.attributes()).isEqualTo(json("""
                    {"externalId": "701984", "userName": "bjensen@example.com",
                     "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara"},
                     "displayName": "Babs Jensen", "profileUrl": "https://login.example.com/bjensen",
                     "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                                {"value": "babs@jensen.org", "type": "home"}],
                     "addresses": [{"streetAddress": "100 Universal City Plaza", "type": "work", "primary": true}],
                     "phoneNumbers": [{"value": "555-555-5555", "type": "work"}],
                     "ims": [{"value": "someaimhandle", "type": "aim"}],
                     "photos": [{"value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"}],
                     "userType": "Employee", "title": "Tour Guide", "preferredLanguage": "en-US", "locale": "en-US",
                     "timezone": "America/Los_Angeles", "active": true,
                     "x509Certificates": [{"value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}],
                     "%s": {"employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
                            "division": "Theme Park", "department": "Tour Operations",
                            "manager": {"value": "26118915-6090", "$ref": "../Users/26118915-6090"}}}
                    """.formatted(ENTERPRISE)));
            assertThat(read.password()).contains("t1meMa$heen");
        }

        @Test
        void attributeNamesAreMatchedInAnyCaseAndWrittenInTheirCanonicalCase() {
            assertThat(read("""
                    {"SCHEMAS": ["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"], "USERNAME": "bjensen",
                     "Name": {"GIVENNAME": "Barbara"}, "emails": [{"VALUE": "b@example.com", "Primary": true}],
                     "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": {"COSTCENTER": "4130"}}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen", "name": {"givenName": "Barbara"},
                     "emails": [{"value": "b@example.com", "primary": true}],
                     "%s": {"costCenter": "4130"}}
                    """.formatted(ENTERPRISE)));
        }

        @Test
        void extensionAttributesMayBeTopLevelKeysQualifiedByTheirUrnAsEntraSendsThem() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Tour Operations",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager": "26118915-6090",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"division": "Theme Park"},
                     "urn:ietf:params:scim:schemas:core:2.0:User:displayName": "Babs"}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen", "displayName": "Babs",
                     "%s": {"department": "Tour Operations", "manager": {"value": "26118915-6090"}, "division": "Theme Park"}}
                    """.formatted(ENTERPRISE)));
        }

        @Test
        void dottedSubAttributeKeysAreMergedIntoTheirAttribute() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "name.givenName": "Barbara", "name": {"familyName": "Jensen"}, "NAME.middleName": "Jane",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value": "26118915-6090"}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen", "name": {"givenName": "Barbara", "familyName": "Jensen", "middleName": "Jane"},
                     "%s": {"manager": {"value": "26118915-6090"}}}
                    """.formatted(ENTERPRISE)));
        }

        @Test
        void aDottedKeyIntoAMultiValuedAttributeIsRefusedRatherThanGuessedAt() {
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen", "emails.value": "b@example.com"}
                    """), "emails.value");
        }

        @Test
        void unknownAttributesSubAttributesAndSchemasAreIgnored() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:example:custom:1.0:User"],
                     "userName": "bjensen", "shoeSize": 42, "name": {"givenName": "Barbara", "nickname": "Babs"},
                     "name.shoeSize": 42, "urn:example:custom:1.0:User": {"badge": "7"},
                     "urn:example:custom:1.0:User:badge": "7", "a.b.c": "d",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"shoeSize": 42}}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen", "name": {"givenName": "Barbara"}}
                    """));
        }

        @Test
        void readOnlyAttributesAreSilentlyIgnored() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen", "id": "2819c223",
                     "meta": {"resourceType": "User"}, "groups": [{"value": "e9e30dba"}], "groups.value": "x",
                     "%s": {"manager": {"displayName": "John Smith"}}}
                    """.formatted(ENTERPRISE))).isEqualTo(json("""
                    {"userName": "bjensen"}
                    """));
        }

        @Test
        void nullsEmptyArraysAndEmptyObjectsAreAbsent() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "displayName": null, "emails": [], "phoneNumbers": [null], "name": {}, "addresses": [{"type": null}],
                     "ims": [{"value": "aim1"}, {}], "%s": {"manager": null}}
                    """.formatted(ENTERPRISE))).isEqualTo(json("""
                    {"userName": "bjensen", "ims": [{"value": "aim1"}]}
                    """));
        }

        @Test
        void aSingleValueForAMultiValuedAttributeIsWrappedInAnArray() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "emails": {"value": "b@example.com", "type": "work"}, "roles": "admin"}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen", "emails": [{"value": "b@example.com", "type": "work"}], "roles": [{"value": "admin"}]}
                    """));
        }

        /** Entra ID's provisioning jobs from before 2020. */
        @Test
        void aSimpleValueWrappedAsAListOfOneValueObjectIsThatValue() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "nickName": [{"value": "Babs"}], "active": [{"value": "False"}]}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen", "nickName": "Babs", "active": false}
                    """));
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "b",
                     "nickName": [{"value": "a"}, {"value": "b"}]}"""), "nickName is single-valued");
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "b",
                     "name": [{"value": "a"}]}"""), "name is single-valued");
        }

        @Test
        void theRequestBodyIsLeftAsSent() {
            ObjectNode body = json("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "name": {"familyName": "Jensen"}, "name.givenName": "Barbara", "active": "True"}
                    """);
            ObjectNode copy = body.deepCopy();

            users.read(body);

            assertThat(body).isEqualTo(copy);
        }
    }

    @Nested
    class Schemas {

        @Test
        void theBodyMustNameTheCoreSchemaInAnyCase() {
            assertThat(read("""
                    {"schemas": "urn:ietf:params:scim:schemas:core:2.0:user", "userName": "bjensen"}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen"}
                    """));
            assertInvalidValue(() -> read("""
                    {"userName": "bjensen"}
                    """), "schemas must contain urn:ietf:params:scim:schemas:core:2.0:User");
            assertInvalidValue(() -> read("""
                    {"schemas": ["%s"], "userName": "bjensen"}
                    """.formatted(ENTERPRISE)), "schemas must contain");
            assertInvalidValue(() -> read("""
                    {"schemas": [42], "userName": "bjensen"}
                    """), "schemas must contain");
        }

        @Test
        void aBodyThatIsNotAnObjectIsInvalidSyntax() {
            assertScimError(() -> users.read(JsonNodeFactory.instance.arrayNode()), "invalidSyntax", "JSON object");
            assertScimError(() -> users.read(null), "invalidSyntax", "JSON object");
        }

        @Test
        void validatingAttributesWithoutSchemasIsForPatchResults() {
            assertThat(users.validate(json("""
                    {"userName": "bjensen", "schemas": ["anything"]}
                    """)).attributes()).isEqualTo(json("""
                    {"userName": "bjensen"}
                    """));
        }
    }

    @Nested
    class Types {

        @Test
        void booleansMayBeStringsInAnyCaseAsEntraSendsThem() {
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen", "active": "False",
                     "emails": [{"value": "b@example.com", "primary": "TRUE"}]}
                    """)).isEqualTo(json("""
                    {"userName": "bjensen", "active": false, "emails": [{"value": "b@example.com", "primary": true}]}
                    """));
        }

        @Test
        void wrongTypesAreInvalidValuesNamingTheAttribute() {
            assertInvalidValue(() -> user("\"userName\": 42"), "userName must be a string");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"active\": \"yes\""), "active must be a boolean");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"active\": 1"), "active must be a boolean");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"name\": \"Barbara Jensen\""), "name must be an object");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"name\": {\"givenName\": [\"Barbara\"]}"),
                    "name.givenName is single-valued");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"emails\": [{\"value\": 42}]"), "emails.value must be a string");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"emails\": [[\"b@example.com\"]]"), "emails must be an object");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"displayName\": [\"Babs\"]"), "displayName is single-valued");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"x509Certificates\": [{\"value\": 42}]"),
                    "x509Certificates.value must be a string");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"profileUrl\": true"), "profileUrl must be a string");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"x509Certificates\": [{\"value\": \"%%%\"}]"),
                    "x509Certificates.value must be base64-encoded binary");
            assertInvalidValue(() -> user("\"userName\": \"b\\uD800\""), "userName must be Unicode text");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"title\": \"\\uDC00x\""), "title must be Unicode text");
            assertInvalidValue(() -> user("\"userName\": \"b\\u0000\""), "userName must not hold the NUL character");
        }

        @Test
        void extensionValuesAreCheckedAndNamedWithTheirUrn() {
            assertInvalidValue(() -> user("\"userName\": \"b\", \"%s\": \"Tour Operations\"".formatted(ENTERPRISE)),
                    ENTERPRISE + " must be an object");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"%s\": {\"department\": 7}".formatted(ENTERPRISE)),
                    ENTERPRISE + ":department must be a string");
            assertInvalidValue(() -> user("\"userName\": \"b\", \"%s:manager\": 7".formatted(ENTERPRISE)),
                    ENTERPRISE + ":manager must be an object");
        }

        private void user(String attributes) {
            read("{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], " + attributes + "}");
        }
    }

    @Nested
    class Rules {

        @Test
        void userNameIsRequiredAndNotBlank() {
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "Babs"}
                    """), "userName is required");
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "  "}
                    """), "userName is required");
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": null}
                    """), "userName is required");
        }

        @Test
        void atMostOneValueIsPrimary() {
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "emails": [{"value": "a@example.com", "primary": true}, {"value": "b@example.com", "primary": "True"}]}
                    """), "emails has 2 values marked primary");
            assertThat(read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
                     "emails": [{"value": "a@example.com", "primary": true}, {"value": "b@example.com", "primary": false}]}
                    """).path("emails")).hasSize(2);
        }

        @Test
        void thePasswordIsReturnedApartAndNeverWithTheAttributes() {
            ReadResource withPassword = users.read(json("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen", "PASSWORD": "t1meMa$heen"}
                    """));
            ReadResource without = users.read(json("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen", "password": null}
                    """));

            assertThat(withPassword.attributes()).isEqualTo(json("{\"userName\": \"bjensen\"}"));
            assertThat(withPassword.password()).contains("t1meMa$heen");
            assertThat(without.password()).isEmpty();
            assertInvalidValue(() -> read("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen", "password": 1234}
                    """), "password must be a string");
        }
    }

    @Nested
    class TestSchema {

        private final ResourceReader widgets = new ResourceReader(SchemaTestSupport.widgets());

        private ObjectNode widget(String attributes) {
            return widgets.read(json("""
                    {"schemas": ["%s"], "%s": {"owner": "ops"}, %s}
                    """.formatted(WIDGET, WIDGET_EXTENSION, attributes))).attributes();
        }

        @Test
        void numbersMustBeNumbersAndIntegersWhole() {
            assertThat(widget("\"count\": 3, \"ratio\": 0.5")).isEqualTo(json("""
                    {"count": 3, "ratio": 0.5, "%s": {"owner": "ops"}}
                    """.formatted(WIDGET_EXTENSION)));
            assertThat(widget("\"ratio\": 2").path("ratio").intValue()).isEqualTo(2);
            assertInvalidValue(() -> widget("\"count\": 3.5"), "count must be an integer");
            assertInvalidValue(() -> widget("\"count\": \"3\""), "count must be an integer");
            assertInvalidValue(() -> widget("\"ratio\": \"0.5\""), "ratio must be a number");
        }

        @Test
        void dateTimesMustBeXsdDateTimes() {
            for (String valid : new String[] {"2008-01-23T04:56:22Z", "2008-01-23T04:56:22.123+02:00", "2008-01-23T04:56:22"}) {
                assertThat(widget("\"since\": \"" + valid + "\"").path("since").textValue()).isEqualTo(valid);
            }
            for (String invalid : new String[] {"\"2008-02-30T00:00:00Z\"", "\"2008-01-23\"", "\"yesterday\"", "1201063382"}) {
                assertInvalidValue(() -> widget("\"since\": " + invalid), "since must be");
            }
        }

        @Test
        void aRequiredExtensionMustBePresentWithItsRequiredAttributes() {
            assertInvalidValue(() -> widgets.read(json("""
                    {"schemas": ["%s"], "code": "w-1"}
                    """.formatted(WIDGET))), WIDGET_EXTENSION + " is required");
            assertInvalidValue(() -> widgets.read(json("""
                    {"schemas": ["%s"], "%s": {"badge": "7"}}
                    """.formatted(WIDGET, WIDGET_EXTENSION))), WIDGET_EXTENSION + ":owner is required");
        }

        @Test
        void requiredSubAttributesApplyToEachValueGiven() {
            assertInvalidValue(() -> widget("\"parts\": [{\"primary\": true}]"), "parts.value is required");
        }

        @Test
        void writeOnlyExtensionAttributesAreReturnedApartUnderTheirUrn() {
            ReadResource read = widgets.read(json("""
                    {"schemas": ["%s"], "pin": "1234", "%s": {"owner": "ops", "token": "s3cr3t"}}
                    """.formatted(WIDGET, WIDGET_EXTENSION)));

            assertThat(read.attributes()).isEqualTo(json("""
                    {"%s": {"owner": "ops"}}
                    """.formatted(WIDGET_EXTENSION)));
            assertThat(read.writeOnly()).isEqualTo(json("""
                    {"pin": "1234", "%s": {"token": "s3cr3t"}}
                    """.formatted(WIDGET_EXTENSION)));
        }
    }

    @Nested
    class Immutability {

        private final ResourceReader widgets = new ResourceReader(SchemaTestSupport.widgets());

        @Test
        void anImmutableAttributeMayBeSetOnceAndRepeated() {
            widgets.checkImmutable(json("{}"), json("{\"code\": \"w-1\"}"));
            widgets.checkImmutable(json("{\"code\": \"w-1\", \"count\": 1}"), json("{\"code\": \"w-1\", \"count\": 2}"));
            widgets.checkImmutable(json("{\"code\": null}"), json("{\"code\": \"w-1\"}"));
        }

        @Test
        void changingOrRemovingAnImmutableValueIsAMutabilityError() {
            assertScimError(() -> widgets.checkImmutable(json("{\"code\": \"w-1\"}"), json("{\"code\": \"w-2\"}")),
                    "mutability", "code is immutable");
            assertScimError(() -> widgets.checkImmutable(json("{\"code\": \"w-1\"}"), json("{}")), "mutability", "code");
        }

        @Test
        void subAttributesOfSingleValuedComplexAttributesAndExtensionsAreChecked() {
            assertScimError(() -> widgets.checkImmutable(json("{\"spec\": {\"serial\": \"s-1\"}}"),
                    json("{\"spec\": {\"serial\": \"s-2\"}}")), "mutability", "spec.serial");
            assertScimError(() -> widgets.checkImmutable(json("{\"%s\": {\"badge\": \"7\"}}".formatted(WIDGET_EXTENSION)),
                    json("{\"%s\": {\"badge\": \"8\"}}".formatted(WIDGET_EXTENSION))), "mutability", WIDGET_EXTENSION + ":badge");
            widgets.checkImmutable(json("{\"spec\": {\"serial\": \"s-1\", \"label\": \"a\"}}"),
                    json("{\"spec\": {\"serial\": \"s-1\", \"label\": \"b\"}}"));
        }

        @Test
        void valuesOfMultiValuedAttributesComeAndGoAsWholes() {
            widgets.checkImmutable(json("{\"parts\": [{\"value\": \"p-1\"}]}"), json("{\"parts\": [{\"value\": \"p-2\"}]}"));
        }

        @Test
        void numbersAreComparedByValueWhateverNodeTypeHoldsThem() {
            ObjectNode current = JsonNodeFactory.instance.objectNode().put("batch", 7);
            ObjectNode sameValue = JsonNodeFactory.instance.objectNode().put("batch", new BigDecimal("7.0"));

            widgets.checkImmutable(current, sameValue);
            assertScimError(() -> widgets.checkImmutable(current, json("{\"batch\": 8}")), "mutability", "batch");
        }

        @Test
        void theUserSchemaHasNoImmutableAttributesToTrip() {
            users.checkImmutable(json("{\"userName\": \"a\", \"externalId\": \"1\"}"),
                    json("{\"userName\": \"b\", \"externalId\": \"2\"}"));
        }
    }
}
