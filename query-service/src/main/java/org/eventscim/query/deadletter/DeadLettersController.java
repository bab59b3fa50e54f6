package org.eventscim.query.deadletter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.DeadLetter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/read-models/dead-letters} lists the waiting letters (which event, which resource, why; not
 * the events' contents, which hold personal data), {@code POST /internal/read-models/dead-letters/replay} replays
 * them and says how many applied. For the gateway's {@code /admin/v1/read-models/dead-letters}, which lets only
 * the operator through (the letters are every tenant's); the caller token must carry {@code admin}.
 */
@RestController
@RequestMapping("/internal/read-models/dead-letters")
class DeadLettersController {

    private static final int LISTED = 1000;
    private static final long REPLAY_WAIT_SECONDS = 120;

    private final DeadLetters deadLetters;

    DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * @param waiting how many letters wait
     * @param letters the first {@value #LISTED} of them, oldest event first
     */
    record Listing(int waiting, List<DeadLetter> letters) {
    }

    @GetMapping
    Listing list(Caller caller) {
        caller.requireScope(Scopes.ADMIN);
        try {
            return new Listing(deadLetters.count(), deadLetters.summaries(LISTED));
        } catch (IOException failure) {
            throw unavailable();
        }
    }

    @PostMapping("/replay")
    Replayed replay(Caller caller) throws ExecutionException {
        caller.requireScope(Scopes.ADMIN);
        try {
            return deadLetters.requestReplay().get(REPLAY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException stillRunning) {
            // The projection is retrying a failed write; the replay runs once it gets through.
            throw unavailable();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }


    private static ScimException unavailable() {
        return new ScimException(HttpStatus.SERVICE_UNAVAILABLE, null, "The read model is unavailable; retry later.");
    }
}
