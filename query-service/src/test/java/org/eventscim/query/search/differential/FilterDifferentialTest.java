package org.eventscim.query.search.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserPasswordChanged;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.support.QueryServiceStack;
import org.eventscim.query.support.QueryServiceStack.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of the filter translation: random users go through the real projection (events on
 * a real Kafka, documents in a real Elasticsearch), random filters go through the SCIM list endpoint,
 * and the ids it returns must be exactly those an in-memory evaluation of the same filter selects from
 * the same SCIM resources ({@link ReferenceFilterEvaluator}).
 *
 * <p>The data and the filters come from one seed, printed with every failure; rerun one with
 * {@code -Dscim.differential.seed=<seed>} (and {@code -Dscim.differential.filters=<n>} for more filters).
 */
class FilterDifferentialTest {

    private static final long SEED = Long.getLong("scim.differential.seed", System.nanoTime());
    private static final int USERS = Integer.getInteger("scim.differential.users", 300);
    private static final int FILTERS = Integer.getInteger("scim.differential.filters", 1500);
    /** Mismatches listed in one failure: enough to see a pattern, few enough to read. */
    private static final int REPORTED = 15;
    /** Concurrent requests: the filters are independent reads. */
    private static final int CLIENTS = 3;
    private static final AtomicLong POSITIONS = new AtomicLong();

    private static final ObjectMapper JSON = QueryServiceStack.JSON;

    @TempDir
    static Path dataDirectory;

