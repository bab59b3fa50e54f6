package org.eventscim.command.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void noHeaderOrAStarAcceptsAnyVersion() {
        assertThat(IfMatch.parse(null)).isNull();
        assertThat(IfMatch.parse(" ")).isNull();
        assertThat(IfMatch.parse(" * ")).isNull();
    }

    @Test
    void aListAcceptsEachOfItsVersionsWeakOrStrong() {
        IfMatch ifMatch = IfMatch.parse("W/\"7\", \"1\",W/\"12\"");

        assertThat(ifMatch.accepts(7)).isTrue();
        assertThat(ifMatch.accepts(1)).isTrue();
        assertThat(ifMatch.accepts(12)).isTrue();
        assertThat(ifMatch.accepts(2)).isFalse();
        assertThat(ifMatch).hasToString("W/\"7\", W/\"1\", W/\"12\"");
    }

    @Test
    void anythingButOurTagsIsAFailedPrecondition() {
        for (String header : new String[] {"W/\"7\", abc", "7", "W/\"x\"", "W/\"1\",", "W/\"1\" W/\"2\""}) {
            assertThatThrownBy(() -> IfMatch.parse(header)).as(header)
                    .isInstanceOfSatisfying(ScimException.class, refused -> assertThat(refused.status().value()).isEqualTo(412));
        }
    }
}
