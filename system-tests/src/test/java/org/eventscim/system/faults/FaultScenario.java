package org.eventscim.system.faults;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventscim.stack.ScimStack;
import org.eventscim.system.faults.ReadSide.Resource;

/**
 * One fault under load, then the checks that nothing was lost: every acknowledged write is in the event
 * store, on Kafka and readable at its version; no failed write was half-applied; reads failed only as
 * SCIM errors; the read side caught up by itself.
 */
final class FaultScenario {

    static final int CLIENTS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration LOAD_AFTER_REPAIR = Duration.ofSeconds(10);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(120);

    private final ScimStack stack;
    private final ScimHttp scim;
    private final EventStore store;
    private final ReadSide readSide;

    FaultScenario(ScimStack stack, ScimHttp scim) {
        this.stack = stack;
        this.scim = scim;
        this.store = new EventStore(stack.infrastructure());
        this.readSide = new ReadSide(scim);
    }

    /** {@code writesMustSucceed}: the fault is one the command side must not depend on. */
    ScenarioResult run(String name, String label, Fault fault, boolean writesMustSucceed) throws Exception {
        List<String> problems = new ArrayList<>();
        Instant repaired;
        double catchUpSeconds;
        List<Answer> writes;
        List<Answer> reads;
        try (WriteLoad load = WriteLoad.start(scim, label, CLIENTS)) {
            Thread.sleep(WARM_UP);
            fault.injectAndHeal();
            repaired = Instant.now();
            Map<Resource, Long> acknowledgedBeforeRepair = acknowledgedVersions(load.writes());
            Map<Resource, Long> behind = readSide.awaitVersions(acknowledgedBeforeRepair, RECOVERY_LIMIT);
            catchUpSeconds = Duration.between(repaired, Instant.now()).toMillis() / 1000.0;
            if (!behind.isEmpty()) {
                problems.add("read side still behind " + RECOVERY_LIMIT.toSeconds() + " s after the repair: " + sample(behind));
            }
            Duration left = LOAD_AFTER_REPAIR.minus(Duration.between(repaired, Instant.now()));
            if (!left.isNegative()) {
                Thread.sleep(left);
            }
            load.close();
            writes = load.writes();
            reads = load.reads();
        }

        Map<Resource, Long> acknowledged = acknowledgedVersions(writes);
        Map<Resource, Long> unread = readSide.awaitVersions(acknowledged, RECOVERY_LIMIT);
        if (!unread.isEmpty()) {
            problems.add("acknowledged writes GET does not show: " + sample(unread));
        }
        checkStore(acknowledged, problems);
        Set<String> jumps = checkKafka(problems);
        checkGroupMembers(writes, problems);
        problems.addAll(store.inconsistencies());
        int[] retried = retryFailedCreates(writes, problems);
        checkWrites(writes, writesMustSucceed, problems);
        checkReads(reads, problems);

        return new ScenarioResult(name, writes.size(),
                (int) writes.stream().filter(Answer::acknowledged).count(),
                (int) writes.stream().filter(Answer::failed).count(),
                (int) writes.stream().filter(write -> !write.acknowledged() && !write.failed()).count(),
                writes.stream().mapToLong(Answer::millis).max().orElse(0), catchUpSeconds,
                reads.size(), (int) reads.stream().filter(read -> read.status() == 404).count(),
                (int) reads.stream().filter(read -> read.status() == 503).count(),
                retried[0], retried[1], jumps.size(), jumps.stream().limit(5).toList(), problems);
    }

    /** The newest acknowledged version of each resource written. */
    private static Map<Resource, Long> acknowledgedVersions(List<Answer> writes) {
        Map<Resource, Long> versions = new HashMap<>();
        for (Answer write : writes) {
            if (write.acknowledged() && write.resourceId() != null) {
                versions.merge(new Resource(write.resourceType(), write.resourceId()), write.version(), Math::max);
            }
        }
        return versions;
    }

    private void checkStore(Map<Resource, Long> acknowledged, List<String> problems) throws Exception {
        Map<String, Long> stored = store.versions();
        Map<Resource, Long> missing = new HashMap<>();
        acknowledged.forEach((resource, version) -> {
            if (stored.getOrDefault(resource.id(), 0L) < version) {
                missing.put(resource, stored.getOrDefault(resource.id(), 0L));
            }
        });
        if (!missing.isEmpty()) {
            problems.add("acknowledged writes missing from the event store: " + sample(missing));
        }
    }

