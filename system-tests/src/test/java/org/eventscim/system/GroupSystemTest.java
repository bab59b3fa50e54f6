package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.system.UserLifecycleSystemTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Groups and membership through the gateway, with the request bodies Entra ID, Okta and authentik really
 * send (issue #4): what is stored as events, what GET and filters return, and what is refused.
 */
class GroupSystemTest {

    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ScimClient scim;

    @BeforeEach
    void connect() {
        scim = TestStacks.client();
    }

    @Test
    void entraCreatesFindsAddsRemovesRenamesAndDeletes() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        String name = "Entra Group " + UUID.randomUUID();
        ScimClient.Response created = scim.post("/Groups", """
                {"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"%s",
                 "schemas":["%s"],"meta":{"resourceType":"Group"}}""".formatted(name, GROUP));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
        String id = created.body().path("id").asText();
        assertThat(created.header("Location")).endsWith("/Groups/" + id);
        assertThat(created.body().has("members")).isFalse();

        JsonNode found = scim.get("/Groups?excludedAttributes=members&filter="
                + ScimClient.encode("displayName eq \"" + name.toUpperCase() + "\"")).body();
        assertThat(found.path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.path("Resources").get(0).path("externalId").asText()).isEqualTo("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");

        ScimClient.Response added = scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"name":"addMember","op":"Add","path":"members",
                 "value":[{"displayName":"alice","value":"%s"},{"displayName":"bob","value":"%s"}]}]}"""
                .formatted(PATCH_OP, alice, bob));
        assertThat(added.status()).isEqualTo(204);
        assertThat(added.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(memberIds(id)).containsExactlyInAnyOrder(alice, bob);
        assertThat(scim.get("/Groups/" + id + "?excludedAttributes=members").body().has("members")).isFalse();
        assertThat(count("id eq \"" + id + "\" and members eq \"" + alice + "\"")).isEqualTo(1);

        assertThat(scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"name":"removeMember","op":"Remove","path":"members",
                 "value":[{"displayName":"alice","value":"%s"}]}]}""".formatted(PATCH_OP, alice)).status()).isEqualTo(204);
        assertThat(memberIds(id)).containsExactly(bob);
        assertThat(count("id eq \"" + id + "\" and members eq \"" + alice + "\"")).isZero();

        assertThat(scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"displayName","value":"%s renamed"}]}"""
                .formatted(PATCH_OP, name)).status()).isEqualTo(204);
        assertThat(scim.get("/Groups/" + id).body().path("displayName").asText()).isEqualTo(name + " renamed");
        assertThat(StoredEvents.types(id)).containsExactly(
                "GroupCreated", "GroupMembersAdded", "GroupMembersRemoved", "GroupChanged");

        assertThat(scim.delete("/Groups/" + id).status()).isEqualTo(204);
        assertThat(scim.get("/Groups/" + id).status()).isEqualTo(404);
        assertThat(scim.get("/Users/" + bob).body().has("groups")).isFalse();
    }

    @Test
    void oktaPushesAGroupRenamesItAndChangesMembers() throws Exception {
        String ann = user("ann");
        String ben = user("ben");
        ScimClient.Response created = scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"Okta %s","members":[]}""".formatted(GROUP, UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();

        assertThat(scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"id":"%s","displayName":"Okta renamed %s"}}]}"""
                .formatted(PATCH_OP, id, id)).status()).isEqualTo(204);
        assertThat(scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members",
                 "value":[{"value":"%s","display":"ann@okta.local"},{"value":"%s","display":"ben@okta.local"}]}]}"""
                .formatted(PATCH_OP, ann, ben)).status()).isEqualTo(204);
        assertThat(scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
                .formatted(PATCH_OP, ann)).status()).isEqualTo(204);

        JsonNode group = scim.get("/Groups/" + id).body();
        assertThat(group.path("displayName").asText()).isEqualTo("Okta renamed " + id);
        assertThat(group.path("members")).singleElement().satisfies(member -> {
            assertThat(member.path("value").asText()).isEqualTo(ben);
            assertThat(member.path("type").asText()).isEqualTo("User");
            assertThat(member.path("$ref").asText()).endsWith("/Users/" + ben);
        });
        JsonNode benRead = scim.get("/Users/" + ben).body();
        assertThat(benRead.path("groups")).singleElement().satisfies(membership -> {
            assertThat(membership.path("value").asText()).isEqualTo(id);
            assertThat(membership.path("display").asText()).isEqualTo("Okta renamed " + id);
        });
        assertThat(count("members[value eq \"" + ben + "\"] and id eq \"" + id + "\"")).isEqualTo(1);

        ScimClient.Response replaced = scim.put("/Groups/" + id, """
                {"schemas":["%s"],"id":"%s","displayName":"Okta renamed %s","members":[{"value":"%s"}]}"""
                .formatted(GROUP, id, id, ann));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("members")).singleElement()
                .satisfies(member -> assertThat(member.path("value").asText()).isEqualTo(ann));
        assertThat(memberIds(id)).containsExactly(ann);
    }

    @Test
    void authentikAddsAndRemovesOneOperationPerMember() throws Exception {
        List<String> users = List.of(user("a1"), user("a2"), user("a3"));
        ScimClient.Response created = scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"authentik %s","members":[{"value":"%s"}]}"""
                .formatted(GROUP, UUID.randomUUID(), users.get(0)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("W/\"2\"");
        String id = created.body().path("id").asText();

        assertThat(scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[
                 {"op":"add","path":"members","value":[{"value":"%s"}]},
                 {"op":"add","path":"members","value":[{"value":"%s"}]},
                 {"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                .formatted(PATCH_OP, users.get(0), users.get(1), users.get(2))).status()).isEqualTo(204);
        assertThat(memberIds(id)).containsExactlyInAnyOrderElementsOf(users);

        assertThat(scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[
                 {"op":"remove","path":"members","value":[{"value":"%s"}]},
                 {"op":"remove","path":"members","value":[{"value":"%s"}]}]}"""
                .formatted(PATCH_OP, users.get(0), users.get(2))).status()).isEqualTo(204);
        assertThat(memberIds(id)).containsExactly(users.get(1));
        // One event per real change: the re-added first member is not in the second event.
        assertThat(StoredEvents.payloads(id).get(2)).doesNotContain(users.get(0));
    }

    @Test
    void invalidMembershipChangesAreRefusedWithNothingWritten() throws Exception {
        String member = user("member");
        String name = "Strict " + UUID.randomUUID();
        String id = scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"%s"}""".formatted(GROUP, name)).body().path("id").asText();
        long events = StoredEvents.count();

        ScimClient.Response unknown = scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"},{"value":"no-such-user"}]}]}"""
                .formatted(PATCH_OP, member));
        assertError(unknown.body(), "400", "invalidValue");
        assertThat(unknown.body().path("detail").asText()).contains("no-such-user");
        assertError(scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"%s"}""".formatted(GROUP, name.toLowerCase())).body(), "409", "uniqueness");
        assertError(scim.post("/Groups", """
                {"schemas":["%s"]}""".formatted(GROUP)).body(), "400", "invalidValue");
        assertError(scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"Has a stranger %s","members":[{"value":"no-such-user"}]}"""
                .formatted(GROUP, UUID.randomUUID())).body(), "400", "invalidValue");
        assertError(scim.put("/Groups/" + id, """
                {"schemas":["%s"],"displayName":"%s","members":[{"value":"%s"},{"display":"no id"}]}"""
                .formatted(GROUP, name, member)).body(), "400", "invalidValue");
        assertThat(StoredEvents.count()).isEqualTo(events);
        assertThat(memberIds(id)).isEmpty();

        ScimClient.Response noOp = scim.patch("/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
                .formatted(PATCH_OP, member));
        assertThat(noOp.status()).isEqualTo(204);
        assertThat(noOp.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(StoredEvents.count()).isEqualTo(events);
    }

    @Test
    void deletingAUserRemovesItFromEveryGroupAsEvents() throws Exception {
        String leaver = user("leaver");
        String stayer = user("stayer");
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            groups.add(scim.post("/Groups", """
                    {"schemas":["%s"],"displayName":"Leaver's %d %s","members":[{"value":"%s"},{"value":"%s"}]}"""
                    .formatted(GROUP, i, UUID.randomUUID(), leaver, stayer)).body().path("id").asText());
        }
        String parent = scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"Parent %s","members":[{"value":"%s","type":"Group"}]}"""
                .formatted(GROUP, UUID.randomUUID(), groups.get(0))).body().path("id").asText();
        assertThat(scim.get("/Users/" + leaver).body().path("groups")).hasSize(3);

        assertThat(scim.delete("/Users/" + leaver).status()).isEqualTo(204);

        for (String group : groups) {
            assertThat(memberIds(group)).containsExactly(stayer);
            assertThat(StoredEvents.types(group)).endsWith("GroupMembersRemoved");
        }
        assertThat(count("members[value eq \"" + leaver + "\"]")).isZero();

        assertThat(scim.delete("/Groups/" + groups.get(0)).status()).isEqualTo(204);
        assertThat(memberIds(parent)).isEmpty();
        assertThat(scim.get("/Users/" + stayer).body().path("groups")).hasSize(2);
    }

    @Test
    void concurrentClientsAddingAndRemovingMembersLoseNoUpdate() throws Exception {
        int members = 80;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            users.add(user("c" + i));
        }
        String id = scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"Concurrent %s"}""".formatted(GROUP, UUID.randomUUID())).body().path("id").asText();

        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (String user : users) {
                statuses.add(clients.submit(() -> scim.patch("/Groups/" + id, """
                        {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                        .formatted(PATCH_OP, user)).status()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(204);
            }
            statuses.clear();
            for (String user : users.subList(0, members / 2)) {
                statuses.add(clients.submit(() -> scim.patch("/Groups/" + id, """
                        {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
                        .formatted(PATCH_OP, user)).status()));
            }
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(204);
        }
        assertThat(memberIds(id)).containsExactlyInAnyOrderElementsOf(users.subList(members / 2, members));
        assertThat(scim.get("/Groups/" + id).body().path("meta").path("version").asText())
                .isEqualTo("W/\"" + (1 + members + members / 2) + "\"");
        // Past 100 events the group was snapshotted, and the later writes loaded it from the snapshot.
        assertThat(StoredEvents.snapshots(id)).isPositive();
    }

    /** RFC 7644 §3.5.2: a PATCH that names attributes is answered 200 with them; §3.9 on every write. */
    @Test
    void writesThatNameAttributesAreAnsweredWithThemOnly() throws Exception {
        String alice = user("alice");
        ScimClient.Response created = scim.post("/Groups?attributes=displayName", """
                {"schemas":["%s"],"displayName":"Selected %s"}""".formatted(GROUP, UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.body().has("meta")).isFalse();

        ScimClient.Response patched = scim.patch("/Groups/" + id + "?attributes=displayName", """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                .formatted(PATCH_OP, alice));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(patched.body().path("id").asText()).isEqualTo(id);
        assertThat(patched.body().path("displayName").asText()).startsWith("Selected ");
        assertThat(patched.body().has("members")).isFalse();

        ScimClient.Response withMembers = scim.patch("/Groups/" + id + "?excludedAttributes=displayName", """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"externalId","value":"ext-1"}]}""".formatted(PATCH_OP));
        assertThat(withMembers.status()).isEqualTo(200);
        assertThat(withMembers.body().has("displayName")).isFalse();
        assertThat(withMembers.body().path("members").get(0).path("value").asText()).isEqualTo(alice);

        ScimClient.Response user = scim.patch("/Users/" + alice + "?attributes=displayName", """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"displayName","value":"Alice"}]}""".formatted(PATCH_OP));
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.body().path("displayName").asText()).isEqualTo("Alice");
        assertThat(user.body().has("userName")).isFalse();

        ScimClient.Response both = scim.patch("/Groups/" + id + "?attributes=displayName&excludedAttributes=members", """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"externalId","value":"ext-2"}]}""".formatted(PATCH_OP));
        assertThat(both.status()).isEqualTo(400);
        assertThat(scim.get("/Groups/" + id).body().path("externalId").asText()).isEqualTo("ext-1");
    }

    /** RFC 7644 §3.5.1, §3.5.2: a write answers with the resource as a GET shows it, read-side attributes included. */
    @Test
    void writesAnswerWithWhatAGetShowsGroupsAndMemberDisplaysIncluded() throws Exception {
        String alice = user("alice");
        ScimClient.Response created = scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"Shown %s","members":[{"value":"%s"}]}"""
                .formatted(GROUP, UUID.randomUUID(), alice));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.body()).isEqualTo(scim.get("/Groups/" + id).body());
        assertThat(created.body().path("members").get(0).path("display").asText()).isEqualTo("alice");

        ScimClient.Response patched = scim.patch("/Users/" + alice, """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"title","value":"Engineer"}]}""".formatted(PATCH_OP));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("groups").get(0).path("value").asText()).isEqualTo(id);
        assertThat(patched.body()).isEqualTo(scim.get("/Users/" + alice).body());

        ScimClient.Response replaced = scim.put("/Users/" + alice, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","title":"Lead"}"""
                .formatted(patched.body().path("userName").asText()));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("groups").get(0).path("display").asText()).startsWith("Shown ");
    }

    private List<String> memberIds(String groupId) {
        ScimClient.Response group = scim.get("/Groups/" + groupId);
        assertThat(group.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        group.body().path("members").forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }

    private int count(String filter) {
        ScimClient.Response found = scim.filter("Groups", filter);
        assertThat(found.status()).as(found.raw().body()).isEqualTo(200);
        return found.body().path("totalResults").asInt();
    }

    private String user(String name) {
        ScimClient.Response created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s-%s@example.com","displayName":"%s"}"""
                .formatted(name, UUID.randomUUID(), name));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }
}
