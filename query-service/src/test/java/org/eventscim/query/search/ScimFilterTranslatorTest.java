package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.UserSchema;
import org.json.JSONException;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

class ScimFilterTranslatorTest {

    private final ScimFilterTranslator translator = new ScimFilterTranslator(UserSchema.SCHEMA);

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
        assertInvalid("emails[nope eq \"x\"]", "emails.nope");
        assertInvalid("userName[value eq \"x\"]", "no sub-attributes");
        assertInvalid("meta.created gt \"yesterday\"", "not a valid dateTime");
        assertInvalid("userName eq null", "needs a value");
        assertInvalid("userName co true", "quoted string");
        assertInvalid("userName eq \"" + "a".repeat(ScimFilterTranslator.MAX_FILTER_LENGTH) + "\"", "longer than");
    }

    @Test
    void invalidFiltersAreBadRequestsWithScimTypeInvalidFilter() {
        assertThatThrownBy(() -> translator.translate("userName eq"))
                .isInstanceOfSatisfying(ScimException.class, failure -> {
                    assertThat(failure.status().value()).isEqualTo(400);
                    assertThat(failure.scimType()).isEqualTo("invalidFilter");
                });
    }

    private void assertQuery(String filter, String expectedJson) {
        Query query = translator.translate(filter);
        String actual = JsonpUtils.toJsonString(query, new JacksonJsonpMapper());
        try {
            JSONAssert.assertEquals(expectedJson.replace('\'', '"'), actual, JSONCompareMode.STRICT);
        } catch (AssertionError | JSONException mismatch) {
            throw new AssertionError(filter + " → " + actual + "\n" + mismatch.getMessage(), mismatch);
        }
    }

    private void assertInvalid(String filter, String detailPart) {
        assertThatThrownBy(() -> translator.translate(filter))
                .isInstanceOf(ScimException.class)
                .hasMessageContaining(detailPart);
    }
}
