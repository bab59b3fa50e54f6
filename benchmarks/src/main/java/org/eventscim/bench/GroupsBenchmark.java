package org.eventscim.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The group figures of issue #4, against a running service:
 * <ol>
 *   <li>lost updates: 8 clients add 1,000 distinct members to one group, one PATCH each, and remove 500
 *       of them right after adding them; exactly the other 500 must remain, with one version per change
 *       (repeated {@code rounds} times);</li>
 *   <li>adding one member to a group that already has {@code groupSize} members: p50/p99 of the PATCH;</li>
 *   <li>deleting a user who is in 1,000 groups: the DELETE's duration, then no membership of it is left.</li>
 * </ol>
 */
final class GroupsBenchmark {

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int CLIENTS = 8;
    private static final int MEMBERS_PER_REQUEST = 1_000;

    private final ScimHttp scim;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong failures = new AtomicLong();

    GroupsBenchmark(ScimHttp scim) {
        this.scim = scim;
    }

    void run(int rounds, int groupSize, int samples) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<String> users = createUsers(clients, 1_000, "member");
            lostUpdates(clients, users, rounds);
            bigGroup(clients, users, groupSize, samples);
            userInManyGroups(clients, 1_000);
        }
        System.out.printf("failed requests: %d%n", failures.get());
    }

    private void lostUpdates(ExecutorService clients, List<String> users, int rounds) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            String group = createGroup("concurrent-" + runId + "-" + round, List.of());
            long start = System.nanoTime();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                boolean removeAgain = i % 2 == 0;
                tasks.add(() -> {
                    expect(204, patch(group, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"));
                    if (removeAgain) {
                        expect(204, patch(group, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user + "\\\"]\"}"));
                    }
                    return null;
                });
            }
            for (Future<Void> done : clients.invokeAll(tasks)) {
                done.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ScimHttp.Reply read = scim.send("GET", "/Groups/" + group, null);
            Set<String> members = new HashSet<>();
            read.body().path("members").forEach(member -> members.add(member.path("value").asText()));
            Set<String> expected = new HashSet<>();
            for (int i = 1; i < users.size(); i += 2) {
                expected.add(users.get(i));
            }
            long lost = expected.stream().filter(id -> !members.contains(id)).count()
                    + members.stream().filter(id -> !expected.contains(id)).count();
            System.out.printf("round %d: %d adds + %d removes by %d clients in %.1f s (%.0f changes/s): %d members remain"
                            + " (expected %d), version %s (expected W/\"%d\"), lost or extra updates: %d%n",
                    round, users.size(), users.size() / 2, CLIENTS, seconds, users.size() * 1.5 / seconds, members.size(),
                    expected.size(), read.body().path("meta").path("version").asText(), 1 + users.size() * 3 / 2, lost);
        }
    }

    private void bigGroup(ExecutorService clients, List<String> spareUsers, int groupSize, int samples) throws Exception {
        List<String> members = createUsers(clients, groupSize, "big");
        String group = createGroup("big-" + runId, List.of());
        long start = System.nanoTime();
        for (int from = 0; from < members.size(); from += MEMBERS_PER_REQUEST) {
            List<String> chunk = members.subList(from, Math.min(members.size(), from + MEMBERS_PER_REQUEST));
            expect(204, patch(group, "{\"op\":\"add\",\"path\":\"members\",\"value\":" + memberArray(chunk) + "}"));
        }
        System.out.printf("filled a group with %d members in %.1f s (%d members per PATCH)%n", members.size(),
                (System.nanoTime() - start) / 1e9, MEMBERS_PER_REQUEST);
        Histogram add = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram remove = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        int warmUp = Math.min(20, samples);
        for (int i = 0; i < samples + warmUp; i++) {
            String user = spareUsers.get(i % spareUsers.size());
            long t0 = System.nanoTime();
            expect(204, patch(group, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"));
            long t1 = System.nanoTime();
            expect(204, patch(group, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user + "\\\"]\"}"));
            long t2 = System.nanoTime();
            if (i >= warmUp) {
                add.recordValue((t1 - t0) / 1_000);
                remove.recordValue((t2 - t1) / 1_000);
            }
        }
        long getStart = System.nanoTime();
        ScimHttp.Reply whole = scim.send("GET", "/Groups/" + group, null);
        long getMillis = (System.nanoTime() - getStart) / 1_000_000;
        System.out.printf("group of %d members: add one member p50 %.1f ms, p99 %.1f ms; remove one p50 %.1f ms, p99 %.1f ms"
                        + " (%d samples each, 1 client); full GET returned %d members in %d ms%n",
                groupSize, add.getValueAtPercentile(50) / 1000.0, add.getValueAtPercentile(99) / 1000.0,
                remove.getValueAtPercentile(50) / 1000.0, remove.getValueAtPercentile(99) / 1000.0, samples,
                whole.body().path("members").size(), getMillis);
    }

    private void userInManyGroups(ExecutorService clients, int groups) throws Exception {
        String user = createUsers(clients, 1, "leaver").getFirst();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            String name = "leaver-" + runId + "-" + i;
            tasks.add(() -> {
                createGroup(name, List.of(user));
                return null;
            });
        }
        for (Future<Void> done : clients.invokeAll(tasks)) {
            done.get();
        }
        long start = System.nanoTime();
        expect(204, scim.send("DELETE", "/Users/" + user, null));
        long millis = (System.nanoTime() - start) / 1_000_000;
        ScimHttp.Reply left = scim.send("GET", ScimHttp.filter("Groups", "members[value eq \"" + user + "\"]"), null);
        System.out.printf("deleting a user in %d groups took %d ms; groups still listing it: %s%n", groups, millis,
                left.body() == null ? "?" : left.body().path("totalResults").asText());
    }

    private List<String> createUsers(ExecutorService clients, int count, String prefix) throws Exception {
        long start = System.nanoTime();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String userName = prefix + "-" + runId + "-" + i + "@bench.example";
            tasks.add(() -> {
                ScimHttp.Reply created = scim.send("POST", "/Users",
                        "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"" + userName + "\"}");
                expect(201, created);
                return created.body().path("id").asText();
            });
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> id : clients.invokeAll(tasks)) {
            ids.add(id.get());
        }
        if (count > 1) {
            System.out.printf("created %d users with %d clients in %.1f s%n", count, CLIENTS, (System.nanoTime() - start) / 1e9);
        }
        return ids;
    }

    private String createGroup(String displayName, List<String> members) throws IOException, InterruptedException {
        ScimHttp.Reply created = scim.send("POST", "/Groups", "{\"schemas\":[\"" + GROUP_SCHEMA + "\"],\"displayName\":\""
                + displayName + "\",\"members\":" + memberArray(members) + "}");
        expect(201, created);
        return created.body().path("id").asText();
    }

    private ScimHttp.Reply patch(String group, String operation) throws IOException, InterruptedException {
        return scim.send("PATCH", "/Groups/" + group,
                "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operation + "]}");
    }

    private static String memberArray(List<String> ids) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"value\":\"").append(ids.get(i)).append("\"}");
        }
        return json.append(']').toString();
    }

    private void expect(int status, ScimHttp.Reply reply) {
        if (reply.status() != status) {
            if (failures.incrementAndGet() <= 5) {
                System.err.println("unexpected " + reply.status() + ": " + reply.body());
            }
        }
    }
}
