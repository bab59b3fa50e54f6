package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

class PageTest {

    private static final SearchProperties LIMITS = new SearchProperties(100, 1000, Duration.ofMinutes(10));

    @Test
    void defaultsToTheFirstHundred() {
        assertThat(Page.of(null, null, LIMITS)).isEqualTo(new Page(1, 100));
        assertThat(Page.of("", " ", LIMITS)).isEqualTo(new Page(1, 100));
    }

    @Test
    void startIndexBelowOneMeansOneNegativeCountZeroAndCountIsCapped() {
        assertThat(Page.of("0", "5000", LIMITS)).isEqualTo(new Page(1, 1000));
        assertThat(Page.of("-3", "-1", LIMITS)).isEqualTo(new Page(1, 0));
        assertThat(Page.of(" 20001 ", "0", LIMITS)).isEqualTo(new Page(20_001, 0));
        assertThat(Page.of("99999999999", "99999999999", LIMITS)).isEqualTo(new Page(Integer.MAX_VALUE, 1000));
    }

    @Test
    void aValueThatIsNotAnIntegerIsAnInvalidValueNamingTheParameter() {
        assertThatThrownBy(() -> Page.of("abc", null, LIMITS))
                .isInstanceOfSatisfying(ScimException.class, failure -> {
                    assertThat(failure.scimType()).isEqualTo("invalidValue");
                    assertThat(failure.getMessage()).contains("startIndex").contains("'abc'");
                });
        assertThatThrownBy(() -> Page.count("1.5", LIMITS))
                .isInstanceOfSatisfying(ScimException.class, failure -> assertThat(failure.getMessage()).contains("count"));
    }
}
