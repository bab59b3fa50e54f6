package org.eventscim.command.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.command.patch.PatchFixtures.rejected;

import org.junit.jupiter.api.Test;

/** Bad requests answer 400 with the scimType RFC 7644 §3.12 gives them, and name the operation. */
class UserPatchErrorsTest {

    @Test
    void anUnparseablePathIsAnInvalidPath() {
        var e = rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"title","value":"x"},{"op":"replace","path":"emails..value","value":"x"}]}""",
                "invalidPath");

        assertThat(e.getMessage()).contains("Operations[1]").contains("emails..value");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"name.givenName.first","value":"x"}]}""", "invalidPath");
    }

    @Test
    void aFilterThatDoesNotParseIsAnInvalidPath() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"emails[type xx \\"work\\"].value","value":"x"}]}""", "invalidPath");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"emails[type eq"}]}""", "invalidPath");
    }

    /** Found by PatchPathFuzzTest: the SDK failed with a NullPointerException or a ClassCastException (a 500). */
    @Test
    void pathsTheSdkCouldNotReadAreInvalidPaths() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"name.givenName[value eq \\"a\\" or value eq \\"b\\"]","value":"x"}]}""",
                "invalidPath");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"emails[value eq [\\"a\\"]].type"}]}""", "invalidPath");
    }

    @Test
    void aSubAttributeOfValuesAFilterDoesNotSelectHasNoTarget() {
        var e = rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"emails[type eq \\"other\\"].value"}]}""", "noTarget");

        assertThat(e.getMessage()).contains("Operations[0]").contains("emails[type eq \"other\"].value");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"emails[type sw \\"x\\"].value","value":"x@y"}]}""", "noTarget");
    }

    @Test
    void aValueWithoutAPathMustBeAnObject() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":"Manager"}]}""", "invalidValue");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","value":[{"title":"Manager"}]}]}""", "invalidValue");
    }

    @Test
    void readOnlyAttributesCannotBePatched() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"id","value":"x"}]}""", "mutability");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"meta.lastModified","value":"2024-01-01T00:00:00Z"}]}""", "mutability");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"groups","value":[{"value":"g1"}]}]}""", "mutability");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","value":{"Groups":[{"value":"g1"}]}}]}""", "mutability");
    }

    @Test
    void aPathMustNameAnAttributeOfTheSchema() {
        var e = rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"nickName","value":"Babs"},{"op":"replace","path":"nosuchattr","value":"x"}]}""",
                "invalidPath");

        assertThat(e.getMessage()).contains("Operations[1]").contains("nosuchattr");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"name.nosuch","value":"x"}]}""", "invalidPath");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"urn:example:params:scim:schemas:extension:foo:2.0:User:bar"}]}""",
                "invalidPath");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"title":"Boss","foo":"bar"}}]}""", "invalidPath");
    }

    @Test
    void aValueFilterLeftOpenIsAnInvalidPath() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"","value":"x"}]}""", "invalidPath");
    }

    @Test
    void theValuesAFilterSelectsAreReplacedOnlyByAnObject() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"]","value":"x@example.com"}]}""",
                "invalidValue");
    }
}
