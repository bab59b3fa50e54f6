package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FinishedWalksTest {

    private final FinishedWalks walks = new FinishedWalks();

    @Test
    void theMostRecentWalksStayOpenAndTheOldestIsClosedWhenOneMoreEnds() {
        for (int i = 0; i < FinishedWalks.KEPT; i++) {
            assertThat(walks.finished("pit-" + i)).isNull();
        }

        assertThat(walks.finished("pit-new")).isEqualTo("pit-0");
        assertThat(walks.finished("pit-newer")).isEqualTo("pit-1");
    }

    @Test
    void aRetriedLastPageKeepsItsWalkOnceAndMostRecent() {
        walks.finished("pit-retried");
        for (int i = 0; i < FinishedWalks.KEPT - 1; i++) {
            walks.finished("pit-" + i);
        }

        assertThat(walks.finished("pit-retried")).isNull();
        assertThat(walks.finished("pit-new")).isEqualTo("pit-0");
    }
}
