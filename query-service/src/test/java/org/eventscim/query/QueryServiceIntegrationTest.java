package org.eventscim.query;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.CommonStatsFlag;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupDeleted;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.support.QueryServiceStack;
import org.eventscim.query.support.QueryServiceStack.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query-service on a real Kafka broker and a real Elasticsearch ({@link QueryServiceStack}): events
 * published exactly as the command-service publishes them, reads exactly as the gateway forwards them.
 */
class QueryServiceIntegrationTest {

    private static final String BASE_URL = QueryServiceStack.BASE_URL;
    private static final ObjectMapper JSON = QueryServiceStack.JSON;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String USERS = "scim-users";
    private static final int USERS_RESULT_WINDOW = 50;

    @TempDir
    static Path dataDirectory;

    private static QueryServiceStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = QueryServiceStack.start(dataDirectory,
                // Small pages of memberships, so that a group of a few thousand members is read in several.
                "--scim.elasticsearch.memberships.max-result-window=1000",
                // A small result window for users, so that paging beyond it is proven with a few dozen users.
                "--scim.elasticsearch.users.max-result-window=" + USERS_RESULT_WINDOW,
                // No background refresh: every search sees applied writes only through the service's own refreshes.
                "--scim.elasticsearch.users.refresh-interval=-1",
                "--scim.elasticsearch.groups.refresh-interval=-1",
                "--scim.elasticsearch.memberships.refresh-interval=-1");
        // The first event pays for topic creation, the consumer group join and the index creation;
        // tests and measurements start after it.
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publish(created(tenant, id, 1, "warm-up@corp.test", "ext-warm-up"));
        assertThat(applied(tenant, id, 1, 10_000) || applied(tenant, id, 1, 10_000)).isTrue();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCreatedUserIsReadableByIdAndByFilterOnceApplied() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publish(created(tenant, id, 1, "Alice.Example@Corp.test", "Ext-" + id));

        assertThat(applied(tenant, id, 1, 10_000)).isTrue();

        Response read = get(tenant, "/scim/v2/Users/" + id, Scopes.SCIM_READ);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Type")).startsWith("application/scim+json");
        assertThat(read.header("ETag")).isEqualTo("W/\"1\"");
        JsonNode user = read.body();
        assertThat(user.path("schemas")).extracting(JsonNode::asText)
                .containsExactly(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER);
        assertThat(user.path("id").asText()).isEqualTo(id);
        assertThat(user.path("userName").asText()).isEqualTo("Alice.Example@Corp.test");
        assertThat(user.path("externalId").asText()).isEqualTo("Ext-" + id);
        assertThat(user.path("name").path("familyName").asText()).isEqualTo("Example");
        assertThat(user.path("emails").size()).isEqualTo(2);
        assertThat(user.path("active").asBoolean()).isTrue();
        assertThat(user.has("password")).isFalse();
        assertThat(user.path("meta").path("resourceType").asText()).isEqualTo("User");
        assertThat(user.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(user.path("meta").path("location").asText()).isEqualTo(BASE_URL + "/Users/" + id);
        assertThat(Instant.parse(user.path("meta").path("created").asText())).isEqualTo(CREATED_AT);
        assertThat(Instant.parse(user.path("meta").path("lastModified").asText())).isEqualTo(CREATED_AT);

        assertThat(ids(tenant, "userName eq \"alice.example@CORP.TEST\"")).containsExactly(id);
        assertThat(ids(tenant, "USERNAME sw \"ALICE.\" and active eq true")).containsExactly(id);
        assertThat(ids(tenant, "externalId eq \"ext-" + id + "\"")).isEmpty();
        assertThat(ids(tenant, "externalId eq \"Ext-" + id + "\"")).containsExactly(id);
        assertThat(ids(tenant, "id eq \"" + id + "\"")).containsExactly(id);
        assertThat(ids(tenant, "name.familyName co \"XAMP\"")).containsExactly(id);
        assertThat(ids(tenant, "emails[type eq \"work\" and value ew \"@home.test\"]")).isEmpty();
        assertThat(ids(tenant, "emails[type eq \"home\" and value ew \"@HOME.test\"]")).containsExactly(id);
        // Entra ID's form when it matches users by work email: the comparison after the filter applies to its values.
        assertThat(ids(tenant, "emails[type eq \"home\"].value ew \"@HOME.test\"")).containsExactly(id);
        assertThat(ids(tenant, "emails[type eq \"work\"].value ew \"@home.test\"")).isEmpty();
        assertThat(ids(tenant, "emails.type eq \"work\" and emails.value ew \"@home.test\"")).containsExactly(id);
        assertThat(ids(tenant, "emails co \"alice@corp\"")).containsExactly(id);
        assertThat(ids(tenant, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"E-42\""))
                .containsExactly(id);
        assertThat(ids(tenant, "meta.created le \"" + CREATED_AT + "\" and meta.created gt \"2020-01-01T00:00:00Z\""))
                .containsExactly(id);
        assertThat(ids(tenant, "title pr")).isEmpty();
        assertThat(ids(tenant, "not (title pr)")).containsExactly(id);

        JsonNode slim = get(tenant, "/scim/v2/Users/" + id + "?attributes=userName,emails.value", Scopes.SCIM_READ).body();
        assertThat(slim.properties()).extracting(Map.Entry::getKey).containsExactly("schemas", "id", "userName", "emails");
        assertThat(slim.path("emails").get(0).properties()).extracting(Map.Entry::getKey).containsExactly("value");

        Response searched = post(tenant, "/scim/v2/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"userName eq \\"alice.example@corp.test\\"","excludedAttributes":["emails"]}""");
        assertThat(searched.status()).isEqualTo(200);
        assertThat(searched.body().path("Resources").get(0).path("id").asText()).isEqualTo(id);
        assertThat(searched.body().path("Resources").get(0).has("emails")).isFalse();

        Response listedAsText = post(tenant, "/scim/v2/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"userName eq \\"alice.example@corp.test\\"","attributes":"userName,emails.value"}""");
        assertThat(listedAsText.status()).isEqualTo(200);
        assertThat(listedAsText.body().path("Resources").get(0).properties()).extracting(Map.Entry::getKey)
                .containsExactly("schemas", "id", "userName", "emails");
    }

    @Test
    void anotherTenantSeesNothingOfIt() throws Exception {
        String tenantA = tenant();
        String tenantB = tenant();
        String id = UUID.randomUUID().toString();
        publish(created(tenantA, id, 1, "bob@corp.test", "ext-bob"));
        assertThat(applied(tenantA, id, 1, 10_000)).isTrue();

        assertThat(get(tenantB, "/scim/v2/Users/" + id, Scopes.SCIM_READ).status()).isEqualTo(404);
        assertThat(ids(tenantB, "userName eq \"bob@corp.test\"")).isEmpty();
        assertThat(list(tenantB, null).path("totalResults").asInt()).isZero();
        assertThat(applied(tenantB, id, 1, 300)).isFalse();
    }

    @Test
    void deletesDuplicatesAndLateEventsEndInExactlyTheLatestState() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publish(created(tenant, id, 1, "carol@corp.test", "ext-carol"));
        publish(deleted(tenant, id, 2));
        // Redelivered and out-of-order: a duplicate delete and the older creation again.
        publish(deleted(tenant, id, 2));
        publish(created(tenant, id, 1, "carol@corp.test", "ext-carol"));
        awaitProjectionCaughtUp();