    /**
     * Every stored event of every resource reaches the topic (the publisher passed it), in time: each
     * version 1..n, not only the newest, so a gap on the topic is told apart from a loss in the projection.
     */
    private Set<String> checkKafka(List<String> problems) throws Exception {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        Map<String, Long> unpublished;
        KafkaEvents.Contents topic;
        do {
            Map<String, Long> stored = store.versions();
            topic = KafkaEvents.read(stack.infrastructure().kafkaBootstrap());
            Map<String, BitSet> published = topic.versions();
            unpublished = new HashMap<>();
            for (Map.Entry<String, Long> resource : stored.entrySet()) {
                BitSet versions = published.getOrDefault(resource.getKey(), new BitSet());
                int firstMissing = versions.nextClearBit(1);
                if (firstMissing <= resource.getValue()) {
                    unpublished.put(resource.getKey(), (long) firstMissing);
                }
            }
        } while (!unpublished.isEmpty() && System.nanoTime() < deadline && pause());
        if (!unpublished.isEmpty()) {
            problems.add("stored events not on Kafka (resource → first version missing): " + sample(unpublished));
        }
        return topic.jumps();
    }

    /**
     * Each group's members are the same three ways: the command side's member table, what its events add
     * up to, and what GET shows; which of them differs tells where a change was lost.
     */
    private void checkGroupMembers(List<Answer> writes, List<String> problems) throws Exception {
        for (String group : writes.stream().filter(write -> write.operation().equals("create group"))
                .map(Answer::resourceId).toList()) {
            Set<String> stored = store.members(group);
            Set<String> byEvents = store.membersByEvents(group);
            Set<String> shown = readSide.members(group);
            if (!stored.equals(byEvents)) {
                problems.add("group " + group + ": the member table holds " + stored.size() + " members, its events add up to "
                        + byEvents.size());
            }
            if (!stored.equals(shown)) {
                Set<String> notShown = new HashSet<>(stored);
                notShown.removeAll(shown);
                Set<String> notStored = new HashSet<>(shown);
                notStored.removeAll(stored);
                problems.add("group " + group + " has " + stored.size() + " members in the store, GET shows " + shown.size()
                        + " (not shown: " + notShown + ", not stored: " + notStored + ")");
            }
        }
    }

    /**
     * A create that failed may have happened or not, but never half: sent again it is created (201), or it
     * had been (409, and the user is there to be found).
     */
    private int[] retryFailedCreates(List<Answer> writes, List<String> problems) throws Exception {
        int retried = 0;
        int alreadyApplied = 0;
        for (Answer create : writes.stream().filter(write -> write.failed() && write.operation().equals("create user")).toList()) {
            retried++;
            HttpResponse<String> again = scim.send("POST", "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s"}""".formatted(create.userName()));
            if (again.statusCode() == 409) {
                alreadyApplied++;
                HttpResponse<String> found = scim.send("GET", "/Users?filter="
                        + URLEncoder.encode("userName eq \"" + create.userName() + "\"", StandardCharsets.UTF_8), null);
                if (!found.body().contains("\"totalResults\":1")) {
                    problems.add("a failed create of " + create.userName() + " blocks its retry but is not readable: " + found.body());
                }
            } else if (again.statusCode() != 201) {
                problems.add("the retry of a failed create of " + create.userName() + " answered " + again.statusCode());
            }
        }
        return new int[] {retried, alreadyApplied};
    }

    private static void checkWrites(List<Answer> writes, boolean mustSucceed, List<String> problems) {
        for (Answer write : writes) {
            if (write.acknowledged()) {
                continue;
            }
            if (mustSucceed || !write.failed()) {
                problems.add("write not acknowledged: " + write);
            } else if (write.status() != -1 && !write.scimErrorBody()) {
                problems.add("5xx without a SCIM error body: " + write);
            }
            if (problems.size() > 20) {
                return;
            }
        }
    }

    /** Reads may fail while a server is down, as a SCIM error that says when to retry; nothing else. */
    private static void checkReads(List<Answer> reads, List<String> problems) {
        for (Answer read : reads) {
            boolean fine = read.status() == 200 || read.status() == 404
                    || (read.status() == 503 && read.scimErrorBody() && read.retryAfter());
            if (!fine) {
                problems.add("read answered " + read);
                return;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(1_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String sample(Map<?, Long> behind) {
        return behind.size() + " (e.g. " + behind.entrySet().stream().limit(5).toList() + ")";
    }
}
