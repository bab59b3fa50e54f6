package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

class PageTest {

    private static final SearchProperties LIMITS = new SearchProperties(100, 1000);

    @Test
    void defaultsToTheFirstHundred() {
        assertThat(Page.of(null, null, LIMITS)).isEqualTo(new Page(1, 100));
    }

    @Test
    void startIndexBelowOneMeansOneAndCountIsCapped() {
        assertThat(Page.of(0, 5000, LIMITS)).isEqualTo(new Page(1, 1000));
        assertThat(Page.of(-3, -1, LIMITS)).isEqualTo(new Page(1, 0));
    }

    @Test
    void aPageIsCutToTheResultWindowAndStartsBeyondItAreRefused() {
        assertThat(new Page(91, 50).within(100)).isEqualTo(new Page(91, 10));
        assertThat(new Page(500, 0).within(100)).isEqualTo(new Page(500, 0));
        assertThatThrownBy(() -> new Page(101, 10).within(100))
                .isInstanceOfSatisfying(ScimException.class, failure -> assertThat(failure.scimType()).isEqualTo("tooMany"));
    }
}