        assertThat(get(tenant, "/scim/v2/Users/" + id, Scopes.SCIM_READ).status()).isEqualTo(404);
        assertThat(ids(tenant, "userName eq \"carol@corp.test\"")).isEmpty();
        assertThat(applied(tenant, id, 2, 1_000)).isTrue();
        assertThat(applied(tenant, id, 3, 300)).isFalse();

        GetResponse<ResourceDocument> stored = elasticsearchClient().get(get -> get
                .index("scim-users").id(ResourceDocument.id(tenant, id)), ResourceDocument.class);
        assertThat(stored.source().deleted()).isTrue();
        assertThat(stored.source().version()).isEqualTo(2);
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void aHistoryRedeliveredFromItsCreationLeavesTheNewerStoredStateAsItIs() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publish(created(tenant, id, 1, "erin@corp.test", "ext-erin"));
        publish(renamed(tenant, id, 2, "erin@corp.test", "erin.b@corp.test"));
        publish(renamed(tenant, id, 3, "erin.b@corp.test", "erin.c@corp.test"));
        awaitProjectionCaughtUp();

        // The first two events again, in one batch: folded from the creation alone, they give version 2, older than stored.
        stack.send(created(tenant, id, 1, "erin@corp.test", "ext-erin"));
        stack.send(renamed(tenant, id, 2, "erin@corp.test", "erin.b@corp.test"));
        stack.flush();
        awaitProjectionCaughtUp();

