package org.eventscim.command.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventscim.command.patch.PatchFixtures.patch;
import static org.eventscim.command.patch.PatchFixtures.rejected;
import static org.eventscim.command.patch.PatchFixtures.user;

import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

/** The request envelope and the {@code op} member (RFC 7644 §3.5.2). */
class UserPatchRequestTest {

    @Test
    void requiresThePatchOpSchema() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "Operations":[{"op":"replace","path":"title","value":"x"}]}""", "invalidValue");
        rejected("""
                {"Operations":[{"op":"replace","path":"title","value":"x"}]}""", "invalidValue");
    }

    @Test
    void acceptsTheSchemaUrnInAnyCaseAndALowerCaseOperationsMember() {
        var patched = patch("""
                {"schemas":["URN:IETF:PARAMS:SCIM:API:MESSAGES:2.0:PATCHOP"],
                 "operations":[{"op":"replace","path":"title","value":"Manager"}]}""");

        assertThat(patched.get("title").asText()).isEqualTo("Manager");
    }

    @Test
    void requiresANonEmptyOperationsArray() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""", "invalidSyntax");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{"op":"add"}}""", "invalidSyntax");
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""", "invalidValue");
    }

    @Test
    void readsOpNamesInAnyCaseAsEntraIdSendsThem() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Add","path":"nickName","value":"Babs"},
                               {"op":"Replace","path":"title","value":"Manager"},
                               {"op":"Remove","path":"displayName"}]}""");

        assertThat(patched.get("nickName").asText()).isEqualTo("Babs");
        assertThat(patched.get("title").asText()).isEqualTo("Manager");
        assertThat(patched.has("displayName")).isFalse();
    }

    @Test
    void rejectsAnUnknownOp() {
        var e = rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"merge","path":"title","value":"x"}]}""", "invalidSyntax");

        assertThat(e.getMessage()).contains("Operations[0]");
    }

    @Test
    void appliesOperationsInOrderEachSeeingTheResultOfTheOneBefore() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"nickName","value":"Babs"},
                               {"op":"replace","path":"NICKNAME","value":"Barb"}]}""");

        assertThat(patched.get("nickName").asText()).isEqualTo("Barb");
        assertThat(patched.has("NICKNAME")).isFalse();
    }

    @Test
    void leavesTheCurrentUserUnchangedWhenAnyOperationFails() {
        var current = user();

        assertThatThrownBy(() -> patch(current, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"title","value":"Manager"},
                               {"op":"remove","path":"emails[type eq \\"other\\"].value"}]}"""))
                .isInstanceOf(ScimException.class);

        assertThat(current).isEqualTo(user());
    }

    @Test
    void aPatchThatChangesNothingReturnsAnEqualUser() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Babs Jensen"},
                               {"op":"add","path":"emails","value":[{"value":"babs@jensen.org","type":"home"}]},
                               {"op":"remove","path":"nickName"},
                               {"op":"replace","value":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}}]}""");

        assertThat(patched).isEqualTo(user());
    }
}
