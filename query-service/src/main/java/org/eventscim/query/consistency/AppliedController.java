package org.eventscim.query.consistency;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.consistency.AppliedVersions;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.deadletter.DeadLetters;
import org.eventscim.query.search.TenantScopedSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Read-your-writes (DESIGN decision 8): the command-service asks here, before answering a write,
 * whether the read side already shows it. Answers without holding a request thread while waiting.
 */
@RestController
class AppliedController {

    private static final Logger log = LoggerFactory.getLogger(AppliedController.class);
    private static final Set<String> RESOURCE_TYPES = Set.of("User", "Group");

    private final AppliedVersions appliedVersions;
    private final AppliedFeed feed;
    private final TenantScopedSearch search;
    private final DeadLetters deadLetters;
    private final Duration maxWait;
    private final Duration lookUpAfter;
    private final Executor lookUps = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("applied-look-up-", 0).daemon().factory());

    AppliedController(AppliedVersions appliedVersions, AppliedFeed feed, TenantScopedSearch search,
                      DeadLetters deadLetters,
                      @Value("${scim.consistency.max-wait}") Duration maxWait,
                      @Value("${scim.consistency.look-up-after}") Duration lookUpAfter) {
        this.appliedVersions = appliedVersions;
        this.feed = feed;
        this.search = search;
        this.deadLetters = deadLetters;
        this.maxWait = maxWait;
        this.lookUpAfter = lookUpAfter;
    }

    /**
     * {@code {"applied": true}} once version ≥ {@code version} is applied (for a group: its document and
     * its memberships), so that reads by id and searches show it; false after the (capped) timeout, or as soon as
     * the resource is found parked behind a dead letter: no version of it will be applied until a replay, so
     * the write need not wait out the timeout (an IdP syncing that user would otherwise wait on every write).
     */
    @GetMapping("/internal/applied")
    CompletableFuture<Map<String, Boolean>> applied(@RequestParam String resourceType, @RequestParam String id,
                                                   @RequestParam long version,
                                                   @RequestParam(defaultValue = "0") long timeoutMs, Caller caller) {
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw ScimException.invalidValue("resourceType must be User or Group.");
        }
        ResourceKey resource = new ResourceKey(caller.tenantId(), resourceType, id);
        Duration timeout = Duration.ofMillis(Math.clamp(timeoutMs, 0, maxWait.toMillis()));
        // Register first, then look: a write applied in between is seen by one or the other.
        CompletableFuture<Boolean> applied = appliedVersions.await(resource, version, timeout);
        // A write is nearly always applied by this instance within milliseconds of the question. Only if it is
        // not by then may it have been applied before the instance started: then look it up in the index.
        CompletableFuture.runAsync(() -> lookUp(applied, resource, version),
                CompletableFuture.delayedExecutor(lookUpAfter.toMillis(), TimeUnit.MILLISECONDS, lookUps));
        return applied.thenApply(result -> Map.of("applied", result));
    }

    /**
     * What the projection applies from now on, of every tenant, as it happens ({@link AppliedFeed}): for the
     * command-service, which signs its own caller token with the {@code admin} scope of the operator's tenant.
     */
    @GetMapping("/internal/applied/feed")
    ResponseEntity<StreamingResponseBody> feed(Caller caller) {
        caller.requireScope(Scopes.ADMIN);
        AppliedFeed.Subscription subscription = feed.subscribe();
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(subscription::stream);
    }

    private void lookUp(CompletableFuture<Boolean> applied, ResourceKey resource, long version) {
        if (applied.isDone()) {
            return;
        }
        if (deadLetters.blocks(resource)) {
            applied.complete(false);
            return;
        }
        try {
            long stored = search.appliedVersion(resource.resourceType(), resource.tenant(), resource.resourceId());
            if (stored >= version) {
                appliedVersions.applied(resource, stored);
            }
        } catch (ScimException unavailable) {
            log.debug("Could not read {} now; waiting for the projection", resource);
        }
    }
}
