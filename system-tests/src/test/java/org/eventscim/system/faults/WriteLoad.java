package org.eventscim.system.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A steady write load through the gateway, as several IdP connections: each client thread creates users,
 * PATCHes the ones it created and adds them to its own group, in turn, recording every request and its
 * answer. A reader thread meanwhile reads resources whose writes were acknowledged.
 */
final class WriteLoad implements AutoCloseable {

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** Between two requests of one client: a steady load, not a flood of the two shared cores. */
    private static final long PAUSE_MILLIS = 20;
    /** After a failed write, as a client that backs off rather than hammering a service that is down. */
    private static final long BACK_OFF_MILLIS = 500;

    private final ScimHttp scim;
    private final String label;
    private final Queue<Answer> writes = new ConcurrentLinkedQueue<>();
    private final Queue<Answer> reads = new ConcurrentLinkedQueue<>();
    private final Queue<String> acknowledgedUsers = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private WriteLoad(ScimHttp scim, String label) {
        this.scim = scim;
        this.label = label;
    }

    /** Creates one group per client, then starts the clients and the reader. */
    static WriteLoad start(ScimHttp scim, String label, int clients) throws Exception {
        WriteLoad load = new WriteLoad(scim, label);
        for (int client = 0; client < clients; client++) {
            String group = load.createGroup(client);
            int number = client;
            load.threads.add(Thread.ofPlatform().name("load-" + label + "-" + client)
                    .start(() -> load.write(number, group)));
        }
        load.threads.add(Thread.ofPlatform().name("load-" + label + "-reader").start(load::read));
        return load;
    }

    List<Answer> writes() {
        return List.copyOf(writes);
    }

    List<Answer> reads() {
        return List.copyOf(reads);
    }

    /** Stops the clients after their current request and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private String createGroup(int client) throws Exception {
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"fault-%s-%d-%s"}"""
                .formatted(label, client, UUID.randomUUID());
        Answer created = Answer.of("create group", "Group", null, null, scim.send("POST", "/Groups", body),
                System.nanoTime());
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create the load's group: " + created);
        }
        writes.add(created);
        return created.resourceId();
    }

    private void write(int client, String group) {
        List<String> mine = new ArrayList<>();
        for (int step = 0; running; step++) {
            Answer answer = switch (mine.isEmpty() ? 0 : step % 3) {
                case 0 -> createUser(client, step);
                case 1 -> patchUser(mine.get(ThreadLocalRandom.current().nextInt(mine.size())), step);
                default -> addMember(group, mine.getLast());
            };
            writes.add(answer);
            if (answer.acknowledged() && answer.operation().equals("create user")) {
                mine.add(answer.resourceId());
                acknowledgedUsers.add(answer.resourceId());
            }
            pause(answer.failed() ? BACK_OFF_MILLIS : PAUSE_MILLIS);
        }
    }

    private Answer createUser(int client, int step) {
        String userName = "fault-%s-%d-%d-%s@example.com".formatted(label, client, step, UUID.randomUUID().toString().substring(0, 8));
        return send("create user", "User", null, userName, "POST", "/Users", """
                {"schemas":["%s"],"userName":"%s"}""".formatted(USER_SCHEMA, userName));
    }

    private Answer patchUser(String user, int step) {
        return send("patch user", "User", user, null, "PATCH", "/Users/" + user, """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"displayName","value":"step %d"}]}"""
                .formatted(PATCH_SCHEMA, step));
    }

    private Answer addMember(String group, String user) {
        return send("add member", "Group", group, null, "PATCH", "/Groups/" + group, """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                .formatted(PATCH_SCHEMA, user));
    }

    private Answer send(String operation, String resourceType, String id, String userName, String method,
                        String path, String body) {
        long started = System.nanoTime();
        try {
            return Answer.of(operation, resourceType, id, userName, scim.send(method, path, body), started);
        } catch (Exception noAnswer) {
            return Answer.none(operation, resourceType, id, userName, started);
        }
    }

    private void read() {
        while (running) {
            List<String> users = List.copyOf(acknowledgedUsers);
            if (!users.isEmpty()) {
                String user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                reads.add(send("read user", "User", user, null, "GET", "/Users/" + user, null));
            }
            pause(PAUSE_MILLIS);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
