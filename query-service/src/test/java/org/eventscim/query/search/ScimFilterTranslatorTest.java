package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import java.util.ArrayList;
import java.util.List;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.GroupSchema;
import org.eventscim.query.index.UserSchema;
import org.json.JSONException;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

class ScimFilterTranslatorTest {

    private static final MembershipResolver NO_MEMBERSHIPS = value -> {
        throw new AssertionError("No membership predicate expected, got one for " + value);
    };

    private final ScimFilterTranslator translator = new ScimFilterTranslator(UserSchema.SCHEMA);
    private final ScimFilterTranslator groups = new ScimFilterTranslator(GroupSchema.SCHEMA);
    private final List<String> resolved = new ArrayList<>();

    @Test
    void equalityOnACaseInsensitiveStringIsATermOnTheNormalisedKeyword() {
        assertQuery("userName eq \"Alice@Example.com\"",
                "{'term':{'resource.userName':{'value':'Alice@Example.com'}}}");
    }

    @Test
    void attributeNamesAreCaseInsensitiveAndMayCarryTheCoreSchemaUrn() {
        assertQuery("USERNAME eq \"a\"", "{'term':{'resource.userName':{'value':'a'}}}");
        assertQuery("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a\"",
                "{'term':{'resource.userName':{'value':'a'}}}");
    }

    @Test
    void idAndExternalIdAreCaseExact() {
        assertQuery("id eq \"AbC\"", "{'term':{'resourceId':{'value':'AbC'}}}");
        assertQuery("externalId sw \"AbC\"",
                "{'prefix':{'resource.externalId':{'value':'AbC','case_insensitive':false}}}");
    }

    @Test
    void containsStartsWithAndEndsWithMatchLiterally() {
        assertQuery("displayName co \"a*b?\"",
                "{'wildcard':{'resource.displayName':{'value':'*a\\\\*b\\\\?*','case_insensitive':true}}}");
        assertQuery("displayName sw \"Ann\"",
                "{'prefix':{'resource.displayName':{'value':'Ann','case_insensitive':true}}}");
        assertQuery("displayName ew \"son\"",
                "{'wildcard':{'resource.displayName':{'value':'*son','case_insensitive':true}}}");
    }

    @Test
    void notEqualIsTheNegationOfEqual() {
        assertQuery("title ne \"CEO\"",
                "{'bool':{'must_not':[{'term':{'resource.title':{'value':'CEO'}}}]}}");
    }

    @Test
    void presenceIsExistence() {
        assertQuery("title pr", "{'exists':{'field':'resource.title'}}");
        assertQuery("emails pr",
                "{'nested':{'path':'resource.emails','query':{'match_all':{}},'score_mode':'none'}}");
    }

    @Test
    void orderingComparesStringsAndDates() {
        assertQuery("userName gt \"m\"", "{'range':{'resource.userName':{'gt':'m'}}}");
        assertQuery("meta.lastModified ge \"2025-03-01T10:00:00+01:00\"",
                "{'range':{'lastModified':{'gte':'2025-03-01T09:00:00Z'}}}");
        assertQuery("meta.created lt \"2025-03-01T10:00:00Z\"",
                "{'range':{'created':{'lt':'2025-03-01T10:00:00Z'}}}");
    }

    @Test
    void metaResourceTypeMatchesEveryResourceOfTheEndpointOrNone() {
        assertQuery("meta.resourceType eq \"User\"", "{'match_all':{}}");
        assertQuery("META.RESOURCETYPE eq \"Group\"", "{'match_none':{}}");
        assertQuery("meta.resourceType eq \"user\"", "{'match_none':{}}");
        assertQuery("meta.resourceType pr and meta.resourceType sw \"Us\"",
                "{'bool':{'filter':[{'match_all':{}},{'match_all':{}}]}}");
        assertQuery("meta.resourceType eq null", "{'bool':{'must_not':[{'match_all':{}}]}}");
        assertQuery("meta[resourceType ne \"User\"]",
                "{'bool':{'filter':[{'exists':{'field':'created'}},{'match_none':{}}]}}");
        assertGroupQuery("urn:ietf:params:scim:schemas:core:2.0:Group:meta.resourceType eq \"Group\"", "{'match_all':{}}");
        assertInvalid("meta.resourceType eq 1", "quoted string");
    }

    @Test
    void booleansCompareWithBooleans() {
        assertQuery("active eq true", "{'term':{'resource.active':{'value':true}}}");
        assertInvalid("active eq \"yes\"", "boolean");
        assertInvalid("active gt true", "not supported");
    }

