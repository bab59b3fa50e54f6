package org.eventscim.command.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventscim.command.group.GroupState;
import org.eventscim.command.group.GroupWrites;
import org.eventscim.command.resource.ScimCommands;
import org.eventscim.command.user.UserState;
import org.eventscim.command.user.UserWrites;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.resource.ScimResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Performs a bulk request's operations (RFC 7644 §3.7) as the single writes they stand for: each one its
 * own command, with its own events and the request id plus its index as metadata, so the audit trail
 * shows a bulk request's parts; an operation that fails changes nothing and the others go on.
 *
 * <p>Operations run in request order, except that one referring to {@code bulkId:x} waits until the
 * operation creating {@code x} has succeeded, wherever it stands. A reference that can never be resolved
 * (no such bulkId, its creation failed, or a cycle) fails the operation with 409, as §3.7.1 allows.
 * Processing stops once {@code failOnErrors} operations have failed; the rest are not performed and not
 * reported. The read side is awaited once, after the last operation, instead of after each.
 */
@Service
class BulkProcessor {

    private static final Logger log = LoggerFactory.getLogger(BulkProcessor.class);

    private final UserWrites users;
    private final GroupWrites groups;

    BulkProcessor(UserWrites users, GroupWrites groups) {
        this.users = users;
        this.groups = groups;
    }

    List<BulkResult> process(Caller caller, BulkRequest request) {
        ScimCommands.requireWriteScope(caller);
        Job job = new Job(caller, request);
        job.run();
        job.written.values().forEach(write -> awaitReadSide(caller, write));
        return job.results.stream().sorted(Comparator.comparingInt(BulkResult::index)).toList();
    }

    /** A successful write: its HTTP status, the resource written, its version afterwards, whether it appended that. */
    private record Written(int status, String resourceType, String id, long version, boolean appended) {
    }

    private final class Job {

        private final Caller caller;
        private final BulkRequest request;
        private final Set<String> declaredBulkIds = new HashSet<>();
        private final Map<String, String> createdIds = new HashMap<>();
        private final Set<String> failedBulkIds = new HashSet<>();
        private final Map<String, Written> written = new LinkedHashMap<>();
        private final List<BulkResult> results = new ArrayList<>();
        private int failures;

        Job(Caller caller, BulkRequest request) {
            this.caller = caller;
            this.request = request;
            request.operations().stream()
                    .filter(operation -> "POST".equals(operation.method()) && operation.bulkId() != null)
                    .forEach(operation -> declaredBulkIds.add(operation.bulkId()));
        }

        void run() {
            List<BulkOperation> pending = new ArrayList<>(request.operations());
            while (!pending.isEmpty() && !stopped()) {
                boolean progressed = false;
                for (BulkOperation operation : List.copyOf(pending)) {
                    if (stopped()) {
                        return;
                    }
                    Set<String> references = BulkReferences.of(operation);
                    String unresolvable = references.stream()
                            .filter(bulkId -> !declaredBulkIds.contains(bulkId) || failedBulkIds.contains(bulkId))
                            .findFirst().orElse(null);
                    if (unresolvable != null) {
                        fail(operation, conflict("bulkId \"" + unresolvable + "\" " + (declaredBulkIds.contains(unresolvable)
                                ? "could not be created" : "is not created by any operation of this request") + "."));
                    } else if (createdIds.keySet().containsAll(references)) {
                        perform(BulkReferences.resolved(operation, createdIds));
                    } else {
                        continue;
                    }
                    pending.remove(operation);
                    progressed = true;
                }
                if (!progressed) {
                    // Every operation left waits for another one left: the references form a cycle.
                    for (BulkOperation operation : pending) {
                        if (stopped()) {
                            return;
                        }
                        fail(operation, conflict("The bulkId references of this operation form a cycle ("
                                + String.join(", ", BulkReferences.of(operation)) + "); split the request."));
                    }
                    return;
                }
            }
        }

        private boolean stopped() {
            return failures >= request.failOnErrors();
        }

