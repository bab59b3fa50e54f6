package org.eventscim.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.eventscim.events.StreamPosition;
import org.junit.jupiter.api.Test;

class CanonicalEventTest {

    private static final StreamPosition AT = new StreamPosition(7, 3);

    @Test
    void everyFieldIsLengthPrefixedInTheDocumentedOrder() {
        StoredEvent event = new StoredEvent(AT, "e", "a", 258, "U", "T", null, "t", bytes("p"), bytes("m"));

        assertThat(HexFormat.of().formatHex(CanonicalEvent.encode(event))).isEqualTo(
                "0000000165" // event id "e"
                        + "0000000161" // aggregate id "a"
                        + "0000000000000102" // sequence number 258
                        + "0000000155" // aggregate type "U"
                        + "0000000154" // payload type "T"
                        + "ffffffff" // payload revision: absent
                        + "0000000174" // timestamp "t"
                        + "0000000170" // payload
                        + "000000016d"); // metadata
    }

    @Test
    void movingBytesFromOneFieldToTheNextChangesTheEncoding() {
        StoredEvent split = new StoredEvent(AT, "ab", "c", 0, "U", "T", null, "t", bytes("p"), bytes("m"));
        StoredEvent moved = new StoredEvent(AT, "a", "bc", 0, "U", "T", null, "t", bytes("p"), bytes("m"));

        assertThat(CanonicalEvent.encode(split)).isNotEqualTo(CanonicalEvent.encode(moved));
    }

    @Test
    void anAbsentValueDiffersFromAnEmptyOne() {
        StoredEvent absent = new StoredEvent(AT, "e", "a", 0, null, "T", null, "t", bytes("p"), null);
        StoredEvent empty = new StoredEvent(AT, "e", "a", 0, "", "T", null, "t", bytes("p"), new byte[0]);

        assertThat(CanonicalEvent.encode(absent)).isNotEqualTo(CanonicalEvent.encode(empty));
    }

    @Test
    void thePublicationPositionIsNotPartOfTheBytes() {
        StoredEvent here = new StoredEvent(AT, "e", "a", 0, "U", "T", null, "t", bytes("p"), bytes("m"));
        StoredEvent there = new StoredEvent(new StreamPosition(9, 9), "e", "a", 0, "U", "T", null, "t", bytes("p"), bytes("m"));

        assertThat(CanonicalEvent.encode(here)).isEqualTo(CanonicalEvent.encode(there));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