    @Test
    void logicalOperatorsCombine() {
        assertQuery("userName eq \"a\" or (title pr and not (active eq false))",
                "{'bool':{'should':["
                        + "{'term':{'resource.userName':{'value':'a'}}},"
                        + "{'bool':{'filter':["
                        + "  {'exists':{'field':'resource.title'}},"
                        + "  {'bool':{'must_not':[{'term':{'resource.active':{'value':false}}}]}}]}}"
                        + "],'minimum_should_match':'1'}}");
    }

    @Test
    void subAttributesOfSingleValuedComplexAttributesAreDottedFields() {
        assertQuery("name.familyName eq \"Jensen\"", "{'term':{'resource.name.familyName':{'value':'Jensen'}}}");
    }

    @Test
    void eachComparisonOnAMultiValuedAttributeIsItsOwnNestedQuery() {
        assertQuery("emails.type eq \"work\" and emails.value co \"@x\"",
                "{'bool':{'filter':["
                        + "{'nested':{'path':'resource.emails','score_mode':'none',"
                        + "  'query':{'term':{'resource.emails.type':{'value':'work'}}}}},"
                        + "{'nested':{'path':'resource.emails','score_mode':'none',"
                        + "  'query':{'wildcard':{'resource.emails.value':{'value':'*@x*','case_insensitive':true}}}}}"
                        + "]}}");
    }

    @Test
    void aValueFilterMustMatchWithinOneValue() {
        assertQuery("emails[type eq \"work\" and value co \"@x\"]",
                "{'nested':{'path':'resource.emails','score_mode':'none','query':{'bool':{'filter':["
                        + "{'term':{'resource.emails.type':{'value':'work'}}},"
                        + "{'wildcard':{'resource.emails.value':{'value':'*@x*','case_insensitive':true}}}"
                        + "]}}}}");
    }

    @Test
    void aMultiValuedAttributeComparedDirectlyMeansItsValue() {
        assertQuery("emails eq \"a@x\"",
                "{'nested':{'path':'resource.emails','score_mode':'none',"
                        + "'query':{'term':{'resource.emails.value':{'value':'a@x'}}}}}");
    }

    @Test
    void negationOutsideAValueFilterExcludesEveryValue() {
        assertQuery("emails.value ne \"a@x\"",
                "{'bool':{'must_not':[{'nested':{'path':'resource.emails','score_mode':'none',"
                        + "'query':{'term':{'resource.emails.value':{'value':'a@x'}}}}}]}}");
    }

    @Test
    void enterpriseExtensionAttributesAreAddressedByTheirUrn() {
        assertQuery("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"42\"",
                "{'term':{'resource.urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.employeeNumber':"
                        + "{'value':'42'}}}");
        assertQuery("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m1\"",
                "{'term':{'resource.urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager.value':"
                        + "{'value':'m1'}}}");
    }

    @Test
    void andBindsTighterThanOrAndParenthesesOverrideIt() {
        assertQuery("title pr or userName eq \"a\" and active eq true",
                "{'bool':{'should':["
                        + "{'exists':{'field':'resource.title'}},"
                        + "{'bool':{'filter':[{'term':{'resource.userName':{'value':'a'}}},"
                        + "  {'term':{'resource.active':{'value':true}}}]}}"
                        + "],'minimum_should_match':'1'}}");
        assertQuery("(title pr or userName eq \"a\") and active eq true",
                "{'bool':{'filter':["
                        + "{'bool':{'should':[{'exists':{'field':'resource.title'}},"
                        + "  {'term':{'resource.userName':{'value':'a'}}}],'minimum_should_match':'1'}},"
                        + "{'term':{'resource.active':{'value':true}}}"
                        + "]}}");
    }

    @Test
    void notAndOrInsideAValueFilterStayWithinOneValue() {
        assertQuery("emails[not (type eq \"work\") or value co \"@x\"]",
                "{'nested':{'path':'resource.emails','score_mode':'none','query':{'bool':{'should':["
                        + "{'bool':{'must_not':[{'term':{'resource.emails.type':{'value':'work'}}}]}},"
                        + "{'wildcard':{'resource.emails.value':{'value':'*@x*','case_insensitive':true}}}"
                        + "],'minimum_should_match':'1'}}}}");
    }

    @Test
    void aValueFilterOnASingleValuedComplexAttributeNeedsTheAttribute() {
        // Without the existence clause, "not" inside the brackets would match users who have no manager at all.
        assertQuery("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value ne \"m1\"]",
                "{'bool':{'filter':["
                        + "{'exists':{'field':'resource.urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager'}},"
                        + "{'bool':{'must_not':[{'term':{'resource.urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
                        + ".manager.value':{'value':'m1'}}}]}}]}}");
        assertQuery("name[not (givenName pr)]",
                "{'bool':{'filter':[{'exists':{'field':'resource.name'}},"
                        + "{'bool':{'must_not':[{'exists':{'field':'resource.name.givenName'}}]}}]}}");
    }