        private void perform(BulkOperation operation) {
            String location = null;
            try {
                requireMethod(operation);
                BulkTarget target = BulkTarget.of(operation.method(), operation.path());
                if (target.id() != null) {
                    location = ScimResources.location(target.resourceType(), target.id(), caller.baseUrl());
                }
                Written write = write(caller.inBulkOperation(operation.index()), operation, target);
                location = ScimResources.location(write.resourceType(), write.id(), caller.baseUrl());
                written.put(write.resourceType() + "/" + write.id(), write);
                if (operation.bulkId() != null && operation.method().equals("POST")) {
                    createdIds.put(operation.bulkId(), write.id());
                }
                results.add(BulkResult.succeeded(operation, write.status(), location,
                        write.status() == HttpStatus.NO_CONTENT.value() ? null : ScimResources.etag(write.version())));
            } catch (ScimException failure) {
                fail(operation, location, failure);
            } catch (RuntimeException unexpected) {
                log.error("Bulk operation {} of request {} failed", operation.index(), caller.requestId(), unexpected);
                fail(operation, location, new ScimException(HttpStatus.INTERNAL_SERVER_ERROR, null,
                        "Internal error; the operation was not applied."));
            }
        }

        private Written write(Caller caller, BulkOperation operation, BulkTarget target) {
            boolean user = target.resourceType().equals("User");
            return switch (operation.method()) {
                case "POST" -> {
                    if (user) {
                        UserState created = users.create(caller, requireData(operation));
                        yield new Written(201, "User", created.userId(), created.version(), true);
                    }
                    GroupState created = groups.create(caller, requireData(operation));
                    yield new Written(201, "Group", created.groupId(), created.version(), true);
                }
                case "PUT" -> user
                        ? written(200, users.replace(caller, target.id(), requireData(operation), operation.version()))
                        : written(200, groups.replace(caller, target.id(), requireData(operation), operation.version()));
                case "PATCH" -> user
                        ? written(200, users.patch(caller, target.id(), requireData(operation), operation.version()))
                        : written(200, groups.patch(caller, target.id(), requireData(operation), operation.version()));
                default -> user
                        ? new Written(204, "User", target.id(), users.delete(caller, target.id(), operation.version()), true)
                        : new Written(204, "Group", target.id(), groups.delete(caller, target.id(), operation.version()), true);
            };
        }

        private static Written written(int status, UserState user) {
            return new Written(status, "User", user.userId(), user.version(), user.appended());
        }

        private static Written written(int status, GroupState group) {
            return new Written(status, "Group", group.groupId(), group.version(), group.appended());
        }

        private void fail(BulkOperation operation, ScimException failure) {
            fail(operation, null, failure);
        }

        private void fail(BulkOperation operation, String location, ScimException failure) {
            failures++;
            if (operation.bulkId() != null) {
                failedBulkIds.add(operation.bulkId());
            }
            results.add(BulkResult.failed(operation, location, failure));
        }
    }

    private void awaitReadSide(Caller caller, Written write) {
        if (write.resourceType().equals("User")) {
            users.awaitReadSide(caller, write.id(), write.version(), write.appended());
        } else {
            groups.awaitReadSide(caller, write.id(), write.version(), write.appended());
        }
    }

    private static void requireMethod(BulkOperation operation) {
        if (operation.method() == null || !Set.of("POST", "PUT", "PATCH", "DELETE").contains(operation.method())) {
            throw ScimException.invalidSyntax("An operation's method is POST, PUT, PATCH or DELETE, not "
                    + operation.method() + ".");
        }
        if (operation.method().equals("POST") && operation.bulkId() == null) {
            throw ScimException.invalidSyntax("A POST operation needs a bulkId (RFC 7644 §3.7).");
        }
    }

    private static JsonNode requireData(BulkOperation operation) {
        if (operation.data() == null || !operation.data().isObject()) {
            throw ScimException.invalidSyntax("A " + operation.method() + " operation needs \"data\", a JSON object.");
        }
        return operation.data();
    }

    private static ScimException conflict(String detail) {
        return new ScimException(HttpStatus.CONFLICT, null, detail);
    }
}
