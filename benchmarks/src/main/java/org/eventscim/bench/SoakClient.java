package org.eventscim.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One IdP connection of the soak: its own users and its own group (so clients never race each other into a
 * 404 or a 412), requests at a fixed rate in the weighted mix of {@link SoakKind}, each checked against the
 * answer an IdP relies on.
 */
final class SoakClient implements Runnable {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** A client this far behind its schedule starts afresh rather than bursting to catch up. */
    private static final long MAX_LAG = TimeUnit.SECONDS.toNanos(1);

    private final ScimHttp scim;
    private final String prefix;
    private final int poolSize;
    private final long periodNanos;
    private final SoakMetrics metrics;
    private final AtomicBoolean running;
    private final Random random;
    private final List<Account> users = new ArrayList<>();
    private final Set<String> members = new HashSet<>();
    private String groupId;
    private int created;

    /**
     * @param prefix   makes this client's userNames unique across clients and runs
     * @param poolSize users the client keeps; creates and deletes hold it there
     */
    SoakClient(ScimHttp scim, String prefix, int poolSize, double requestsPerSecond, SoakMetrics metrics, AtomicBoolean running) {
        this.scim = scim;
        this.prefix = prefix;
        this.poolSize = poolSize;
        this.periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
        this.metrics = metrics;
        this.running = running;
        this.random = new Random(prefix.hashCode());
    }

    private record Account(String id, String userName) {
    }