    @Test
    void nullMeansAbsentForEqualityAndInequality() {
        assertQuery("title eq null", "{'bool':{'must_not':[{'exists':{'field':'resource.title'}}]}}");
        assertQuery("title ne null", "{'exists':{'field':'resource.title'}}");
        assertQuery("emails.value eq null",
                "{'bool':{'must_not':[{'nested':{'path':'resource.emails','score_mode':'none',"
                        + "'query':{'exists':{'field':'resource.emails.value'}}}}]}}");
        assertQuery("emails[display eq null]",
                "{'nested':{'path':'resource.emails','score_mode':'none',"
                        + "'query':{'bool':{'must_not':[{'exists':{'field':'resource.emails.display'}}]}}}}");
    }

    @Test
    void substringOperatorsApplyToStringsOnly() {
        assertInvalid("meta.created co \"2025\"", "Operator 'co' is not supported on date time attribute 'created'");
        assertInvalid("meta.lastModified sw \"2025\"", "Operator 'sw' is not supported on date time");
        assertInvalid("active ew \"ue\"", "Operator 'ew' is not supported on boolean attribute 'active'");
        assertInvalid("emails.primary co \"t\"", "not supported on boolean attribute 'primary'");
    }

    @Test
    void aStringIsComparedWithAStringOnly() {
        assertInvalid("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq 42",
                "employeeNumber is a string; compare it with a quoted string");
        assertInvalid("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber co 4", "quoted string");
        assertInvalid("userName gt 1.5", "quoted string");
    }

    @Test
    void everyOperatorAndAttributeNameIsCaseInsensitive() {
        assertQuery("Name.FamilyName SW \"J\" AND EMAILS[Type EQ \"work\"] OR NOT (Title PR)",
                "{'bool':{'should':["
                        + "{'bool':{'filter':["
                        + "  {'prefix':{'resource.name.familyName':{'value':'J','case_insensitive':true}}},"
                        + "  {'nested':{'path':'resource.emails','score_mode':'none',"
                        + "    'query':{'term':{'resource.emails.type':{'value':'work'}}}}}]}},"
                        + "{'bool':{'must_not':[{'exists':{'field':'resource.title'}}]}}"
                        + "],'minimum_should_match':'1'}}");
        assertQuery("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:Department eq \"R&D\"",
                "{'term':{'resource.urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department':"
                        + "{'value':'R&D'}}}");
    }

    @Test
    void malformedFiltersAreInvalidFilters() {
        assertInvalid("userName eq", "Invalid filter");
        assertInvalid("userName xx \"a\"", "Invalid filter");
        assertInvalid("(userName eq \"a\"", "Invalid filter");
        assertInvalid("userName eq \"a\" \") or true", "Invalid filter");
    }

    @Test
    void unknownAttributesAndUnsupportedCombinationsAreInvalidFilters() {
        assertInvalid("password eq \"x\"", "Unknown or unfilterable attribute 'password'");
        assertInvalid("name.nope eq \"x\"", "name.nope");
        assertInvalid("urn:example:custom:User:foo eq \"x\"", "Unknown");
        assertInvalid("name eq \"x\"", "not supported on complex attribute 'name'");
        assertInvalid("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"m1\"",
                "Operator 'eq' is not supported on complex attribute 'manager'");
        assertInvalid("meta gt \"2025-01-01T00:00:00Z\"", "not supported on complex attribute 'meta'");
        assertInvalid("emails[nope eq \"x\"]", "emails.nope");
        assertInvalid("userName[value eq \"x\"]", "no sub-attributes");
        assertInvalid("meta.created gt \"yesterday\"", "not a valid dateTime");
        assertInvalid("userName gt null", "cannot compare userName with null");
        assertInvalid("userName co true", "quoted string");
        // Found by ScimFilterFuzzTest: the SDK's parser threw ClassCastException (a 500) for these.
        assertInvalid("userName eq [\"a\"]", "comparison values are strings");
        assertInvalid("emails[value ew {}]", "comparison values are strings");
        assertInvalid("userName eq \"" + "a".repeat(ScimFilterTranslator.MAX_FILTER_LENGTH) + "\"", "longer than");
    }

    @Test
    void invalidFiltersAreBadRequestsWithScimTypeInvalidFilter() {
        assertThatThrownBy(() -> translator.translate("userName eq", NO_MEMBERSHIPS))
                .isInstanceOfSatisfying(ScimException.class, failure -> {
                    assertThat(failure.status().value()).isEqualTo(400);
                    assertThat(failure.scimType()).isEqualTo("invalidFilter");
                });
    }

