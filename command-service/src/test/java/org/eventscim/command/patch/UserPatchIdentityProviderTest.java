package org.eventscim.command.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.command.patch.PatchFixtures.ENTERPRISE;
import static org.eventscim.command.patch.PatchFixtures.json;
import static org.eventscim.command.patch.PatchFixtures.patch;
import static org.eventscim.command.patch.PatchFixtures.userWith;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Requests exactly as Microsoft Entra ID and Okta send them. */
class UserPatchIdentityProviderTest {

    @Test
    void entraPathlessReplaceWithDottedAndUrnKeysIsExpandedIntoTheUsersShape() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","value":{"name.givenName":"A",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Eng","active":"False"}}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"name":{"givenName":"A","familyName":"Jensen"},"active":"False",
                 "%s":{"department":"Eng","manager":{"value":"26118915"}}}""".formatted(ENTERPRISE)));
    }

    /** The manager stays a bare id: the schema validator turns it into {"value":"mgr-id"}. */
    @Test
    void entraAddsTheManagerAsABareId() {
        var patched = patch(userWith("""
                {"%s":{"department":"Tour Operations"}}""".formatted(ENTERPRISE)), """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-id"}]}""");

        assertThat(patched.get(ENTERPRISE)).isEqualTo(json("""
                {"department":"Tour Operations","manager":"mgr-id"}"""));
    }

    @Test
    void entraReplaceOfAWorkEmailThatDoesNotExistYetCreatesIt() {
        var patched = patch(userWith("""
                {"emails":[{"type":"home","value":"babs@jensen.org"}]}"""), """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"new@x"}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"home","value":"babs@jensen.org"},{"type":"work","value":"new@x"}]"""));
    }

    @Test
    void entraReplaceWithANullValueRemovesTheAttribute() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"title","value":null}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"title":null}"""));
    }

    @Test
    void entraPathlessReplaceWithANullValueRemovesTheAttribute() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","value":{"title":null,"name.familyName":null}}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"title":null,"name":{"givenName":"Barbara"}}"""));
    }

    @Test
    void oktaDeactivatesWithAPathlessReplace() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"active":false}"""));
    }

    @Test
    void oktaDeactivatesWithAPath() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"active":false}"""));
    }

    @Test
    void entraAddOfAWorkEmailThatExistsReplacesItsValue() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Add","path":"emails[type eq \\"work\\"].value","value":"barbara@example.com"},
                               {"op":"Add","path":"addresses[type eq \\"work\\"].locality","value":"Hollywood"}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"barbara@example.com","primary":true},{"type":"home","value":"babs@jensen.org"}]"""));
        assertThat(patched.get("addresses")).isEqualTo(json("""
                [{"type":"work","formatted":"100 Universal City Plaza","locality":"Hollywood"}]"""));
    }

    /** RFC 7644 §3.5.2: the server sets primary to false on the other values. */
    @Test
    void aNewPrimaryValueDemotesTheFormerOne() {
        var added = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"emails","value":[{"value":"b@example.com","type":"other","primary":"True"}]}]}""");
        var marked = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"emails[type eq \\"home\\"].primary","value":true}]}""");

        assertThat(added.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"bjensen@example.com","primary":false},{"type":"home","value":"babs@jensen.org"},
                 {"value":"b@example.com","type":"other","primary":"True"}]"""));
        assertThat(marked.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"bjensen@example.com","primary":false},
                 {"type":"home","value":"babs@jensen.org","primary":true}]"""));
    }

    @Test
    void twoNewPrimaryValuesInOneOperationAreLeftForTheSchemaToRefuse() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"emails","value":[{"value":"a@x","primary":true},{"value":"b@x","primary":true}]}]}""");

        assertThat(patched.get("emails").findValues("primary")).extracting(JsonNode::asText)
                .containsExactly("false", "true", "true");
    }

    @Test
    void aRemoveOfAMultiValuedAttributeThatNamesValuesRemovesOnlyThose() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Remove","path":"emails","value":[{"value":"BABS@jensen.org"}]}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"bjensen@example.com","primary":true}]"""));
    }

    /** Entra ID's SCIM-compliant PATCH (aadOptscim062020): every change in one path-less value, filters in keys. */
    @Test
    void entraPathlessReplaceWithValueFilterKeysAppliesEachAtItsPath() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"displayName":"Pvlo",
                   "emails[type eq \\"work\\"].value":"barbara@example.com",
                   "phoneNumbers[type eq \\"mobile\\"].value":"+1 555 0100",
                   "name.givenName":"Ysmwmrc",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"9999"}}]}""");

        assertThat(patched.get("displayName").asText()).isEqualTo("Pvlo");
        assertThat(patched.get("name").get("givenName").asText()).isEqualTo("Ysmwmrc");
        assertThat(patched.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("9999");
        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"barbara@example.com","primary":true},{"type":"home","value":"babs@jensen.org"}]"""));
        assertThat(patched.get("phoneNumbers")).isEqualTo(json("""
                [{"type":"mobile","value":"+1 555 0100"}]"""));
    }
}
