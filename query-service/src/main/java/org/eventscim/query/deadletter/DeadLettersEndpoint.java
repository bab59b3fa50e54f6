package org.eventscim.query.deadletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eventscim.query.index.DeadLetter;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/deadletters} on the query-service's own port, for operators: {@code GET} lists the waiting
 * letters (which event, which resource, why; not the events' contents), {@code POST} replays them and says
 * how many applied.
 */
@Component
@Endpoint(id = "deadletters")
class DeadLettersEndpoint {

    private static final int LISTED = 1000;
    private static final long REPLAY_WAIT_SECONDS = 120;

    private final DeadLetters deadLetters;

    DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * @param waiting how many letters wait
     * @param letters the first {@value #LISTED} of them, oldest event first
     */
    record Listing(int waiting, List<DeadLetter> letters) {
    }

    @ReadOperation
    Listing list() {
        try {
            return new Listing(deadLetters.count(), deadLetters.summaries(LISTED));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @WriteOperation
    Replayed replay() throws ExecutionException, TimeoutException {
        try {
            return deadLetters.requestReplay().get(REPLAY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the replay ran", interrupted);
        }
    }
}