    @Test
    void groupDisplayNamesCompareIgnoringCaseAndExternalIdsExactly() {
        assertGroupQuery("displayName eq \"Admins\"", "{'term':{'resource.displayName':{'value':'Admins'}}}");
        assertGroupQuery("externalId eq \"G-1\"", "{'term':{'resource.externalId':{'value':'G-1'}}}");
        assertGroupQuery("id eq \"g1\"", "{'term':{'resourceId':{'value':'g1'}}}");
    }

    @Test
    void everyWayIdpsNameAMemberResolvesToTheIdsOfItsGroups() {
        for (String filter : List.of("members eq \"u1\"", "members.value eq \"u1\"", "members[value eq \"u1\"]",
                "MEMBERS[VALUE eq \"u1\"]", "urn:ietf:params:scim:schemas:core:2.0:Group:members.value eq \"u1\"")) {
            assertGroupQuery(filter, "{'terms':{'resourceId':['g1','g2']}}");
        }
        assertThat(resolved).containsOnly("u1");
    }

    @Test
    void aMemberOfNoGroupMatchesNoGroup() {
        assertGroupQuery("members eq \"u2\"", "{'terms':{'resourceId':[]}}");
    }

    @Test
    void memberPredicatesCombineWithTheOtherConditionsAsOktaAndEntraSendThem() {
        assertGroupQuery("id eq \"g2\" and members eq \"u1\"",
                "{'bool':{'filter':[{'term':{'resourceId':{'value':'g2'}}},{'terms':{'resourceId':['g1','g2']}}]}}");
        assertGroupQuery("displayName eq \"Admins\" or not (members[value eq \"u1\"])",
                "{'bool':{'should':[{'term':{'resource.displayName':{'value':'Admins'}}},"
                        + "{'bool':{'must_not':[{'terms':{'resourceId':['g1','g2']}}]}}],'minimum_should_match':'1'}}");
    }

    @Test
    void aUsersGroupsResolveToTheIdsOfTheGroupsUsers() {
        ScimFilterTranslator users = new ScimFilterTranslator(UserSchema.SCHEMA);
        Query query = users.translate("groups[value eq \"g1\"] and active eq true",
                group -> group.equals("g1") ? List.of("u1", "u3") : List.of());

        assertJson("groups", query, "{'bool':{'filter':[{'terms':{'resourceId':['u1','u3']}},"
                + "{'term':{'resource.active':{'value':true}}}]}}");
    }

    @Test
    void membersCanOnlyBeFilteredByEqualityOfTheirValue() {
        for (String filter : List.of("members pr", "members co \"u\"", "members.value ne \"u1\"",
                "members.display eq \"Alice\"", "members[type eq \"User\"]",
                "members[value eq \"u1\" and type eq \"User\"]")) {
            assertThatThrownBy(() -> groups.translate(filter, this::groupsOf)).as(filter)
                    .isInstanceOfSatisfying(ScimException.class, failure -> assertThat(failure.scimType()).isEqualTo("invalidFilter"))
                    .hasMessageContaining("can only be filtered by equality of its value");
        }
        assertThatThrownBy(() -> groups.translate("members eq null", this::groupsOf))
                .hasMessageContaining("can only be filtered by equality of its value");
        assertThatThrownBy(() -> groups.translate("userName eq \"a\"", this::groupsOf)).hasMessageContaining("Unknown");
        assertThat(resolved).isEmpty();
    }

    /** Stands in for one tenant's memberships read model: u1 is in g1 and g2, nobody else in any group. */
    private List<String> groupsOf(String member) {
        resolved.add(member);
        return member.equals("u1") ? List.of("g1", "g2") : List.of();
    }

    private void assertGroupQuery(String filter, String expectedJson) {
        assertJson(filter, groups.translate(filter, this::groupsOf), expectedJson);
    }

    private void assertQuery(String filter, String expectedJson) {
        assertJson(filter, translator.translate(filter, NO_MEMBERSHIPS), expectedJson);
    }

    private static void assertJson(String filter, Query query, String expectedJson) {
        String actual = JsonpUtils.toJsonString(query, new JacksonJsonpMapper());
        try {
            JSONAssert.assertEquals(expectedJson.replace('\'', '"'), actual, JSONCompareMode.STRICT);
        } catch (AssertionError | JSONException mismatch) {
            throw new AssertionError(filter + " → " + actual + "\n" + mismatch.getMessage(), mismatch);
        }
    }

    private void assertInvalid(String filter, String detailPart) {
        assertThatThrownBy(() -> translator.translate(filter, NO_MEMBERSHIPS))
                .isInstanceOf(ScimException.class)
                .hasMessageContaining(detailPart);
    }
}
