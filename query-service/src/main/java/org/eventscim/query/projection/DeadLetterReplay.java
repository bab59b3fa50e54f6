package org.eventscim.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eventscim.events.EventEnvelope;
import org.eventscim.query.deadletter.DeadLetterBatch;
import org.eventscim.query.deadletter.DeadLetters;
import org.eventscim.query.deadletter.Replayed;
import org.eventscim.query.index.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the dead letters again, in the event store's order, through the same writer as live events: once the
 * code that threw is fixed they apply, and their resources take events again. Letters that fail again are
 * stored again under the same ids. Runs on the projection's thread, so no live batch interleaves with it; a
 * letter is deleted only after what it holds is written, so a crash in between replays it once more, which is
 * harmless; a replay that fails before that changes nothing.
 */
final class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final DeadLetters deadLetters;
    private final ProjectionWriter writer;
    private final EventRecords records;
    private final ObjectMapper json;

    DeadLetterReplay(DeadLetters deadLetters, ProjectionWriter writer, EventRecords records, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.records = records;
        this.json = json;
    }

    Replayed replay() throws IOException {
        List<DeadLetter> letters = deadLetters.all();
        if (letters.isEmpty()) {
            return new Replayed(0, 0, 0);
        }
        DeadLetterBatch batch = deadLetters.replayOf(letters);
        List<EventEnvelope> events = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            try {
                events.add(letter.envelope() != null
                        ? records.envelope(json.writeValueAsBytes(letter.envelope()))
                        : records.envelope(letter.rawRecord() == null ? null : Base64.getDecoder().decode(letter.rawRecord())));
            } catch (IOException stillUnreadable) {
                batch.unreadable(letter);
            }
        }
        writer.write(events, batch);
        Set<String> applied = new HashSet<>();
        letters.stream().map(DeadLetter::id).filter(id -> !batch.ids().contains(id)).forEach(applied::add);
        deadLetters.forget(applied);
        Replayed replayed = new Replayed(letters.size(), applied.size(), batch.ids().size());
        log.info("Replayed dead letters: {}", replayed);
        return replayed;
    }
}
