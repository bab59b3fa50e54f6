package org.eventscim.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eventscim.command.uniqueness.UserNameTakenException;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
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
                .when(new CreateUser("u1", "t1", "alice@example.com", attributes))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserCreated("u1", "t1", attributes))
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.matches(
                        result -> result instanceof UserState state && state.version() == 1
                                && state.attributes().equals(attributes) && state.tenantId().equals("t1")));
    }

    @Test
    void aUserNameTakenInTheTenantIsRejectedWhateverItsCase() {
        claims.claim("t1", "ALICE@example.com", "u0");

        fixture.givenNoPriorActivity()
                .when(new CreateUser("u1", "t1", "alice@EXAMPLE.com", attributes("alice@EXAMPLE.com")))
                .expectException(UserNameTakenException.class)
                .expectNoEvents();
    }

    @Test
    void theSameUserNameInAnotherTenantIsAllowed() {
        claims.claim("t2", "alice@example.com", "u0");

        fixture.givenNoPriorActivity()
                .when(new CreateUser("u1", "t1", "alice@example.com", attributes("alice@example.com")))
                .expectEvents(new UserCreated("u1", "t1", attributes("alice@example.com")));
    }

    @Test
    void deleteRecordsTheDeletionAndFreesTheUserName() {
        claims.claim("t1", "alice@example.com", "u1");

        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new DeleteUser("u1", "t1"))
                .expectEvents(new UserDeleted("u1"))
                .expectResultMessagePayload(2L);

        claims.claim("t1", "alice@example.com", "u2");
    }

    @Test
    void anotherTenantCannotDeleteTheUser() {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")))
                .when(new DeleteUser("u1", "t2"))
                .expectException(UserNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedUserCannotBeDeletedAgain() {
        fixture.given(new UserCreated("u1", "t1", attributes("alice@example.com")), new UserDeleted("u1"))
                .when(new DeleteUser("u1", "t1"))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void theUserNameKeyFoldsNonAsciiCase() {
        assertThat(org.eventscim.command.uniqueness.UserNameClaims.key("ÄLICE")).isEqualTo("älice");
    }

    private static ObjectNode attributes(String userName) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        attributes.put("userName", userName);
        attributes.put("active", true);
        return attributes;
    }
}
