package org.eventscim.command.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.command.patch.PatchFixtures.ENTERPRISE;
import static org.eventscim.command.patch.PatchFixtures.json;
import static org.eventscim.command.patch.PatchFixtures.patch;
import static org.eventscim.command.patch.PatchFixtures.rejected;
import static org.eventscim.command.patch.PatchFixtures.user;
import static org.eventscim.command.patch.PatchFixtures.userWith;

import org.junit.jupiter.api.Test;

/** add, remove and replace on paths of every shape (RFC 7644 §3.5.2.1–3), names in any case. */
class UserPatchOperationsTest {

    @Test
    void replacesASubAttribute() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"name.familyName","value":"Jensen-Smith"}]}""");

        assertThat(patched.get("name")).isEqualTo(json("""
                {"givenName":"Barbara","familyName":"Jensen-Smith"}"""));
    }

    @Test
    void replacesASubAttributeOfTheValuesAFilterSelects() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"].value","value":"barbara@example.com"},
                               {"op":"replace","path":"addresses[type eq \\"work\\"].formatted","value":"1 Main St"}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"barbara@example.com","primary":true},{"type":"home","value":"babs@jensen.org"}]"""));
        assertThat(patched.get("addresses")).isEqualTo(json("""
                [{"type":"work","formatted":"1 Main St"}]"""));
    }

    @Test
    void replacesTheValuesAFilterSelects() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"]",
                                "value":{"type":"work","value":"barbara@example.com","primary":false}}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"barbara@example.com","primary":false},{"type":"home","value":"babs@jensen.org"}]"""));
    }

    @Test
    void addressesEnterpriseAttributesByTheirFullUrn() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"},
                               {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"42"}}]}""");

        assertThat(patched.get(ENTERPRISE)).isEqualTo(json("""
                {"department":"Sales","manager":{"value":"42"}}"""));
    }

    @Test
    void addressesTheWholeExtensionByItsUrn() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":{"costCenter":"4130"}}]}""");

        assertThat(patched.get(ENTERPRISE)).isEqualTo(json("""
                {"department":"Tour Operations","manager":{"value":"26118915"},"costCenter":"4130"}"""));
        assertThat(patched.size()).isEqualTo(user().size());
    }

    @Test
    void readsCoreAttributesNamedByTheCoreSchemaUrnAsTopLevelOnes() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:name.givenName","value":"Barb"}]}""");

        assertThat(patched.get("name").get("givenName").asText()).isEqualTo("Barb");
        assertThat(patched.has("urn:ietf:params:scim:schemas:core:2.0:User")).isFalse();
    }

    @Test
    void removesTheValuesAFilterSelects() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"emails[type eq \\"home\\"]"}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"bjensen@example.com","primary":true}]"""));
    }

    @Test
    void removeWithoutAPathHasNoTarget() {
        rejected("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove"}]}""", "noTarget");
    }

    @Test
    void matchesNamesInPathsInAnyCaseAndKeepsTheStoredSpelling() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"EMAILS[TYPE eq \\"work\\"].VALUE","value":"barbara@example.com"},
                               {"op":"Replace","path":"DisplayName","value":"Barbara"}]}""");

        assertThat(patched.get("emails").get(0)).isEqualTo(json("""
                {"type":"work","value":"barbara@example.com","primary":true}"""));
        assertThat(patched.get("displayName").asText()).isEqualTo("Barbara");
        assertThat(patched.has("DisplayName")).isFalse();
        assertThat(patched.has("EMAILS")).isFalse();
    }

    @Test
    void createsAValueThroughAnUpperCaseFilterWithTheStoredSpelling() {
        var patched = patch(userWith("""
                {"emails":[{"type":"home","value":"babs@jensen.org"}]}"""), """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"EMAILS[TYPE eq \\"work\\"].VALUE","value":"new@x"}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"home","value":"babs@jensen.org"},{"type":"work","value":"new@x"}]"""));
    }

    @Test
    void matchesNamesInValuesInAnyCaseAndKeepsTheStoredSpelling() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"emails","value":[{"Value":"babs@jensen.org","TYPE":"home"}]},
                               {"op":"replace","value":{"DISPLAYNAME":"Barbara","Name":{"GivenName":"Barb"}}}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"displayName":"Barbara","name":{"givenName":"Barb","familyName":"Jensen"}}"""));
    }

    @Test
    void addOnAMultiValuedAttributeAppendsButNotAnExactDuplicate() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"emails","value":[{"type":"other","value":"b@x.org"},
                                                                   {"type":"home","value":"babs@jensen.org"}]},
                               {"op":"add","path":"emails","value":{"type":"other","value":"c@x.org"}}]}""");

        assertThat(patched.get("emails")).isEqualTo(json("""
                [{"type":"work","value":"bjensen@example.com","primary":true},{"type":"home","value":"babs@jensen.org"},
                 {"type":"other","value":"b@x.org"},{"type":"other","value":"c@x.org"}]"""));
    }

    @Test
    void addOnASingularAttributeReplacesIt() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"title","value":"Manager"}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"title":"Manager"}"""));
    }

    @Test
    void replaceWithoutAPathMergesComplexAttributesAndReplacesMultiValuedOnes() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"name":{"givenName":"Barb"},"emails":[{"value":"b@x.org"}]}}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"name":{"givenName":"Barb","familyName":"Jensen"},"emails":[{"value":"b@x.org"}]}"""));
    }

    @Test
    void ignoresSchemasIdAndMetaInAValueWithoutAPath() {
        var patched = patch("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                                "id":"2819c223","meta":{"resourceType":"User"},"title":"Manager"}}]}""");

        assertThat(patched).isEqualTo(userWith("""
                {"title":"Manager"}"""));
    }
}
