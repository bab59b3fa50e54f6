package org.eventscim.query.rebuild;

import java.io.IOException;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/read-models/rebuild[?deletePrevious=true]} starts a {@link ReadModelRebuild} (202 with its
 * status; 409 while one runs) and {@code GET /internal/read-models/rebuild} shows the latest one (404 if none ran
 * since the service started). For the gateway's {@code /admin/v1/read-models/rebuild}, which lets only the
 * operator through; the caller token must carry {@code admin}.
 */
@RestController
@RequestMapping("/internal/read-models/rebuild")
class RebuildController {

    private final ReadModelRebuild rebuild;

    RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStatus start(Caller caller, @RequestParam(defaultValue = "false") boolean deletePrevious) throws IOException {
        caller.requireScope(Scopes.ADMIN);
        return rebuild.start(caller, deletePrevious);
    }

    @GetMapping
    RebuildStatus status(Caller caller) {
        caller.requireScope(Scopes.ADMIN);
        RebuildStatus status = rebuild.status();
        if (status == null) {
            throw ScimException.notFound("No rebuild of the read models ran since the service started.");
        }
        return status;
    }

}