    private static QueryServiceStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = QueryServiceStack.start(dataDirectory);
        // The indexes exist once the service has started, but their shards may not be allocated yet.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (get("tenant-warm-up", "/scim/v2/Users?count=0", Scopes.SCIM_READ).status() != 200) {
            assertThat(System.nanoTime()).as("the users read model answers").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theServiceSelectsExactlyWhatTheReferenceEvaluatorSelects() throws Exception {
        Random random = new Random(SEED);
        String tenant = "tenant-" + UUID.randomUUID();
        List<JsonNode> resources = project(tenant, random);
        assertThat(resources).as("seed %d: users listed", SEED).hasSize(USERS);

        RandomFilters generator = new RandomFilters(random, resources);
        List<String> filters = Stream.generate(generator::next).limit(FILTERS).toList();
        List<Future<String>> checks = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            filters.forEach(filter -> checks.add(clients.submit(() -> mismatch(tenant, filter, resources))));
            List<String> mismatches = new ArrayList<>();
            for (Future<String> check : checks) {
                String mismatch = check.get();
                if (mismatch != null && mismatches.size() < REPORTED) {
                    mismatches.add(mismatch);
                }
            }
            assertThat(mismatches)
                    .as("seed %d (rerun with -Dscim.differential.seed=%d): filters whose results differ", SEED, SEED)
                    .isEmpty();
        } finally {
            clients.shutdownNow();
        }
        // The filters must discriminate, or the comparison proves nothing.
        long discriminating = filters.stream().map(filter -> expected(filter, resources).size())
                .filter(size -> size > 0 && size < USERS).count();
        assertThat(discriminating).as("seed %d: filters matching some but not all users", SEED)
                .isGreaterThan(FILTERS / 3);
    }

    @Test
    void unsupportedFiltersAreInvalidFiltersNeverServerErrors() throws Exception {
        for (String filter : List.of("active gt true", "emails.primary le false", "meta.created co \"2025\"",
                "meta.lastModified sw \"2025\"", "active ew \"e\"", "nickname2 eq \"x\"", "name eq \"x\"",
                "meta gt \"2025-01-01T00:00:00Z\"",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq 42",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"m-1\"",
                "userName gt null", "meta.created eq \"yesterday\"", "userName eq \"a\" and", "active eq \"true\"")) {
            Response response = get("tenant-invalid", "/scim/v2/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8),
                    Scopes.SCIM_READ);
            assertThat(response.status()).as(filter + " → " + response.body()).isEqualTo(400);
            assertThat(response.body().path("scimType").asText()).as(filter).isEqualTo("invalidFilter");
            assertThat(response.body().path("detail").asText()).as(filter).isNotBlank();
        }
    }

    /** Null if the service selects what the reference selects, else what differs. */
    private static String mismatch(String tenant, String filter, List<JsonNode> resources) throws Exception {
        Set<String> expected = expected(filter, resources);
        Answer actual = query(tenant, filter);
        return actual.ids().equals(expected) && actual.status() == 200 ? null : describe(filter, expected, actual, resources);
    }

    /**
     * The filters IdPs send before nearly every write ({@code userName eq}, {@code externalId eq}, ...) asked right
     * after the users were applied, before anything refreshed the read model: the service matches those documents
     * itself, and must select exactly what the reference (and the index) selects.
     */
    @Test
    void equalityLookupsOfUsersNotRefreshedYetSelectWhatTheReferenceSelects() throws Exception {
        Random random = new Random(SEED + 1);
        String tenant = "tenant-" + UUID.randomUUID();
        List<RandomUsers.GeneratedUser> generated = publish(tenant, random);
        IndexFreshness freshness = stack.app().getBean(IndexFreshness.class);
        long refreshes = freshness.refreshes("scim-users");

        List<String> filters = new ArrayList<>();
        for (RandomUsers.GeneratedUser user : generated.subList(0, 100)) {
            String userName = user.attributes().path("userName").asText();
            filters.add("userName eq " + quoted(userName));
            filters.add("userName eq " + quoted(userName.toUpperCase(Locale.ROOT)));
            filters.add("id eq " + quoted(user.id()));
            for (String attribute : List.of("externalId", "title", "displayName", "nickName")) {
                JsonNode value = user.attributes().path(attribute);
                if (value.isTextual()) {
                    filters.add(attribute + " eq " + quoted(value.asText()));
                    filters.add(attribute + " eq " + quoted(value.asText().toLowerCase(Locale.ROOT)));
                }
            }
        }
        filters.add("userName eq \"nobody\"");
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String filter : filters) {
            answers.put(filter, query(tenant, filter));
        }
        assertThat(freshness.refreshes("scim-users")).as("seed %d: lookups answered without a refresh", SEED)
                .isEqualTo(refreshes);

        List<JsonNode> resources = listed(tenant);
        List<String> mismatches = answers.entrySet().stream()
                .filter(answer -> answer.getValue().status() != 200
                        || !answer.getValue().ids().equals(expected(answer.getKey(), resources)))
                .limit(REPORTED)
                .map(answer -> describe(answer.getKey(), expected(answer.getKey(), resources), answer.getValue(), resources))
                .toList();
        assertThat(mismatches).as("seed %d: lookups whose results differ", SEED).isEmpty();
    }

    private static String quoted(String value) {
        return JSON.getNodeFactory().textNode(value).toString();
    }

    /** Publishes the users' events, waits until they are applied, and returns them as the service renders them. */
    private static List<JsonNode> project(String tenant, Random random) throws Exception {
        publish(tenant, random);
        return listed(tenant);
    }

    private static List<JsonNode> listed(String tenant) throws Exception {
        List<JsonNode> resources = new ArrayList<>();
        get(tenant, "/scim/v2/Users?count=1000", Scopes.SCIM_READ).body().path("Resources").forEach(resources::add);
        return resources;
    }

    /** Publishes the users' events and waits until they are applied. */
    private static List<RandomUsers.GeneratedUser> publish(String tenant, Random random) throws Exception {
        RandomUsers users = new RandomUsers(random);
        List<RandomUsers.GeneratedUser> generated = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            RandomUsers.GeneratedUser user = users.next(i);
            generated.add(user);
            Future<?> sent = stack.send(event(tenant, user.id(), 1, "UserCreated", user.created(),
                    new UserCreated(user.id(), tenant, user.attributes())));
            if (i == 0) {
                // The first send creates the topic; the others follow once it has a leader.
                sent.get(30, TimeUnit.SECONDS);
            }
            if (!user.lastModified().equals(user.created())) {
                stack.send(event(tenant, user.id(), 2, "UserPasswordChanged", user.lastModified(),
                        new UserPasswordChanged(user.id(), "hash")));
            }
        }
        stack.flush();
        for (RandomUsers.GeneratedUser user : generated) {
            long version = user.lastModified().equals(user.created()) ? 1 : 2;
            JsonNode applied = get(tenant, "/internal/applied?resourceType=User&id=" + user.id() + "&version=" + version
                    + "&timeoutMs=20000", Scopes.SCIM_WRITE).body();
            assertThat(applied.path("applied").asBoolean()).as("user %s applied", user.id()).isTrue();
        }
        return generated;
    }

    private static Set<String> expected(String filterText, List<JsonNode> resources) {
        try {
            Filter filter = Filter.fromString(filterText);
            Set<String> ids = new TreeSet<>();
            for (JsonNode resource : resources) {
                if (ReferenceFilterEvaluator.matches(filter, resource)) {
                    ids.add(resource.path("id").asText());
                }
            }
            return ids;
        } catch (ScimException invalid) {
            throw new AssertionError("seed " + SEED + ": the generator made a filter the reference refuses: "
                    + filterText, invalid);
        }
    }

    private static Answer query(String tenant, String filter) throws Exception {
        Response response = get(tenant, "/scim/v2/Users?count=1000&attributes=id&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8), Scopes.SCIM_READ);
        Set<String> ids = new TreeSet<>();
        response.body().path("Resources").forEach(resource -> ids.add(resource.path("id").asText()));
        return new Answer(response.status(), ids, response.status() == 200 ? "" : response.body().toString());
    }

    private static String describe(String filter, Set<String> expected, Answer actual, List<JsonNode> resources) {
        if (actual.status() != 200) {
            return filter + "\n    → HTTP " + actual.status() + " " + actual.error();
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual.ids());
        Set<String> extra = new TreeSet<>(actual.ids());
        extra.removeAll(expected);
        StringBuilder description = new StringBuilder(filter)
                .append("\n    expected ").append(expected.size()).append(", got ").append(actual.ids().size());
        missing.stream().limit(2).forEach(id -> description.append("\n    missing ").append(resource(id, resources)));
        extra.stream().limit(2).forEach(id -> description.append("\n    extra   ").append(resource(id, resources)));
        return description.toString();
    }

    private static String resource(String id, List<JsonNode> resources) {
        return resources.stream().filter(resource -> resource.path("id").asText().equals(id))
                .map(JsonNode::toString).findFirst().orElse(id);
    }

    private static EventEnvelope event(String tenant, String id, long version, String type, Instant at, Object payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, "User", id, version,
                new StreamPosition(1, POSITIONS.incrementAndGet()), at,
                new EventMetadata(tenant, "token-diff", "differential-test", "127.0.0.1", "junit", "req-diff", null),
                JSON.valueToTree(payload));
    }

    private static Response get(String tenant, String path, String scope) throws Exception {
        return stack.get(QueryServiceStack.caller(tenant, scope), path);
    }

    /** What the service answered: the ids of a 200, else the status and its error body. */
    private record Answer(int status, Set<String> ids, String error) {
    }
}
