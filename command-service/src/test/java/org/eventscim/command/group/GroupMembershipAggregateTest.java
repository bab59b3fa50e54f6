package org.eventscim.command.group;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eventscim.command.resource.IfMatch;
import org.eventscim.command.resource.VersionMismatchException;
import org.eventscim.command.uniqueness.NameTakenException;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupDeleted;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every membership form the clients send, applied to the Group aggregate: the delta events it records. */
class GroupMembershipAggregateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private AggregateTestFixture<Group> fixture;
    private InMemoryGroupMemberships memberships;
    private InMemoryGroupNameClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Group.class);
        memberships = new InMemoryGroupMemberships()
                .exists("t1", "u1", "User").exists("t1", "u2", "User").exists("t1", "u3", "User")
                .exists("t1", "g2", "Group").exists("t2", "other-tenant-user", "User");
        claims = new InMemoryGroupNameClaims();
        fixture.registerInjectableResource(memberships);
        fixture.registerInjectableResource(claims);
    }

    /** (what, members before, request, members added, members removed) */
    static Stream<Arguments> patches() {
        return Stream.of(
                Arguments.of("RFC add with a value array", List.of("u1"),
                        ops("""
                            {"op":"add","path":"members","value":[{"value":"u2"},{"value":"g2","type":"Group"}]}"""),
                        List.of(group("g2"), user("u2")), List.of()),
                Arguments.of("Entra add (capitalised op, display name in the value)", List.of(),
                        ops("""
                            {"name":"addMember","op":"Add","path":"members","value":[{"displayName":"Ann","value":"u1"}]}"""),
                        List.of(user("u1")), List.of()),
                Arguments.of("Entra remove: only the listed members go", List.of("u1", "u2", "u3"),
                        ops("""
                            {"name":"removeMember","op":"Remove","path":"members","value":[{"displayName":"Ann","value":"u1"}]}"""),
                        List.of(), List.of(user("u1"))),
                Arguments.of("Okta remove by value filter", List.of("u1", "u2"),
                        ops("""
                            {"op":"remove","path":"members[value eq \\"u2\\"]"}"""),
                        List.of(), List.of(user("u2"))),
                Arguments.of("Okta add with display", List.of("u1"),
                        ops("""
                            {"op":"add","path":"members","value":[{"value":"u3","display":"carol@okta.local"}]}"""),
                        List.of(user("u3")), List.of()),
                Arguments.of("authentik: one operation per member", List.of(),
                        ops("""
                            {"op":"add","path":"members","value":[{"value":"u1"}]}""", """
                            {"op":"add","path":"members","value":[{"value":"u2"}]}""", """
                            {"op":"add","path":"members","value":[{"value":"u3"}]}"""),
                        List.of(user("u1"), user("u2"), user("u3")), List.of()),
                Arguments.of("authentik: one removal per member", List.of("u1", "u2", "u3"),
                        ops("""
                            {"op":"remove","path":"members","value":[{"value":"u1"}]}""", """
                            {"op":"remove","path":"members","value":[{"value":"u3"}]}"""),
                        List.of(), List.of(user("u1"), user("u3"))),
                Arguments.of("replace the whole list", List.of("u1", "u2"),
                        ops("""
                            {"op":"replace","path":"members","value":[{"value":"u2"},{"value":"u3"}]}"""),
                        List.of(user("u3")), List.of(user("u1"))),
                Arguments.of("replace with [] empties the group", List.of("u1", "u2"),
                        ops("""
                            {"op":"replace","path":"members","value":[]}"""),
                        List.of(), List.of(user("u1"), user("u2"))),
                Arguments.of("remove members without a value empties the group", List.of("u1", "g2"),
                        ops("""
                            {"op":"remove","path":"members"}"""),
                        List.of(), List.of(group("g2"), user("u1"))),
                Arguments.of("remove by another filter", List.of("u1", "g2"),
                        ops("""
                            {"op":"remove","path":"members[type eq \\"Group\\"]"}"""),
                        List.of(), List.of(group("g2"))),
                Arguments.of("remove by an or of values", List.of("u1", "u2", "u3"),
                        ops("""
                            {"op":"remove","path":"members[value eq \\"u1\\" or value eq \\"u3\\"]"}"""),
                        List.of(), List.of(user("u1"), user("u3"))),
                Arguments.of("path-less add with members", List.of("u1"),
                        ops("""
                            {"op":"add","value":{"members":[{"value":"u2"}]}}"""),
                        List.of(user("u2")), List.of()),
                Arguments.of("path-less replace with members and the core URN path", List.of("u1"),
                        ops("""
                            {"op":"replace","value":{"urn:ietf:params:scim:schemas:core:2.0:Group:members":[{"value":"u3"}]}}"""),
                        List.of(user("u3")), List.of(user("u1"))),
                Arguments.of("a bare id string as a member", List.of(),
                        ops("""
                            {"op":"add","path":"members","value":["u1"]}"""),
                        List.of(user("u1")), List.of()),
                Arguments.of("add then remove in one request: net, the removal of a member that was there", List.of("u1"),
                        ops("""
                            {"op":"add","path":"members","value":[{"value":"u1"}]}""", """
                            {"op":"remove","path":"members[value eq \\"u1\\"]"}"""),
                        List.of(), List.of(user("u1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patches")
    void aMembershipPatchRecordsOnlyTheRealDelta(String what, List<String> before, JsonNode request,
                                                  List<GroupMember> added, List<GroupMember> removed) {
        List<Object> expected = new ArrayList<>();
        if (!removed.isEmpty()) {
            expected.add(new GroupMembersRemoved("g1", removed));
        }
        if (!added.isEmpty()) {
            expected.add(new GroupMembersAdded("g1", added));
        }
        givenGroupWith(before)
                .when(new PatchGroup("g1", "t1", null, request))
                .expectSuccessfulHandlerExecution()
                .expectEvents(expected.toArray());
    }

    static Stream<Arguments> noChanges() {
        return Stream.of(
                Arguments.of("adding an existing member", ops("""
                        {"op":"add","path":"members","value":[{"value":"u1"}]}""")),
                Arguments.of("removing an absent member (Entra form)", ops("""
                        {"op":"Remove","path":"members","value":[{"value":"u3"}]}""")),
                Arguments.of("removing an absent member (filter form)", ops("""
                        {"op":"remove","path":"members[value eq \\"u3\\"]"}""")),
                Arguments.of("replacing with the same list", ops("""
                        {"op":"replace","path":"members","value":[{"value":"u2"},{"value":"u1"}]}""")),
                Arguments.of("Okta's path-less replace of the unchanged name and id", ops("""
                        {"op":"replace","value":{"id":"g1","displayName":"Engineering"}}""")));
    }

    @ParameterizedTest(name = "{0} appends nothing")
    @MethodSource("noChanges")
    void aPatchThatChangesNothingAppendsNothing(String what, JsonNode request) {
        givenGroupWith(List.of("u1", "u2"))
                .when(new PatchGroup("g1", "t1", null, request))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches(result -> !((GroupState) result).appended()));
    }

    @Test
    void oktaRenamesWithAPathlessReplaceOfIdAndDisplayName() {
        givenGroupWith(List.of("u1"))
                .when(new PatchGroup("g1", "t1", null, ops("""
                        {"op":"replace","value":{"id":"g1","displayName":"Platform"}}""")))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(event -> event.toString().contains("displayName") && event.toString().contains("Platform")),
                        andNoMore())));
    }

    @Test
    void anUnknownMemberRefusesTheWholeRequest() {
        givenGroupWith(List.of("u1"))
                .when(new PatchGroup("g1", "t1", null, ops("""
                        {"op":"add","path":"members","value":[{"value":"u2"},{"value":"nobody"}]}""")))
                .expectException(ScimException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("nobody"))
                .expectNoEvents();
    }

    @Test
    void aMemberFilterOnAnythingButAMembersOwnAttributesIsAnInvalidFilter() {
        for (String filter : List.of("userName eq \\\"x\\\"", "value eq \\\"u1\\\" or nosuch pr", "not (emails.value pr)")) {
            givenGroupWith(List.of("u1"))
                    .when(new PatchGroup("g1", "t1", null, ops("""
                            {"op":"remove","path":"members[%s]"}""".formatted(filter))))
                    .expectException(ScimException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("may only test"))
                    .expectNoEvents();
        }
    }

    @Test
    void aMemberValueThatCouldNotBeAnIdIsRefusedWithoutAskingTheStore() {
        givenGroupWith(List.of("u1"))
                .when(new PatchGroup("g1", "t1", null, ops("""
                        {"op":"add","path":"members","value":[{"value":"u\\u0000"}]}""")))
                .expectException(ScimException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is not the id"))
                .expectNoEvents();
    }

    @Test
    void anotherTenantsUserIsAnUnknownMember() {
        givenGroupWith(List.of())
                .when(new PatchGroup("g1", "t1", null, ops("""
                        {"op":"add","path":"members","value":[{"value":"other-tenant-user"}]}""")))
                .expectException(ScimException.class)
                .expectNoEvents();
    }

    @Test
    void aGroupCannotBeItsOwnMember() {
        memberships.exists("t1", "g1", "Group");
        givenGroupWith(List.of())
                .when(new PatchGroup("g1", "t1", null, ops("""
                        {"op":"add","path":"members","value":[{"value":"g1"}]}""")))
                .expectException(ScimException.class)
                .expectNoEvents();
    }

    @Test
    void aMembersSubAttributeCannotBeChanged() {
        givenGroupWith(List.of("u1"))
                .when(new PatchGroup("g1", "t1", null, ops("""
                        {"op":"replace","path":"members[value eq \\"u1\\"].display","value":"x"}""")))
                .expectException(ScimException.class)
                .expectNoEvents();
    }

    @Test
    void createRecordsTheGroupThenItsFirstMembers() {
        ObjectNode attributes = JSON.createObjectNode().put("displayName", "Engineering").put("externalId", "e-1");
        fixture.givenNoPriorActivity()
                .when(new CreateGroup("g1", "t1", attributes, List.of("u2", "u1", "u2")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GroupCreated("g1", "t1", attributes),
                        new GroupMembersAdded("g1", List.of(user("u1"), user("u2"))))
                .expectResultMessagePayloadMatching(matches(result -> ((GroupState) result).version() == 2
                        && ((GroupState) result).appended()));
    }

    @Test
    void aDisplayNameTakenInTheTenantIsRejectedWhateverItsCase() {
        claims.claim("t1", "ENGINEERING", "g0");
        fixture.givenNoPriorActivity()
                .when(new CreateGroup("g1", "t1", JSON.createObjectNode().put("displayName", "engineering"), List.of()))
                .expectException(NameTakenException.class)
                .expectNoEvents();
    }

    @Test
    void putReplacesTheMemberListWithDeltas() {
        givenGroupWith(List.of("u1", "u2"))
                .when(new ReplaceGroup("g1", "t1", null, JSON.createObjectNode().put("displayName", "Engineering"),
                        List.of("u2", "u3")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GroupMembersRemoved("g1", List.of(user("u1"))),
                        new GroupMembersAdded("g1", List.of(user("u3"))));
    }

    @Test
    void aStaleIfMatchIsRejectedAndNothingIsWritten() {
        givenGroupWith(List.of("u1"))
                .when(new PatchGroup("g1", "t1", IfMatch.parse("W/\"1\""), ops("""
                        {"op":"add","path":"members","value":[{"value":"u2"}]}""")))
                .expectException(VersionMismatchException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedMemberLeavesTheGroupAndAnAbsentOneChangesNothing() {
        givenGroupWith(List.of("u1", "u2"))
                .when(new RemoveDeletedMember("g1", "t1", "u2"))
                .expectEvents(new GroupMembersRemoved("g1", List.of(user("u2"))));
        givenGroupWith(List.of("u1"))
                .when(new RemoveDeletedMember("g1", "t1", "u3"))
                .expectNoEvents();
    }

    @Test
    void deletingTheGroupEndsItsMembershipsAndFreesItsName() {
        givenGroupWith(List.of("u1"))
                .when(new DeleteGroup("g1", "t1", null))
                .expectEvents(new GroupDeleted("g1"))
                .expectMarkedDeleted();
        org.assertj.core.api.Assertions.assertThat(memberships.members("g1")).isEmpty();
        claims.claim("t1", "Engineering", "g9");
    }

    private org.axonframework.test.aggregate.TestExecutor<Group> givenGroupWith(List<String> memberIds) {
        memberships.removeAll("g1");
        List<GroupMember> members = memberIds.stream().sorted()
                .map(id -> id.startsWith("g") ? group(id) : user(id)).toList();
        memberships.add("t1", "g1", members);
        claims.claim("t1", "Engineering", "g1");
        List<Object> history = new ArrayList<>();
        history.add(new GroupCreated("g1", "t1", JSON.createObjectNode().put("displayName", "Engineering")));
        if (!members.isEmpty()) {
            history.add(new GroupMembersAdded("g1", members));
        }
        return fixture.given(history);
    }

    private static GroupMember user(String id) {
        return new GroupMember(id, "User");
    }

    private static GroupMember group(String id) {
        return new GroupMember(id, "Group");
    }

    private static JsonNode ops(String... operations) {
        try {
            return JSON.readTree("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
