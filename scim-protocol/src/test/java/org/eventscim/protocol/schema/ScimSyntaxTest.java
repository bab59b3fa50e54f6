package org.eventscim.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The faults of the SDK's parser repaired here: two found by fuzzing (ScimFilterFuzzTest, PatchPathFuzzTest), one by a compliance probe. */
class ScimSyntaxTest {

    @Test
    void aJsonArrayOrObjectAsComparisonValueIsABadRequest() {
        assertThatThrownBy(() -> ScimSyntax.filter("userName eq [\"a\"]"))
                .isInstanceOfSatisfying(BadRequestException.class,
                        refused -> assertThat(refused.getScimError().getScimType()).isEqualTo("invalidFilter"));
        assertThatThrownBy(() -> ScimSyntax.path("emails[value eq {\"a\":1}].type"))
                .isInstanceOfSatisfying(BadRequestException.class,
                        refused -> assertThat(refused.getScimError().getScimType()).isEqualTo("invalidPath"));
    }

    @Test
    void anAndChainBeforeOrIsOneFlatConjunction() throws BadRequestException {
        assertThat(ScimSyntax.filter("a eq 1 and b eq 2 and c eq 3 or d eq 4"))
                .hasToString("((a eq 1 and b eq 2 and c eq 3) or d eq 4)");
        assertThat(ScimSyntax.path("emails[a eq 1 and b eq 2 and c eq 3 or d eq 4].value"))
                .hasToString("emails[((a eq 1 and b eq 2 and c eq 3) or d eq 4)].value");
        assertThat(ScimSyntax.filter("not (a eq 1 and (b eq 2 and c eq 3)) or x[a pr and b pr and c pr or d pr]"))
                .hasToString("(not ((a eq 1 and b eq 2 and c eq 3)) or x[((a pr and b pr and c pr) or d pr)])");
    }

    @Test
    void sixtyAndsBeforeOrParseToATreeOfSixtyThreeNodes() throws BadRequestException {
        // Walked as the SDK returns it, this filter has 2^60 nodes.
        String filter = String.join(" and ", Collections.nCopies(60, "userName eq \"a\"")) + " or title pr";
        assertThat(nodes(ScimSyntax.filter(filter))).isEqualTo(63);
    }

    private static long nodes(Filter filter) {
        long nodes = 1;
        for (Filter operand : filter.getCombinedFilters() == null ? List.<Filter>of() : filter.getCombinedFilters()) {
            nodes += nodes(operand);
        }
        return nodes;
    }

    @Test
    void aValueFilterOrGroupLeftOpenIsRefused() throws BadRequestException {
        assertThatThrownBy(() -> ScimSyntax.filter("userName eq \"a\" and emails[type eq \"work\""))
                .isInstanceOfSatisfying(BadRequestException.class,
                        refused -> assertThat(refused.getScimError().getScimType()).isEqualTo("invalidFilter"));
        assertThatThrownBy(() -> ScimSyntax.filter("(userName eq \"a\" or userName eq \"b\""))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> ScimSyntax.path("emails[type eq \"work\""))
                .isInstanceOfSatisfying(BadRequestException.class,
                        refused -> assertThat(refused.getScimError().getScimType()).isEqualTo("invalidPath"));
        assertThat(ScimSyntax.filter("userName eq \"a[(\\\"\" and emails[type eq \"]\"]"))
                .hasToString("(userName eq \"a[(\\\"\" and emails[type eq \"]\"])");
    }

    /** Entra ID matching users by work email; the SDK refused it. */
    @Test
    void aComparisonAfterAValueFilterIsReadAsPartOfIt() throws BadRequestException {
        assertThat(ScimSyntax.filter("emails[type eq \"work\"].value eq \"a@b.c\""))
                .hasToString("emails[(type eq \"work\" and value eq \"a@b.c\")]");
        assertThat(ScimSyntax.filter("userName eq \"x]\" or (emails[type eq \"work\"].value pr and active eq true)"))
                .hasToString("(userName eq \"x]\" or (emails[(type eq \"work\" and value pr)] and active eq true))");
        assertThat(ScimSyntax.filter("x[a eq 1].b eq 2 and y[c eq \"]\"].d ew \"e\\\"]\""))
                .hasToString("(x[(a eq 1 and b eq 2)] and y[(c eq \"]\" and d ew \"e\\\"]\")])");
        assertThatThrownBy(() -> ScimSyntax.filter("emails[type eq \"work\"].value"))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void literalsAreReadInAnyCaseOutsideQuotedStrings() throws BadRequestException {
        assertThat(ScimSyntax.filter("active eq True and title eq NULL"))
                .hasToString("(active eq true and title eq null)");
        assertThat(ScimSyntax.path("emails[primary eq FALSE].value")).hasToString("emails[primary eq false].value");
        assertThat(ScimSyntax.filter("title eq \"True\" or trueName eq true"))
                .hasToString("(title eq \"True\" or trueName eq true)");
        assertThatThrownBy(() -> ScimSyntax.filter("active eq Truest")).isInstanceOf(BadRequestException.class);
    }
}