    /** Creates the client's users and group, unmeasured. */
    void prepare() throws IOException, InterruptedException {
        while (users.size() < poolSize) {
            expect(create(), "creating the pool");
        }
        ScimHttp.Reply group = scim.send("POST", "/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + prefix + "\"}");
        expect(group.status() == 201 ? null : "status " + group.status(), "creating the group");
        groupId = group.body().path("id").asText();
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        while (running.get()) {
            next += periodNanos;
            long wait = next - System.nanoTime();
            try {
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (-wait > MAX_LAG) {
                    next = System.nanoTime();
                }
                SoakKind kind = pick();
                long started = System.nanoTime();
                try {
                    String failure = perform(kind);
                    metrics.answered(kind, System.nanoTime() - started);
                    if (failure != null) {
                        metrics.failed(kind, failure);
                    }
                } catch (IOException noAnswer) {
                    metrics.unanswered(kind, noAnswer.toString());
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deletes what the client still has, unmeasured. */
    void cleanUp() throws IOException, InterruptedException {
        scim.send("DELETE", "/Groups/" + groupId, null);
        for (Account user : users) {
            scim.send("DELETE", "/Users/" + user.id(), null);
        }
    }

    private SoakKind pick() {
        int roll = random.nextInt(100);
        SoakKind picked = SoakKind.CREATE;
        for (SoakKind kind : SoakKind.values()) {
            if (roll < kind.weight()) {
                picked = kind;
                break;
            }
            roll -= kind.weight();
        }
        return switch (picked) {
            case CREATE -> users.size() < poolSize ? SoakKind.CREATE : SoakKind.DELETE;
            // The group holds about half the pool: add while it has less, remove otherwise.
            case MEMBER_ADD, MEMBER_REMOVE -> members.size() < users.size() / 2 ? SoakKind.MEMBER_ADD : SoakKind.MEMBER_REMOVE;
            default -> picked;
        };
    }

    /** Sends one request of {@code kind}; null when it was answered as an IdP expects, else what was wrong. */
    private String perform(SoakKind kind) throws IOException, InterruptedException {
        return switch (kind) {
            case CREATE -> create();
            case DELETE -> delete();
            case GET -> {
                Account user = anyUser();
                ScimHttp.Reply reply = scim.send("GET", "/Users/" + user.id(), null);
                yield unexpected(kind, reply, reply.body() != null && user.id().equals(reply.body().path("id").asText()), "another id");
            }
            case FILTER -> {
                ScimHttp.Reply reply = scim.send("GET", ScimHttp.filter("Users", "userName eq \"" + anyUser().userName() + "\""), null);
                yield unexpected(kind, reply, reply.body() != null && reply.body().path("totalResults").asInt() == 1, "not found");
            }
            case LIST -> {
                ScimHttp.Reply reply = scim.send("GET", "/Users?startIndex=" + (1 + random.nextInt(1000)) + "&count=50", null);
                yield unexpected(kind, reply, true, "");
            }
            case PATCH -> {
                ScimHttp.Reply reply = scim.send("PATCH", "/Users/" + anyUser().id(), patch());
                yield unexpected(kind, reply, true, "");
            }
            case MEMBER_ADD -> memberAdd();
            case MEMBER_REMOVE -> memberRemove();
        };
    }

    private String create() throws IOException, InterruptedException {
        String userName = prefix + "-" + (++created) + "@bench.example";
        ScimHttp.Reply reply = scim.send("POST", "/Users", """
                {"schemas":["%s"],"userName":"%s","displayName":"%s","active":true,"name":{"givenName":"Soak","familyName":"%d"},
                 "emails":[{"value":"%s","type":"work","primary":true}]}""".formatted(USER, userName, userName, created, userName));
        String failure = unexpected(SoakKind.CREATE, reply, reply.body() != null && reply.body().hasNonNull("id"), "no id");
        if (failure == null) {
            users.add(new Account(reply.body().path("id").asText(), userName));
        }
        return failure;
    }

    private String delete() throws IOException, InterruptedException {
        Account user = users.remove(random.nextInt(users.size()));
        // Deleting a user takes it out of its groups.
        members.remove(user.id());
        return unexpected(SoakKind.DELETE, scim.send("DELETE", "/Users/" + user.id(), null), true, "");
    }

    /** Entra ID's form (one capitalised Replace per attribute) or Okta's (one path-less replace), in turn. */
    private String patch() {
        int n = random.nextInt(1_000_000);
        if (random.nextBoolean()) {
            return """
                    {"schemas":["%s"],"Operations":[{"op":"Replace","path":"title","value":"Title %d"},
                     {"op":"Replace","path":"name.givenName","value":"Given %d"}]}""".formatted(PATCH_OP, n, n);
        }
        return """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"displayName":"Display %d","active":%s}}]}"""
                .formatted(PATCH_OP, n, random.nextBoolean());
    }

    private String memberAdd() throws IOException, InterruptedException {
        List<Account> outside = users.stream().filter(user -> !members.contains(user.id())).toList();
        Account user = outside.get(random.nextInt(outside.size()));
        ScimHttp.Reply reply = scim.send("PATCH", "/Groups/" + groupId, """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                .formatted(PATCH_OP, user.id()));
        String failure = unexpected(SoakKind.MEMBER_ADD, reply, true, "");
        if (failure == null) {
            members.add(user.id());
        }
        return failure;
    }

    /** Okta's form, {@code members[value eq "id"]}. */
    private String memberRemove() throws IOException, InterruptedException {
        List<String> current = List.copyOf(members);
        String member = current.get(random.nextInt(current.size()));
        ScimHttp.Reply reply = scim.send("PATCH", "/Groups/" + groupId, """
                {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(PATCH_OP, member));
        String failure = unexpected(SoakKind.MEMBER_REMOVE, reply, true, "");
        if (failure == null) {
            members.remove(member);
        }
        return failure;
    }

    private Account anyUser() {
        return users.get(random.nextInt(users.size()));
    }

    private static String unexpected(SoakKind kind, ScimHttp.Reply reply, boolean bodyAsExpected, String otherwise) {
        if (reply.status() != kind.expectedStatus()) {
            return "status " + reply.status() + (reply.body() == null ? "" : " " + reply.body().path("detail").asText());
        }
        return bodyAsExpected ? null : otherwise;
    }

    private static void expect(String failure, String what) {
        if (failure != null) {
            throw new IllegalStateException("Soak set-up failed " + what + ": " + failure);
        }
    }
}
