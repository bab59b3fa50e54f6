package org.eventscim.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.eventscim.events.group.GroupMember;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.resource.ScimResources;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.membership.MembershipReferences;
import org.eventscim.query.search.Page;
import org.eventscim.query.search.SearchProperties;
import org.eventscim.query.user.UserRendering;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit API's reads of resources and events (scope {@code audit:read}), always of the caller's tenant: a
 * resource's history, the resource as it was at an instant, and a search over all events (the export is
 * {@link AuditExportController}). Every read is recorded
 * ({@link AuditReadRecorder}) before anything is answered; the recording runs beside the read, and a read
 * whose recording failed is not answered.
 */
@RestController
@RequestMapping("/audit/v1")
class AuditController {

    private static final Map<String, String> RESOURCE_TYPES = Map.of("Users", "User", "Groups", GroupMember.GROUP);

    private final AuditTrail trail;
    private final AuditReadRecorder recorder;
    private final MembershipReferences memberships;
    private final SearchProperties limits;
    private final AuditEntries entries;
    private final ObjectMapper json;
    /** Recording a read and the reads themselves are independent round trips: they run side by side. */
    private final ExecutorService concurrently = Executors.newVirtualThreadPerTaskExecutor();

    AuditController(AuditTrail trail, AuditReadRecorder recorder, MembershipReferences memberships,
                    SearchProperties limits, ObjectMapper json) {
        this.trail = trail;
        this.recorder = recorder;
        this.memberships = memberships;
        this.limits = limits;
        this.entries = new AuditEntries(json);
        this.json = json;
    }

    /** Every event of the resource, oldest first, with who, from where, and what it changed. */
    @GetMapping("/{resources}/{id}/history")
    ResponseEntity<ObjectNode> history(@PathVariable String resources, @PathVariable String id, Caller caller,
                                       HttpServletRequest request) {
        String resourceType = resourceType(resources);
        AuditScope.require(caller);
        Future<?> recorded = concurrently.submit(() -> recorder.record(caller, "history", request.getRequestURI()));
        List<AuditDocument> events = trail.resourceEvents(caller.tenantId(), resourceType, id, null);
        await(recorded);
        if (events.isEmpty()) {
            throw notFound(resourceType, id);
        }
        ObjectNode body = json.createObjectNode();
        body.put("resourceType", resourceType).put("id", id).put("totalResults", events.size());
        ArrayNode resourcesNode = body.putArray("Resources");
        events.forEach(event -> resourcesNode.add(entries.json(event, false)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * The resource as it was at {@code asOf}, rendered as {@code GET /Users/{id}} renders it now: the
     * resource's events up to that instant folded by the read models' own projectors, its memberships then
     * from the membership events (display names as they are now). Not created yet, or deleted by then: 404.
     */
    @GetMapping("/{resources}/{id}")
    ResponseEntity<ObjectNode> asOf(@PathVariable String resources, @PathVariable String id,
                                    @RequestParam(required = false) String asOf, Caller caller,
                                    HttpServletRequest request) {
        String resourceType = resourceType(resources);
        AuditScope.require(caller);
        Instant instant = AuditQuery.instant("asOf", asOf);
        if (instant == null) {
            throw ScimException.invalidValue("asOf is required: the instant to show the resource at.");
        }
        Future<?> recorded = concurrently.submit(() -> recorder.record(caller, "asOf",
                request.getRequestURI() + "?asOf=" + instant));
        String tenant = caller.tenantId();
        boolean group = GroupMember.GROUP.equals(resourceType);
        // A user's groups then come from the groups' membership events, searched beside its own events.
        Future<List<AuditDocument>> membershipEvents = group ? null
                : concurrently.submit(() -> trail.membershipEventsOf(tenant, id, instant));
        List<AuditDocument> events = trail.resourceEvents(tenant, resourceType, id, instant);
        await(recorded);
        ObjectNode resource;
        ResourceDocument document;
        if (group) {
            PastResources.PastGroup past = PastResources.group(events);
            document = present(past.document(), resourceType, id, instant);
            ArrayNode members = memberships.membersFrom(tenant, past.members(), true, caller.baseUrl())
                    .get(document.resourceId());
            resource = ScimResources.group(document.resourceId(), document.attributes(), members, document.created(),
                    document.lastModified(), document.version(), caller.baseUrl());
        } else {
            document = present(PastResources.user(events), resourceType, id, instant);
            List<AuditDocument> groupEvents = await(membershipEvents);
            List<MembershipDocument> groups = PastResources.groupsOf(tenant, id, groupEvents,
                    trail.deletedGroups(tenant, groupEvents.stream().map(AuditDocument::resourceId)
                            .collect(Collectors.toSet()), instant));
            resource = UserRendering.render(document, memberships.groupsFrom(tenant, groups, caller.baseUrl()).get(id),
                    caller.baseUrl());
        }
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .header(HttpHeaders.ETAG, ScimResources.etag(document.version()))
                .body(resource);
    }

    /**
     * The tenant's events matching every given criterion, newest first (by stream position), paged by cursor
     * (RFC 9865: {@code cursor=} empty or absent starts, each page gives {@code nextCursor} until the last).
     */
    @GetMapping("/events")
    ResponseEntity<ObjectNode> events(@RequestParam(required = false) String resourceType,
                                      @RequestParam(required = false) String resourceId,
                                      @RequestParam(required = false) String actorId,
                                      @RequestParam(required = false) String eventType,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String count,
                                      @RequestParam(required = false) String cursor,
                                      Caller caller) {
        AuditScope.require(caller);
        AuditQuery query = AuditQuery.of(resourceType, resourceId, actorId, eventType, from, to);
        int size = Page.count(count, limits);
        Future<?> recorded = concurrently.submit(() -> recorder.record(caller, "events", query.describe()));
        AuditTrail.Page page = trail.page(caller.tenantId(), query, size, cursor);
        await(recorded);
        ObjectNode body = json.createObjectNode();
        body.put("totalResults", page.totalResults()).put("itemsPerPage", page.events().size());
        if (page.nextCursor() != null) {
            body.put("nextCursor", page.nextCursor());
        }
        ArrayNode resources = body.putArray("Resources");
        page.events().forEach(event -> resources.add(entries.json(event, true)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The task's result; its failure as it was thrown (a ScimException stays one). */
    private static <T> T await(Future<T> task) {
        try {
            return task.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static ResourceDocument present(ResourceDocument document, String resourceType, String id, Instant asOf) {
        if (document == null) {
            throw ScimException.notFound(resourceType + " " + id + " did not exist at " + asOf + ".");
        }
        if (document.deleted()) {
            throw ScimException.notFound(resourceType + " " + id + " was deleted at " + document.lastModified()
                    + ", before " + asOf + ".");
        }
        return document;
    }

    private static String resourceType(String resources) {
        String type = RESOURCE_TYPES.get(resources);
        if (type == null) {
            throw ScimException.notFound("No audit history of " + resources + "; there are Users and Groups.");
        }
        return type;
    }

    private static ScimException notFound(String resourceType, String id) {
        return ScimException.notFound(resourceType + " " + id + " not found.");
    }
}
