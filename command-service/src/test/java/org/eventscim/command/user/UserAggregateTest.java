package org.eventscim.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eventscim.command.password.PasswordHashes;
import org.eventscim.command.resource.IfMatch;
import org.eventscim.command.resource.ResourceNotFoundException;
import org.eventscim.command.resource.VersionMismatchException;
import org.eventscim.command.uniqueness.NameClaims;
import org.eventscim.command.uniqueness.NameTakenException;
import org.eventscim.command.uniqueness.UserNameClaims;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.events.user.UserPasswordChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAggregateTest {

    private AggregateTestFixture<User> fixture;
    private InMemoryUserNameClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        claims = new InMemoryUserNameClaims();
        fixture.registerInjectableResource(claims);
    }

    @Test
    void createRecordsTheUserAndAnswersWithVersionOne() {
        ObjectNode attributes = attributes("alice@example.com");

        fixture.givenNoPriorActivity()
                .when(new CreateUser("u1", "t1", "alice@example.com", attributes, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserCreated("u1", "t1", attributes))
                .expectResultMessagePayloadMatching(matches(
                        result -> result instanceof UserState state && state.version() == 1
                                && state.attributes().equals(attributes) && state.tenantId().equals("t1")));
    }

    @Test
    void aUserNameTakenInTheTenantIsRejectedWhateverItsCase() {
        claims.claim("t1", "ALICE@example.com", "u0");

        fixture.givenNoPriorActivity()
                .when(new CreateUser("u1", "t1", "alice@EXAMPLE.com", attributes("alice@EXAMPLE.com"), null))
                .expectException(NameTakenException.class)
                .expectNoEvents();
    }

    @Test
    void theSameUserNameInAnotherTenantIsAllowed() {
        claims.claim("t2", "alice@example.com", "u0");

        fixture.givenNoPriorActivity()
                .when(new CreateUser("u1", "t1", "alice@example.com", attributes("alice@example.com"), null))
                .expectEvents(new UserCreated("u1", "t1", attributes("alice@example.com")));
    }

    @Test
    void deleteRecordsTheDeletionAndFreesTheUserName() {
        claims.claim("t1", "alice@example.com", "u1");

        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new DeleteUser("u1", "t1", null))
                .expectEvents(new UserDeleted("u1"))
                .expectResultMessagePayload(2L);

        claims.claim("t1", "alice@example.com", "u2");
    }

    @Test
    void anotherTenantCannotDeleteTheUser() {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new DeleteUser("u1", "t2", null))
                .expectException(ResourceNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aDeleteWithAStaleIfMatchVersionIsRefusedAndKeepsTheUser() {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")),
                        new UserChanged("u1", List.of(new AttributeChange("title", null, TextNode.valueOf("Engineer")))))
                .when(new DeleteUser("u1", "t1", IfMatch.parse("W/\"1\"")))
                .expectException(VersionMismatchException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedUserCannotBeDeletedAgain() {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")), new UserDeleted("u1"))
                .when(new DeleteUser("u1", "t1", null))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aReplaceRecordsOnlyTheAttributesThatChanged() {
        ObjectNode next = attributes("alice@example.com");
        next.put("active", false);
        next.put("title", "Engineer");

        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new ReplaceUser("u1", "t1", null, next, null))
                .expectEvents(new UserChanged("u1", List.of(
                        new AttributeChange("active", BooleanNode.TRUE, BooleanNode.FALSE),
                        new AttributeChange("title", null, TextNode.valueOf("Engineer")))))
                .expectResultMessagePayloadMatching(matches(
                        result -> result instanceof UserState state && state.version() == 2 && state.appended()
                                && state.attributes().equals(next)));
    }

    @Test
    void aReplaceThatChangesNothingAppendsNothing() {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new ReplaceUser("u1", "t1", IfMatch.parse("W/\"1\""), attributes("alice@example.com"), null))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches(
                        result -> result instanceof UserState state && state.version() == 1 && !state.appended()));
    }

    @Test
    void anIfMatchListNamingTheCurrentVersionAmongOthersIsAccepted() {
        ObjectNode next = attributes("alice@example.com");
        next.put("title", "Engineer");
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new ReplaceUser("u1", "t1", IfMatch.parse("W/\"3\", W/\"1\""), next, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserChanged("u1", List.of(new AttributeChange("title", null, TextNode.valueOf("Engineer")))));
    }

    @Test
    void aStaleIfMatchIsRejectedAndNothingIsWritten() {
        ObjectNode next = attributes("alice@example.com");
        next.put("title", "Engineer");

        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")),
                        new UserChanged("u1", List.of(new AttributeChange("active", BooleanNode.TRUE, BooleanNode.FALSE))))
                .when(new ReplaceUser("u1", "t1", IfMatch.parse("W/\"1\""), next, null))
                .expectException(VersionMismatchException.class)
                .expectNoEvents();
    }

    @Test
    void renamingToAUserNameHeldByAnotherUserIsRejected() {
        claims.claim("t1", "alice@example.com", "u1");
        claims.claim("t1", "bob@example.com", "u2");

        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new ReplaceUser("u1", "t1", null, attributes("BOB@example.com"), null))
                .expectException(NameTakenException.class)
                .expectNoEvents();
    }

    @Test
    void renamingMovesTheClaimSoTheOldNameIsFreeAgain() {
        claims.claim("t1", "alice@example.com", "u1");

        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new ReplaceUser("u1", "t1", null, attributes("alicia@example.com"), null))
                .expectSuccessfulHandlerExecution();

        claims.claim("t1", "alice@example.com", "u2");
        assertThatThrownBy(() -> claims.claim("t1", "ALICIA@example.com", "u3")).isInstanceOf(NameTakenException.class);
    }

    @Test
    void aPatchIsAppliedValidatedAndRecordedAsChanges() throws Exception {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new PatchUser("u1", "t1", null, new ObjectMapper().readTree("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"Replace","path":"active","value":"False"}]}""")))
                .expectEvents(new UserChanged("u1", List.of(new AttributeChange("active", BooleanNode.TRUE, BooleanNode.FALSE))));
    }

    @Test
    void aPasswordIsStoredOnlyAsAHashAndResendingItIsNoChange() {
        String hash = PasswordHashes.hash("s3cret!");
        fixture.givenNoPriorActivity()
                .when(new CreateUser("u1", "t1", "alice@example.com", attributes("alice@example.com"), hash))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(UserCreated.class::isInstance),
                        matches(event -> event instanceof UserPasswordChanged changed
                                && changed.passwordHash().equals(hash) && !hash.contains("s3cret!")
                                && PasswordHashes.matches("s3cret!", changed.passwordHash())),
                        andNoMore())));

        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")),
                        new UserPasswordChanged("u1", PasswordHashes.hash("s3cret!")))
                .when(new ReplaceUser("u1", "t1", null, attributes("alice@example.com"), "s3cret!"))
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotChangeTheUser() {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new ReplaceUser("u1", "t2", null, attributes("alice@example.com"), null))
                .expectException(ResourceNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theUserNameKeyFoldsNonAsciiCase() {
        assertThat(NameClaims.key("ÄLICE")).isEqualTo("älice");
    }

    private static ObjectNode attributes(String userName) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        attributes.put("userName", userName);
        attributes.put("active", true);
        return attributes;
    }
}