        GetResponse<ResourceDocument> stored = elasticsearchClient().get(get -> get
                .index("scim-users").id(ResourceDocument.id(tenant, id)), ResourceDocument.class);
        assertThat(stored.source().version()).isEqualTo(3);
        assertThat(stored.source().attributes().path("userName").asText()).isEqualTo("erin.c@corp.test");
    }

    @Test
    void creationsAreWrittenWithoutReadingStoredDocuments() throws Exception {
        String tenant = tenant();
        awaitProjectionCaughtUp();
        long gets = realTimeGets(USERS);

        for (int i = 0; i < 20; i++) {
            stack.send(created(tenant, UUID.randomUUID().toString(), 1, "new" + i + "@corp.test", "ext-new-" + i));
        }
        stack.flush();
        awaitProjectionCaughtUp();

        assertThat(realTimeGets(USERS)).isEqualTo(gets);
        assertThat(ids(tenant, "userName sw \"new\"")).hasSize(20);
    }

    @Test
    void offsetsAreCommittedAtMostEveryIntervalWhileBusyAndAllOnceIdle() throws Exception {
        String tenant = tenant();
        awaitProjectionCaughtUp();
        MeterRegistry meters = stack.app().getBean(MeterRegistry.class);
        double commitsBefore = meters.get("scim.projection.offset.commits").counter().count();
        long batchesBefore = meters.get("scim.projection.batch").timer().count();
        long started = System.nanoTime();

        for (int i = 0; i < 90; i++) {
            publish(created(tenant, UUID.randomUUID().toString(), 1, "steady" + i + "@corp.test", "ext-steady-" + i));
        }
        awaitProjectionCaughtUp();

        double commits = meters.get("scim.projection.offset.commits").counter().count() - commitsBefore;
        long batches = meters.get("scim.projection.batch").timer().count() - batchesBefore;
        long intervals = Duration.ofNanos(System.nanoTime() - started).dividedBy(Duration.ofMillis(250));
        assertThat(commits).as("commits of %d batches over %d intervals", batches, intervals).isLessThanOrEqualTo(intervals + 2);
        assertThat(ids(tenant, "userName sw \"steady\"")).hasSize(90);
    }

    @Test
    void aVersionAppliedBeforeThisInstanceStartedIsFoundInTheIndex() throws Exception {
        String tenant = tenant();
        String id = "earlier-" + UUID.randomUUID();
        // As an earlier instance of the service left it: in the index, unknown to this instance's memory.
        HttpResponse<String> indexed = HTTP.send(HttpRequest.newBuilder(URI.create(stack.elasticsearch().url() + "/" + USERS + "/_doc/"
                        + URLEncoder.encode(ResourceDocument.id(tenant, id), StandardCharsets.UTF_8) + "?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"tenant":"%s","resourceId":"%s","version":3,"deleted":false,"resource":{"userName":"earlier@example.com"}}"""
                        .formatted(tenant, id)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(indexed.statusCode()).as(indexed.body()).isIn(200, 201);

        assertThat(applied(tenant, id, 3, 5_000)).isTrue();
        assertThat(applied(tenant, id, 4, 500)).isFalse();
    }

    @Test
    void appliedAnswersAsSoonAsAWriteThatWasAwaitedArrives() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> applied(tenant, id, 1, 10_000));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();

        long published = System.nanoTime();
        publish(created(tenant, id, 1, "dave@corp.test", "ext-dave"));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(5));
        assertThat(get(tenant, "/scim/v2/Users/" + id, Scopes.SCIM_READ).status()).isEqualTo(200);
    }

    @Test
    void theAppliedFeedTellsItsSubscriberEveryAppliedVersionAndOnlyAnAdminMaySubscribe() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        assertThat(get(tenant, "/internal/applied/feed", Scopes.SCIM_WRITE).status()).isEqualTo(403);
        HttpResponse<Stream<String>> feed = HTTP.send(stack.request(QueryServiceStack.caller("operator", Scopes.ADMIN),
                "/internal/applied/feed").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(feed.statusCode()).isEqualTo(200);
        Iterator<String> lines = feed.body().iterator();
        assertThat(lines.next()).isEqualTo("ready");

        publish(created(tenant, id, 1, "feed@corp.test", "ext-feed"));
        publish(renamed(tenant, id, 2, "feed@corp.test", "feed-2@corp.test"));

        List<String> told = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            while (!told.contains(tenant + "\tUser\t" + id + "\t2")) {
                String line = lines.next();
                if (line.startsWith(tenant)) {
                    told.add(line);
                }
            }
        });
        reading.get(20, TimeUnit.SECONDS);
        assertThat(told).last().isEqualTo(tenant + "\tUser\t" + id + "\t2");
        feed.body().close();
    }

    @Test
    void listsPageInCreationOrder() throws Exception {
        String tenant = tenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            EventEnvelope event = created(tenant, id, 1, "user" + i + "@corp.test", "ext-" + i);
            publish(new EventEnvelope(event.eventId(), event.eventType(), event.resourceType(), id, 1,
                    event.position(), CREATED_AT.plusSeconds(10 - i), event.metadata(), event.payload()));
        }
        Collections.reverse(ids);
        assertThat(applied(tenant, ids.getFirst(), 1, 10_000)).isTrue();
        awaitProjectionCaughtUp();

        JsonNode page = list(tenant, "startIndex=2&count=1");
        assertThat(page.path("schemas").get(0).asText()).isEqualTo(ScimSchemas.LIST_RESPONSE);
        assertThat(page.path("totalResults").asInt()).isEqualTo(3);
        assertThat(page.path("startIndex").asInt()).isEqualTo(2);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(page.path("Resources").get(0).path("id").asText()).isEqualTo(ids.get(1));

        JsonNode all = list(tenant, "startIndex=0");
        assertThat(all.path("Resources")).extracting(user -> user.path("id").asText()).containsExactlyElementsOf(ids);

        JsonNode countOnly = list(tenant, "count=0");
        assertThat(countOnly.path("totalResults").asInt()).isEqualTo(3);
        assertThat(countOnly.path("Resources").size()).isZero();
    }

    @Test
    void sortsByAnyAttributeCaseInsensitivelyUnlessCaseExactWithTheIdBreakingTies() throws Exception {
        String tenant = tenant();
        String alice = "a-" + UUID.randomUUID();
        String bob = "b-" + UUID.randomUUID();
        String carol = "c-" + UUID.randomUUID();
        String dave = "d-" + UUID.randomUUID();
        // Created in reverse order, so that no sort below is creation order by accident.
        publish(user(tenant, dave, "dave", "Same", "a-ext", CREATED_AT.plusSeconds(4), null));
        publish(user(tenant, carol, "Carol", "Same", "C-ext", CREATED_AT.plusSeconds(3),
                email("z@corp.test", false), email("b@corp.test", true)));
        publish(user(tenant, bob, "bob", "Same", "B-ext", CREATED_AT.plusSeconds(2),
                email("c@corp.test", false), email("a@corp.test", false)));
        publish(user(tenant, alice, "Alice", "Example", "b-ext", CREATED_AT.plusSeconds(1),
                email("a@corp.test", true)));
        for (String id : List.of(alice, bob, carol, dave)) {
            assertThat(applied(tenant, id, 1, 10_000)).isTrue();
        }

        assertThat(sortedIds(tenant, "sortBy=userName")).containsExactly(alice, bob, carol, dave);
        assertThat(sortedIds(tenant, "sortBy=USERNAME&sortOrder=DESCENDING")).containsExactly(dave, carol, bob, alice);
        // caseExact: upper case before lower case.
        assertThat(sortedIds(tenant, "sortBy=externalId")).containsExactly(bob, carol, dave, alice);
        // Equal values keep the order of their ids, reversed with the order.
        assertThat(sortedIds(tenant, "sortBy=name.familyName")).containsExactly(alice, bob, carol, dave);
        assertThat(sortedIds(tenant, "sortBy=name.familyName&sortOrder=descending")).containsExactly(dave, carol, bob, alice);
        assertThat(sortedIds(tenant, "sortBy=meta.created&sortOrder=descending")).containsExactly(dave, carol, bob, alice);
        assertThat(sortedIds(tenant, "sortBy=id&sortOrder=descending")).containsExactly(dave, carol, bob, alice);
        // The primary email, else the first: alice a@, carol b@ (primary), bob c@ (first, not the smallest); none last.
        assertThat(sortedIds(tenant, "sortBy=emails")).containsExactly(alice, carol, bob, dave);
        assertThat(sortedIds(tenant, "sortBy=emails.value&sortOrder=descending")).containsExactly(bob, carol, alice, dave);

        Response searched = post(tenant, "/scim/v2/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"name.familyName eq \\"same\\"","sortBy":"userName","sortOrder":"descending","count":2}""");
        assertThat(searched.body().path("totalResults").asInt()).isEqualTo(3);
        assertThat(searched.body().path("Resources")).extracting(user -> user.path("id").asText()).containsExactly(dave, carol);

        Response unknown = get(tenant, "/scim/v2/Users?sortBy=" + encode("name"), Scopes.SCIM_READ);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("scimType").asText()).isEqualTo("invalidValue");
        assertThat(get(tenant, "/scim/v2/Users?sortBy=nope", Scopes.SCIM_READ).status()).isEqualTo(400);
        assertThat(get(tenant, "/scim/v2/Users?sortBy=userName&sortOrder=up", Scopes.SCIM_READ).status()).isEqualTo(400);

        String engineering = UUID.randomUUID().toString();
        String accounting = UUID.randomUUID().toString();
        // Case-sensitive, "accounting" would come first in descending order.
        publish(groupCreated(tenant, engineering, "Engineering"));
        publish(groupCreated(tenant, accounting, "accounting"));
        assertThat(applied("Group", tenant, engineering, 1, 10_000)).isTrue();
        assertThat(applied("Group", tenant, accounting, 1, 10_000)).isTrue();
        assertThat(list(tenant, "Groups", "sortBy=displayName&sortOrder=descending").path("Resources"))
                .extracting(group -> group.path("id").asText()).containsExactly(engineering, accounting);
    }

    @Test
    void pagesBeyondTheResultWindowAreWalkedToAndCountZeroGivesTheTotalOnly() throws Exception {
        String tenant = tenant();
        List<String> ids = seedUsers(tenant, 130);

        // The index itself refuses such a page: the service walks to it.
        assertThat(catchThrowableOfSearchBeyond(USERS_RESULT_WINDOW)).isNotNull();

        JsonNode deep = list(tenant, "startIndex=101&count=20");
        assertThat(deep.path("totalResults").asInt()).isEqualTo(130);
        assertThat(deep.path("startIndex").asInt()).isEqualTo(101);
        assertThat(deep.path("itemsPerPage").asInt()).isEqualTo(20);
        assertThat(deep.path("Resources")).extracting(user -> user.path("id").asText())
                .containsExactlyElementsOf(ids.subList(100, 120));

        // More than the window in one page, starting inside it.
        assertThat(list(tenant, "startIndex=31&count=100").path("Resources")).extracting(user -> user.path("id").asText())
                .containsExactlyElementsOf(ids.subList(30, 130));
        assertThat(list(tenant, "startIndex=125&count=10").path("itemsPerPage").asInt()).isEqualTo(6);
        JsonNode beyond = list(tenant, "startIndex=500&count=10");
        assertThat(beyond.path("totalResults").asInt()).isEqualTo(130);
        assertThat(beyond.path("Resources").size()).isZero();

        JsonNode countOnly = list(tenant, "startIndex=120&count=0");
        assertThat(countOnly.path("totalResults").asInt()).isEqualTo(130);
        assertThat(countOnly.path("itemsPerPage").asInt()).isZero();
        assertThat(countOnly.path("Resources").size()).isZero();
        assertThat(list(tenant, "count=-5").path("Resources").size()).isZero();

        List<String> descending = new ArrayList<>();
        for (int start = 1; start <= 130; start += 45) {
            list(tenant, "sortBy=userName&sortOrder=descending&count=45&startIndex=" + start).path("Resources")
                    .forEach(user -> descending.add(user.path("id").asText()));
        }
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);

        Response garbage = get(tenant, "/scim/v2/Users?count=ten", Scopes.SCIM_READ);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().path("scimType").asText()).isEqualTo("invalidValue");
        assertThat(garbage.body().path("detail").asText()).contains("count");
        assertThat(post(tenant, "/scim/v2/Users/.search", "{\"startIndex\":\"first\"}").status()).isEqualTo(400);
    }

    @Test
    void aWalkByStartIndexGoesOnWherePagesEndedUntilSomethingIsWritten() throws Exception {
        String tenant = tenant();
        List<String> ids = seedUsers(tenant, 130);
        Counter continued = stack.app().getBean(MeterRegistry.class).counter("scim.search.index.pages.continued");
        double before = continued.count();

        List<String> walked = new ArrayList<>();
        for (int start = 1; start <= 60; start += 20) {
            JsonNode page = list(tenant, "count=20&startIndex=" + start);
            assertThat(page.path("totalResults").asInt()).isEqualTo(130);
            page.path("Resources").forEach(user -> walked.add(user.path("id").asText()));
        }
        assertThat(walked).containsExactlyElementsOf(ids.subList(0, 60));
        assertThat(continued.count() - before).as("pages 2 and 3 went on from the page before").isEqualTo(2);

        // A write in between: the next page is searched anew and sees it (the first user is gone, all move up one).
        publish(deleted(tenant, ids.getFirst(), 2));
        assertThat(applied(tenant, ids.getFirst(), 2, 10_000)).isTrue();
        JsonNode afterDelete = list(tenant, "count=20&startIndex=61");
        assertThat(continued.count() - before).isEqualTo(2);
        assertThat(afterDelete.path("totalResults").asInt()).isEqualTo(129);
        assertThat(afterDelete.path("Resources")).extracting(user -> user.path("id").asText())
                .containsExactlyElementsOf(ids.subList(61, 81));

        // Beyond the result window (50) too, and a page that was not asked for in order is searched the long way.
        List<String> deep = new ArrayList<>();
        for (int start = 101; start <= 129; start += 10) {
            list(tenant, "count=10&startIndex=" + start).path("Resources").forEach(user -> deep.add(user.path("id").asText()));
        }
        assertThat(deep).containsExactlyElementsOf(ids.subList(101, 130));
        assertThat(continued.count() - before).isEqualTo(4);
    }

    @Test
    void aCursorWalksEveryResultOnceFromOnePointInTime() throws Exception {
        String tenant = tenant();
        List<String> ids = seedUsers(tenant, 57);

        List<String> walked = new ArrayList<>();
        JsonNode page = list(tenant, "sortBy=userName&count=10&cursor=");
        String firstCursor = page.path("nextCursor").asText();
        String lastCursor = null;
        int pages = 1;
        // Written during the walk: a point in time does not see it, so nothing shifts.
        String late = UUID.randomUUID().toString();
        publish(user(tenant, late, "user-000-late", "Late", "ext-late", CREATED_AT, null));
        assertThat(applied(tenant, late, 1, 10_000)).isTrue();
        while (true) {
            assertThat(page.path("totalResults").asInt()).isEqualTo(57);
            assertThat(page.has("startIndex")).isFalse();
            page.path("Resources").forEach(user -> walked.add(user.path("id").asText()));
            if (!page.has("nextCursor")) {
                break;
            }
            assertThat(page.path("itemsPerPage").asInt()).isEqualTo(10);
            lastCursor = page.path("nextCursor").asText();
            page = pages % 2 == 0
                    ? list(tenant, "sortBy=userName&count=10&cursor=" + encode(page.path("nextCursor").asText()))
                    : post(tenant, "/scim/v2/Users/.search", JSON.createObjectNode().put("sortBy", "userName")
                            .put("count", 10).put("cursor", page.path("nextCursor").asText()).toString()).body();
            pages++;
        }
        assertThat(pages).isEqualTo(6);
        assertThat(walked).containsExactlyElementsOf(ids);
        // A client retrying the last page, or any other, within cursorTimeout is answered again (RFC 9865).
        JsonNode lastAgain = list(tenant, "sortBy=userName&count=10&cursor=" + encode(lastCursor));
        assertThat(lastAgain.path("Resources").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(50, 57));
        assertThat(lastAgain.has("nextCursor")).isFalse();
        assertThat(list(tenant, "sortBy=userName&count=10&cursor=" + encode(firstCursor)).path("Resources")
                .findValuesAsText("id")).containsExactlyElementsOf(ids.subList(10, 20));

        JsonNode fresh = list(tenant, "sortBy=userName&count=1&cursor=");
        assertThat(fresh.path("totalResults").asInt()).isEqualTo(58);
        assertThat(fresh.path("Resources").get(0).path("id").asText()).isEqualTo(late);
    }

    @Test
    void walksInCreationOrderGoOnAcrossTiesAndLongGapsBetweenPages() throws Exception {
        String tenant = tenant();
        // Seven created at the same moment, five a second apart, then a month of nothing before eight more:
        // a page is looked for within a window past the last one's end, and a gap longer than it must not end the walk.
        Map<String, Instant> created = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            Instant at = i < 7 ? CREATED_AT : i < 12 ? CREATED_AT.plusSeconds(i - 6) : CREATED_AT.plus(Duration.ofDays(30)).plusSeconds(i);
            String id = UUID.randomUUID().toString();
            created.put(id, at);
            stack.send(user(tenant, id, "walk-" + i + "@corp.test", "Walker", "ext-walk-" + i, at, null));
        }
        stack.flush();
        awaitProjectionCaughtUp();
        List<String> expected = created.keySet().stream()
                .sorted(Comparator.comparing((String id) -> created.get(id)).thenComparing(id -> id)).toList();

        List<String> byCursor = new ArrayList<>();
        JsonNode page = list(tenant, "count=3&cursor=");
        while (true) {
            page.path("Resources").forEach(user -> byCursor.add(user.path("id").asText()));
            if (!page.has("nextCursor")) {
                break;
            }
            page = list(tenant, "count=3&cursor=" + encode(page.path("nextCursor").asText()));
        }
        List<String> byIndex = new ArrayList<>();
        for (int start = 1; start <= 21; start += 3) {
            list(tenant, "count=3&startIndex=" + start).path("Resources").forEach(user -> byIndex.add(user.path("id").asText()));
        }

        assertThat(byCursor).containsExactlyElementsOf(expected);
        assertThat(byIndex).containsExactlyElementsOf(expected);
    }

    @Test
    void forgedForeignAndExpiredCursorsAreRefused() throws Exception {
        String tenant = tenant();
        seedUsers(tenant, 5);
        String cursor = list(tenant, "count=2&cursor=").path("nextCursor").asText();
        assertThat(cursor).isNotEmpty();

        String forged = cursor.substring(0, 10) + (cursor.charAt(10) == 'A' ? 'B' : 'A') + cursor.substring(11);
        assertCursorRefused(tenant, "count=2&cursor=" + encode(forged), "invalidCursor");
        assertCursorRefused(tenant(), "count=2&cursor=" + encode(cursor), "invalidCursor");
        assertCursorRefused(tenant, "count=2&sortBy=userName&cursor=" + encode(cursor), "invalidCursor");
        assertCursorRefused(tenant, "count=2&filter=" + encode("userName pr") + "&cursor=" + encode(cursor), "invalidCursor");
        assertCursorRefused(tenant, "count=2&startIndex=1&cursor=" + encode(cursor), "invalidValue");

        assertThat(list(tenant, "count=2&cursor=" + encode(cursor)).path("Resources").size()).isEqualTo(2);
        String pit = JSON.readTree(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.')))).path("pitId").asText();
        elasticsearchClient().closePointInTime(close -> close.id(pit));
        assertCursorRefused(tenant, "count=2&cursor=" + encode(cursor), "expiredCursor");
    }

    @Test
    void serviceProviderConfigAdvertisesSortingAndBothPaginations() throws Exception {
        JsonNode config = get(tenant(), "/scim/v2/ServiceProviderConfig", Scopes.SCIM_READ).body();
        assertThat(config.path("sort").path("supported").asBoolean()).isTrue();
        assertThat(config.path("filter").path("maxResults").asInt()).isEqualTo(1000);
        JsonNode pagination = config.path("pagination");
        assertThat(pagination.path("cursor").asBoolean()).isTrue();
        assertThat(pagination.path("index").asBoolean()).isTrue();
        assertThat(pagination.path("defaultPaginationMethod").asText()).isEqualTo("index");
        assertThat(pagination.path("defaultPageSize").asInt()).isEqualTo(100);
        assertThat(pagination.path("maxPageSize").asInt()).isEqualTo(1000);
        assertThat(pagination.path("cursorTimeout").asInt()).isEqualTo(600);
    }

    @Test
    void badRequestsGetScimErrors() throws Exception {
        String tenant = tenant();

        Response invalid = get(tenant, "/scim/v2/Users?filter=" + encode("userName eq"), Scopes.SCIM_READ);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Content-Type")).startsWith("application/scim+json");
        assertThat(invalid.body().path("scimType").asText()).isEqualTo("invalidFilter");
        assertThat(invalid.body().path("schemas").get(0).asText()).isEqualTo(ScimSchemas.ERROR);

        Response unknown = get(tenant, "/scim/v2/Users/" + UUID.randomUUID(), Scopes.SCIM_READ);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("status").asText()).isEqualTo("404");

        assertThat(get(tenant, "/scim/v2/Users", Scopes.SCIM_WRITE).status()).isEqualTo(403);

        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/scim/v2/Users")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void whileElasticsearchRefusesWritesNothingIsLostOrReportedApplied() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        ElasticsearchClient client = elasticsearchClient();
        String index = "scim-users-v2";
        client.indices().putSettings(settings -> settings.index(index).settings(s -> s.blocks(b -> b.write(true))));
        try {
            publish(created(tenant, id, 1, "erin@corp.test", "ext-erin"));
            assertThat(applied(tenant, id, 1, 1_500)).isFalse();
        } finally {
            client.indices().putSettings(settings -> settings.index(index).settings(s -> s.blocks(b -> b.write(false))));
        }
        assertThat(applied(tenant, id, 1, 10_000)).isTrue();
        assertThat(ids(tenant, "userName eq \"erin@corp.test\"")).containsExactly(id);
    }

    @Test
    void aGroupShowsItsMembersAndItsMembersTheirGroupsOnceApplied() throws Exception {
        String tenant = tenant();
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String engineering = UUID.randomUUID().toString();
        String platform = UUID.randomUUID().toString();
        publish(created(tenant, alice, 1, "alice@corp.test", "ext-alice"));
        publish(created(tenant, bob, 1, "bob@corp.test", "ext-bob"));
        publish(groupCreated(tenant, platform, "Platform"));
        publish(groupCreated(tenant, engineering, "Engineering"));
        publish(groupEvent(tenant, engineering, 2, "GroupMembersAdded", new GroupMembersAdded(engineering, List.of(
                new GroupMember(bob, GroupMember.USER), new GroupMember(alice, GroupMember.USER),
                new GroupMember(platform, GroupMember.GROUP)))));

        assertThat(applied("Group", tenant, engineering, 2, 10_000)).isTrue();
        assertThat(applied("Group", tenant, platform, 1, 10_000)).isTrue();

        Response read = get(tenant, "/scim/v2/Groups/" + engineering, Scopes.SCIM_READ);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("W/\"2\"");
        JsonNode group = read.body();
        assertThat(group.path("schemas")).extracting(JsonNode::asText).containsExactly(ScimSchemas.GROUP);
        assertThat(group.path("id").asText()).isEqualTo(engineering);
        assertThat(group.path("displayName").asText()).isEqualTo("Engineering");
        assertThat(group.path("externalId").asText()).isEqualTo("ext-Engineering");
        List<String> memberIds = new ArrayList<>(List.of(alice, bob, platform));
        Collections.sort(memberIds);
        assertThat(group.path("members")).extracting(member -> member.path("value").asText())
                .containsExactlyElementsOf(memberIds);
        JsonNode aliceMember = member(group, alice);
        assertThat(aliceMember.path("$ref").asText()).isEqualTo(BASE_URL + "/Users/" + alice);
        assertThat(aliceMember.path("type").asText()).isEqualTo("User");
        assertThat(aliceMember.path("display").asText()).isEqualTo("alice@corp.test");
        assertThat(member(group, platform).path("$ref").asText()).isEqualTo(BASE_URL + "/Groups/" + platform);
        assertThat(member(group, platform).path("display").asText()).isEqualTo("Platform");
        assertThat(group.path("meta").path("resourceType").asText()).isEqualTo("Group");
        assertThat(group.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(group.path("meta").path("location").asText()).isEqualTo(BASE_URL + "/Groups/" + engineering);
        assertThat(get(tenant, "/scim/v2/Groups/" + engineering + "?excludedAttributes=members", Scopes.SCIM_READ)
                .body().has("members")).isFalse();
        assertThat(get(tenant(), "/scim/v2/Groups/" + engineering, Scopes.SCIM_READ).status()).isEqualTo(404);

        assertThat(ids(tenant, "Groups", "displayName eq \"ENGINEERING\"")).containsExactly(engineering);
        assertThat(ids(tenant, "Groups", "members eq \"" + alice + "\"")).containsExactly(engineering);
        assertThat(ids(tenant, "Groups", "id eq \"" + engineering + "\" and members[value eq \"" + bob + "\"]"))
                .containsExactly(engineering);
        assertThat(ids(tenant, "Groups", "members.value eq \"" + platform + "\"")).containsExactly(engineering);
        assertThat(ids(tenant, "Groups", "not (members eq \"" + alice + "\")")).containsExactly(platform);
        assertThat(ids(tenant(), "Groups", "members eq \"" + alice + "\"")).isEmpty();
        assertThat(ids(tenant, "groups eq \"" + engineering + "\"")).containsExactlyInAnyOrder(alice, bob);

        JsonNode aliceUser = get(tenant, "/scim/v2/Users/" + alice, Scopes.SCIM_READ).body();
        assertThat(aliceUser.path("groups")).hasSize(1);
        assertThat(aliceUser.path("groups").get(0).path("value").asText()).isEqualTo(engineering);
        assertThat(aliceUser.path("groups").get(0).path("$ref").asText()).isEqualTo(BASE_URL + "/Groups/" + engineering);
        assertThat(aliceUser.path("groups").get(0).path("display").asText()).isEqualTo("Engineering");
        assertThat(aliceUser.path("groups").get(0).path("type").asText()).isEqualTo("direct");

        // Alice leaves; the addition is redelivered late and must not bring her back.
        publish(groupEvent(tenant, engineering, 3, "GroupMembersRemoved", new GroupMembersRemoved(engineering,
                List.of(new GroupMember(alice, GroupMember.USER)))));
        assertThat(applied("Group", tenant, engineering, 3, 10_000)).isTrue();
        publish(groupEvent(tenant, engineering, 2, "GroupMembersAdded", new GroupMembersAdded(engineering, List.of(
                new GroupMember(alice, GroupMember.USER)))));
        awaitProjectionCaughtUp();
        assertThat(get(tenant, "/scim/v2/Groups/" + engineering, Scopes.SCIM_READ).body().path("members"))
                .extracting(member -> member.path("value").asText()).doesNotContain(alice).hasSize(2);
        assertThat(get(tenant, "/scim/v2/Users/" + alice, Scopes.SCIM_READ).body().has("groups")).isFalse();

        publish(groupEvent(tenant, engineering, 4, "GroupDeleted", new GroupDeleted(engineering)));
        assertThat(applied("Group", tenant, engineering, 4, 10_000)).isTrue();
        assertThat(get(tenant, "/scim/v2/Groups/" + engineering, Scopes.SCIM_READ).status()).isEqualTo(404);
        assertThat(get(tenant, "/scim/v2/Users/" + bob, Scopes.SCIM_READ).body().has("groups")).isFalse();
        // Read straight from the index, which the service need not have refreshed for the reads above.
        elasticsearchClient().indices().refresh(refresh -> refresh.index("scim-memberships"));
        assertThat(elasticsearchClient().count(count -> count.index("scim-memberships")
                .query(query -> query.term(term -> term.field("groupId").value(engineering)))).count()).isZero();
    }

    @Test
    void aGroupWithMoreMembersThanOnePageIsReturnedWhole() throws Exception {
        String tenant = tenant();
        String group = UUID.randomUUID().toString();
        publish(groupCreated(tenant, group, "Everyone"));
        List<String> memberIds = new ArrayList<>();
        for (int event = 0; event < 3; event++) {
            List<GroupMember> members = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                String id = UUID.randomUUID().toString();
                memberIds.add(id);
                members.add(new GroupMember(id, GroupMember.USER));
            }
            publish(groupEvent(tenant, group, 2 + event, "GroupMembersAdded", new GroupMembersAdded(group, members)));
        }
        assertThat(applied("Group", tenant, group, 4, 10_000)).isTrue();
        Collections.sort(memberIds);

        JsonNode read = get(tenant, "/scim/v2/Groups/" + group, Scopes.SCIM_READ).body();
        JsonNode listed = list(tenant, "Groups", "filter=" + encode("displayName eq \"Everyone\"")).path("Resources").get(0);

        assertThat(read.path("members")).extracting(member -> member.path("value").asText()).containsExactlyElementsOf(memberIds);
        assertThat(listed.path("members")).extracting(member -> member.path("value").asText()).containsExactlyElementsOf(memberIds);
    }

    @Test
    void aSearchRightAfterAWriteIsAppliedSeesIt() throws Exception {
        String tenant = tenant();
        String user = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        publish(created(tenant, user, 1, "frank@corp.test", "ext-frank"));
        publish(groupCreated(tenant, group, "Finance"));
        assertThat(applied(tenant, user, 1, 10_000)).isTrue();
        assertThat(applied("Group", tenant, group, 1, 10_000)).isTrue();
        assertThat(ids(tenant, "userName eq \"frank@corp.test\"")).containsExactly(user);

        publish(groupEvent(tenant, group, 2, "GroupMembersAdded", new GroupMembersAdded(group,
                List.of(new GroupMember(user, GroupMember.USER)))));
        assertThat(applied("Group", tenant, group, 2, 10_000)).isTrue();
        assertThat(ids(tenant, "Groups", "members eq \"" + user + "\"")).containsExactly(group);
        assertThat(ids(tenant, "groups eq \"" + group + "\"")).containsExactly(user);

        publish(groupEvent(tenant, group, 3, "GroupMembersRemoved", new GroupMembersRemoved(group,
                List.of(new GroupMember(user, GroupMember.USER)))));
        assertThat(applied("Group", tenant, group, 3, 10_000)).isTrue();
        assertThat(ids(tenant, "Groups", "members eq \"" + user + "\"")).isEmpty();

        publish(deleted(tenant, user, 2));
        assertThat(applied(tenant, user, 2, 10_000)).isTrue();
        assertThat(ids(tenant, "userName eq \"frank@corp.test\"")).isEmpty();
    }

    @Test
    void aBurstOfAppliedWritesCostsNoRefreshUntilASearchNeedsOne() throws Exception {
        String tenant = tenant();
        IndexFreshness freshness = stack.app().getBean(IndexFreshness.class);
        awaitProjectionCaughtUp();
        list(tenant, null);
        long refreshes = freshness.refreshes(USERS);
        long elasticsearchRefreshes = externalRefreshes(USERS);

        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = UUID.randomUUID().toString();
            burst.add(id);
            publish(created(tenant, id, 1, "burst" + i + "@corp.test", "ext-burst-" + i));
            assertThat(applied(tenant, id, 1, 10_000)).isTrue();
            assertThat(get(tenant, "/scim/v2/Users/" + id, Scopes.SCIM_READ).status()).isEqualTo(200);
        }
        assertThat(freshness.refreshes(USERS)).isEqualTo(refreshes);
        assertThat(externalRefreshes(USERS)).isEqualTo(elasticsearchRefreshes);

        assertThat(ids(tenant, "userName sw \"burst\"")).containsExactlyInAnyOrderElementsOf(burst);
        assertThat(list(tenant, null).path("totalResults").asInt()).isEqualTo(burst.size());
        assertThat(freshness.refreshes(USERS)).isEqualTo(refreshes + 1);
        assertThat(externalRefreshes(USERS)).isEqualTo(elasticsearchRefreshes + 1);
    }

    /**
     * The filters IdPs send before nearly every write ({@code userName eq}, {@code externalId eq}, Groups'
     * {@code displayName eq}) see every applied write without a refresh: what was written since is matched by the
     * service itself, exactly as the index would match it.
     */
    @Test
    void equalityLookupsSeeEveryAppliedWriteWithoutARefresh() throws Exception {
        String tenant = tenant();
        String other = tenant();
        String alice = UUID.randomUUID().toString();
        String elder = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        publish(created(tenant, elder, 1, "elder@corp.test", "ext-elder"));
        assertThat(applied(tenant, elder, 1, 10_000)).isTrue();
        IndexFreshness freshness = stack.app().getBean(IndexFreshness.class);
        list(tenant, null);
        list(tenant, "Groups", null);
        long userRefreshes = freshness.refreshes(USERS);
        long groupRefreshes = freshness.refreshes("scim-groups");

        publish(created(tenant, alice, 1, "Alice@corp.test", "ext-Alice"));
        publish(created(other, UUID.randomUUID().toString(), 1, "alice@corp.test", "ext-Alice"));
        publish(groupCreated(tenant, group, "Finance"));
        assertThat(applied(tenant, alice, 1, 10_000)).isTrue();
        assertThat(applied("Group", tenant, group, 1, 10_000)).isTrue();
        assertThat(ids(tenant, "userName eq \"ALICE@corp.test\"")).containsExactly(alice);
        assertThat(ids(tenant, "externalId eq \"ext-Alice\"")).containsExactly(alice);
        assertThat(ids(tenant, "externalId eq \"ext-alice\"")).as("externalId is case-exact").isEmpty();
        assertThat(ids(tenant, "id eq \"" + alice + "\"")).containsExactly(alice);
        assertThat(ids(tenant, "userName eq \"elder@corp.test\"")).containsExactly(elder);
        assertThat(ids(tenant, "Groups", "displayName eq \"finance\"")).containsExactly(group);
        assertThat(list(tenant, "filter=" + encode("userName eq \"alice@corp.test\"") + "&count=0")
                .path("totalResults").asInt()).isEqualTo(1);

        publish(renamed(tenant, alice, 2, "Alice@corp.test", "alicia@corp.test"));
        publish(deleted(tenant, elder, 2));
        assertThat(applied(tenant, alice, 2, 10_000)).isTrue();
        assertThat(applied(tenant, elder, 2, 10_000)).isTrue();
        assertThat(ids(tenant, "userName eq \"alice@corp.test\"")).isEmpty();
        JsonNode found = list(tenant, "filter=" + encode("userName eq \"Alicia@Corp.Test\""));
        assertThat(found.path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.path("Resources").get(0).path("userName").asText()).isEqualTo("alicia@corp.test");
        assertThat(found.path("Resources").get(0).path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(ids(tenant, "userName eq \"elder@corp.test\"")).isEmpty();
        assertThat(freshness.refreshes(USERS)).isEqualTo(userRefreshes);
        assertThat(freshness.refreshes("scim-groups")).isEqualTo(groupRefreshes);

        // Any other filter waits for the refresh, and finds the same.
        assertThat(ids(tenant, "userName sw \"alici\"")).containsExactly(alice);
        assertThat(freshness.refreshes(USERS)).isEqualTo(userRefreshes + 1);
        assertThat(ids(tenant, "userName eq \"alicia@corp.test\"")).containsExactly(alice);
    }

    /** A group's members and a user's groups, read right after they changed, need no refresh either. */
    @Test
    void membershipsReadRightAfterTheyChangeNeedNoRefresh() throws Exception {
        String tenant = tenant();
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        publish(created(tenant, alice, 1, "alice@corp.test", "ext-alice"));
        publish(created(tenant, bob, 1, "bob@corp.test", "ext-bob"));
        publish(groupCreated(tenant, group, "Sales"));
        publish(groupEvent(tenant, group, 2, "GroupMembersAdded", new GroupMembersAdded(group,
                List.of(new GroupMember(bob, GroupMember.USER)))));
        assertThat(applied("Group", tenant, group, 2, 10_000)).isTrue();
        IndexFreshness freshness = stack.app().getBean(IndexFreshness.class);
        assertThat(get(tenant, "/scim/v2/Groups/" + group, Scopes.SCIM_READ).status()).isEqualTo(200);
        long refreshes = freshness.refreshes("scim-memberships");

        publish(groupEvent(tenant, group, 3, "GroupMembersAdded", new GroupMembersAdded(group,
                List.of(new GroupMember(alice, GroupMember.USER)))));
        assertThat(applied("Group", tenant, group, 3, 10_000)).isTrue();
        assertThat(get(tenant, "/scim/v2/Groups/" + group, Scopes.SCIM_READ).body().path("members"))
                .extracting(member -> member.path("value").asText())
                .containsExactlyElementsOf(Stream.of(alice, bob).sorted().toList());
        assertThat(get(tenant, "/scim/v2/Users/" + alice, Scopes.SCIM_READ).body().path("groups"))
                .extracting(membership -> membership.path("value").asText()).containsExactly(group);

        publish(groupEvent(tenant, group, 4, "GroupMembersRemoved", new GroupMembersRemoved(group,
                List.of(new GroupMember(bob, GroupMember.USER)))));
        assertThat(applied("Group", tenant, group, 4, 10_000)).isTrue();
        assertThat(get(tenant, "/scim/v2/Groups/" + group, Scopes.SCIM_READ).body().path("members"))
                .extracting(member -> member.path("value").asText()).containsExactly(alice);
        assertThat(get(tenant, "/scim/v2/Users/" + bob, Scopes.SCIM_READ).body().has("groups")).isFalse();
        assertThat(ids(tenant, "userName eq \"alice@corp.test\"")).containsExactly(alice);
        assertThat(freshness.refreshes("scim-memberships")).isEqualTo(refreshes);

        // A filter on memberships waits for the refresh, and finds the same.
        assertThat(ids(tenant, "groups eq \"" + group + "\"")).containsExactly(alice);
        assertThat(freshness.refreshes("scim-memberships")).isEqualTo(refreshes + 1);
    }

    /** Refreshes that made writes visible to searches (Elasticsearch's internal ones, for real-time gets, excluded). */
    private static long externalRefreshes(String alias) throws Exception {
        return elasticsearchClient().indices().stats(stats -> stats.index(alias).metric(CommonStatsFlag.Refresh))
                .all().primaries().refresh().externalTotal();
    }

    /** Gets and multi-gets of documents served by the index (reads by id and the projection's reads). */
    private static long realTimeGets(String alias) throws Exception {
        return elasticsearchClient().indices().stats(stats -> stats.index(alias).metric(CommonStatsFlag.Get))
                .all().primaries().get().total();
    }

    private static JsonNode member(JsonNode group, String id) {
        for (JsonNode member : group.path("members")) {
            if (member.path("value").asText().equals(id)) {
                return member;
            }
        }
        throw new AssertionError(id + " is not a member of " + group);
    }

    /**
     * Not a pass/fail check: prints what one event costs end to end (Kafka → bulk write → applied →
     * /internal/applied) and what the bulk write alone costs, for the README's figures.
     */
    @Test
    void measuresTheLatencyOfSingleEventWrites() throws Exception {
        String tenant = tenant();
        int events = 60;
        List<Long> endToEndMicros = new ArrayList<>();
        MeterRegistry meters = stack.app().getBean(MeterRegistry.class);
        Snapshot batches = Snapshot.of(meters.get("scim.projection.batch").timer());
        Snapshot bulks = Snapshot.of(meters.get("scim.projection.bulk").timer());
        for (int i = 0; i < events; i++) {
            String id = UUID.randomUUID().toString();
            long started = System.nanoTime();
            publish(created(tenant, id, 1, "load" + i + "@corp.test", "ext-load-" + i));
            assertThat(applied(tenant, id, 1, 10_000)).isTrue();
            endToEndMicros.add((System.nanoTime() - started) / 1_000);
        }
        Collections.sort(endToEndMicros);
        System.out.printf("MEASURED %d single-event batches: whole batch mean %.1f ms, "
                        + "bulk mean %.1f ms; publish→applied p50 %.1f ms, p90 %.1f ms, max %.1f ms%n",
                events, batches.meanMillisSince(), bulks.meanMillisSince(),
                endToEndMicros.get(events / 2) / 1000.0, endToEndMicros.get(events * 9 / 10) / 1000.0,
                endToEndMicros.getLast() / 1000.0);
        System.out.printf("MEASURED direct bulk of one document: refresh=false %.1f ms, refresh=true %.1f ms, "
                        + "refresh=wait_for %.1f ms (refresh_interval 1s)%n",
                directBulkMillis(elasticsearchClient(), Refresh.False), directBulkMillis(elasticsearchClient(), Refresh.True),
                directBulkMillis(elasticsearchClient(), Refresh.WaitFor));
    }

    private record Snapshot(Timer timer, long count, double totalMillis) {

        static Snapshot of(Timer timer) {
            return new Snapshot(timer, timer.count(), timer.totalTime(TimeUnit.MILLISECONDS));
        }

        double meanMillisSince() {
            return (timer.totalTime(TimeUnit.MILLISECONDS) - totalMillis) / Math.max(1, timer.count() - count);
        }
    }

    private static double directBulkMillis(ElasticsearchClient client, Refresh refresh) throws Exception {
        String index = "latency-probe-" + refresh.jsonValue().replace('_', '-');
        client.indices().create(create -> create.index(index).settings(s -> s.refreshInterval(t -> t.time("1s"))
                .numberOfReplicas("0")));
        int rounds = 15;
        long total = 0;
        for (int i = 0; i < rounds; i++) {
            int n = i;
            long started = System.nanoTime();
            client.bulk(bulk -> bulk.index(index).refresh(refresh)
                    .operations(op -> op.index(doc -> doc.id("d" + n).document(Map.of("n", n)))));
            total += System.nanoTime() - started;
        }
        client.indices().delete(delete -> delete.index(index));
        return total / 1e6 / rounds;
    }

    private static ElasticsearchClient elasticsearchClient() {
        return stack.app().getBean(ElasticsearchClient.class);
    }

    // --- events, as the command-service publishes them ---

    private static final Instant CREATED_AT = Instant.parse("2025-03-01T10:15:30.123Z");

    private static EventEnvelope created(String tenant, String id, long version, String userName, String externalId) {
        ObjectNode attributes = JSON.createObjectNode()
                .put("userName", userName)
                .put("externalId", externalId)
                .put("active", true);
        attributes.putObject("name").put("givenName", "Alice").put("familyName", "Example");
        attributes.putArray("emails")
                .add(JSON.createObjectNode().put("type", "work").put("value", "alice@corp.test").put("primary", true))
                .add(JSON.createObjectNode().put("type", "home").put("value", "alice@home.test"));
        attributes.putObject(ScimSchemas.ENTERPRISE_USER).put("employeeNumber", "E-42");
        return new EventEnvelope(UUID.randomUUID().toString(), "UserCreated", "User", id, version,
                new StreamPosition(1, version), CREATED_AT, metadata(tenant),
                JSON.valueToTree(new UserCreated(id, tenant, attributes)));
    }

    /** {@code count} users, created a second apart with user names in the same order; their ids in that order. */
    private static List<String> seedUsers(String tenant, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            stack.send(user(tenant, id,
                    String.format("user-%03d@corp.test", i + 1), "Seeded", "ext-" + i, CREATED_AT.plusSeconds(i), null));
        }
        stack.flush();
        assertThat(applied(tenant, ids.getLast(), 1, 10_000)).isTrue();
        awaitProjectionCaughtUp();
        return ids;
    }

    private static List<String> sortedIds(String tenant, String query) throws Exception {
        List<String> ids = new ArrayList<>();
        list(tenant, query).path("Resources").forEach(user -> ids.add(user.path("id").asText()));
        return ids;
    }

    private static void assertCursorRefused(String tenant, String query, String scimType) throws Exception {
        Response refused = get(tenant, "/scim/v2/Users?" + query, Scopes.SCIM_READ);
        assertThat(refused.status()).as(query).isEqualTo(400);
        assertThat(refused.body().path("scimType").asText()).as(query).isEqualTo(scimType);
    }

    /** What the users index answers to a plain from/size search starting at {@code from}; null if it serves it. */
    private static Exception catchThrowableOfSearchBeyond(int from) {
        try {
            elasticsearchClient().search(search -> search.index(USERS).from(from).size(10), ResourceDocument.class);
            return null;
        } catch (Exception refused) {
            return refused;
        }
    }

    private static ObjectNode email(String value, boolean primary) {
        ObjectNode email = JSON.createObjectNode().put("type", "work").put("value", value);
        return primary ? email.put("primary", true) : email;
    }

    private static EventEnvelope user(String tenant, String id, String userName, String familyName, String externalId,
                                      Instant createdAt, ObjectNode... emails) {
        ObjectNode attributes = JSON.createObjectNode().put("userName", userName).put("externalId", externalId);
        attributes.putObject("name").put("familyName", familyName);
        if (emails != null) {
            Arrays.stream(emails).forEach(attributes.putArray("emails")::add);
        }
        return new EventEnvelope(UUID.randomUUID().toString(), "UserCreated", "User", id, 1,
                new StreamPosition(1, 1), createdAt, metadata(tenant), JSON.valueToTree(new UserCreated(id, tenant, attributes)));
    }

    private static EventEnvelope renamed(String tenant, String id, long version, String from, String to) {
        UserChanged change = new UserChanged(id, List.of(new AttributeChange("userName", JSON.getNodeFactory().textNode(from),
                JSON.getNodeFactory().textNode(to))));
        return new EventEnvelope(UUID.randomUUID().toString(), "UserChanged", "User", id, version,
                new StreamPosition(2, version), CREATED_AT.plusSeconds(version), metadata(tenant), JSON.valueToTree(change));
    }

    private static EventEnvelope deleted(String tenant, String id, long version) {
        return new EventEnvelope(UUID.randomUUID().toString(), "UserDeleted", "User", id, version,
                new StreamPosition(2, version), CREATED_AT.plusSeconds(60), metadata(tenant),
                JSON.valueToTree(new UserDeleted(id)));
    }

    private static EventEnvelope groupCreated(String tenant, String id, String displayName) {
        ObjectNode attributes = JSON.createObjectNode().put("displayName", displayName).put("externalId", "ext-" + displayName);
        return groupEvent(tenant, id, 1, "GroupCreated", new GroupCreated(id, tenant, attributes));
    }

    private static EventEnvelope groupEvent(String tenant, String id, long version, String type, Object payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, "Group", id, version,
                new StreamPosition(3, version), CREATED_AT.plusSeconds(version), metadata(tenant), JSON.valueToTree(payload));
    }

    private static EventMetadata metadata(String tenant) {
        return new EventMetadata(tenant, "token-it", "integration-test", "127.0.0.1", "junit", "req-it", null);
    }

    private static void publish(EventEnvelope event) throws Exception {
        stack.publish(event);
    }

    private static void awaitProjectionCaughtUp() throws Exception {
        stack.awaitProjectionCaughtUp();
    }

    // --- HTTP, as the gateway forwards it ---

    private static boolean applied(String tenant, String id, long version, long timeoutMs) {
        return applied("User", tenant, id, version, timeoutMs);
    }

    private static boolean applied(String resourceType, String tenant, String id, long version, long timeoutMs) {
        try {
            Response response = get(tenant, "/internal/applied?resourceType=" + resourceType + "&id=" + encode(id) + "&version="
                    + version + "&timeoutMs=" + timeoutMs, Scopes.SCIM_WRITE);
            assertThat(response.status()).isEqualTo(200);
            return response.body().path("applied").asBoolean();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(String tenant, String filter) throws Exception {
        return ids(tenant, "Users", filter);
    }

    private static List<String> ids(String tenant, String resources, String filter) throws Exception {
        JsonNode page = list(tenant, resources, "filter=" + encode(filter));
        List<String> ids = new ArrayList<>();
        page.path("Resources").forEach(user -> ids.add(user.path("id").asText()));
        assertThat(page.path("totalResults").asInt()).as(filter).isEqualTo(ids.size());
        return ids;
    }

    private static JsonNode list(String tenant, String query) throws Exception {
        return list(tenant, "Users", query);
    }

    private static JsonNode list(String tenant, String resources, String query) throws Exception {
        Response response = get(tenant, "/scim/v2/" + resources + (query == null ? "" : "?" + query), Scopes.SCIM_READ);
        assertThat(response.status()).as(query + " → " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static Response get(String tenant, String path, String... scopes) throws Exception {
        return stack.get(QueryServiceStack.caller(tenant, scopes), path);
    }

    private static Response post(String tenant, String path, String body) throws Exception {
        return stack.send(stack.request(QueryServiceStack.caller(tenant, Scopes.SCIM_READ), path)
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
