package org.eventscim.command.user;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PATCH form the clients send, applied to the User aggregate: the events it records. */
class UserPatchAggregateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String USER = """
            {"userName":"alice@example.com","active":true,"title":"Engineer",
             "name":{"givenName":"Alice","familyName":"Smith"},
             "emails":[{"value":"alice@work.example","type":"work","primary":true},
                       {"value":"alice@home.example","type":"home"}],
             "addresses":[{"type":"work","formatted":"1 Main St"}],
             "%s":{"department":"Eng","manager":{"value":"m1"}}}""".formatted(ENTERPRISE);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(new InMemoryUserNameClaims());
    }

    static Stream<Arguments> patches() {
        return Stream.of(
                Arguments.of("replace with path", op("replace", "title", "\"Manager\""), "title", "\"Manager\""),
                Arguments.of("Entra before 2020: a simple value as a list of one", op("Add", "title", "[{\"value\":\"Manager\"}]"),
                        "title", "\"Manager\""),
                Arguments.of("Entra capitalised Replace with string boolean", op("Replace", "active", "\"False\""), "active", "false"),
                Arguments.of("sub-attribute path", op("replace", "name.familyName", "\"Jones\""), "name",
                        "{\"givenName\":\"Alice\",\"familyName\":\"Jones\"}"),
                Arguments.of("value filter with sub-attribute", op("replace", "emails[type eq \\\"work\\\"].value", "\"a@new.example\""),
                        "emails", "[{\"value\":\"a@new.example\",\"type\":\"work\",\"primary\":true},{\"value\":\"alice@home.example\",\"type\":\"home\"}]"),
                Arguments.of("address value filter", op("replace", "addresses[type eq \\\"work\\\"].formatted", "\"2 High St\""),
                        "addresses", "[{\"type\":\"work\",\"formatted\":\"2 High St\"}]"),
                Arguments.of("remove with a filter", "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}",
                        "emails", "[{\"value\":\"alice@work.example\",\"type\":\"work\",\"primary\":true}]"),
                Arguments.of("add to a multi-valued attribute", op("add", "emails", "[{\"value\":\"a@other.example\",\"type\":\"other\"}]"),
                        "emails", "[{\"value\":\"alice@work.example\",\"type\":\"work\",\"primary\":true},{\"value\":\"alice@home.example\",\"type\":\"home\"},{\"value\":\"a@other.example\",\"type\":\"other\"}]"),
                Arguments.of("remove a singular attribute", "{\"op\":\"remove\",\"path\":\"title\"}", "title", null),
                Arguments.of("extension path with full URN", op("replace", ENTERPRISE + ":department", "\"Sales\""),
                        ENTERPRISE + ":department", "\"Sales\""),
                Arguments.of("Entra manager as a bare string", op("Add", ENTERPRISE + ":manager", "\"m2\""),
                        ENTERPRISE + ":manager", "{\"value\":\"m2\"}"),
                Arguments.of("Okta path-less replace", op("replace", null, "{\"active\":false}"), "active", "false"),
                Arguments.of("Entra path-less replace with dotted key", op("Replace", null, "{\"name.givenName\":\"Ally\"}"),
                        "name", "{\"givenName\":\"Ally\",\"familyName\":\"Smith\"}"),
                Arguments.of("Entra path-less replace with URN key", op("Replace", null, "{\"" + ENTERPRISE + ":department\":\"Ops\"}"),
                        ENTERPRISE + ":department", "\"Ops\""),
                Arguments.of("null value means remove", op("Replace", "title", "null"), "title", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patches")
    void recordsExactlyTheChangedAttribute(String form, String operation, String attribute, String after) throws Exception {
        JsonNode expectedAfter = after == null ? null : JSON.readTree(after);

        fixture.given(new UserCreated("u1", "t1", user()))
                .when(new PatchUser("u1", "t1", null, patch(operation)))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(event -> event instanceof UserChanged changed
                                && changed.changes().size() == 1
                                && changed.changes().getFirst().attribute().equals(attribute)
                                && Objects.equals(changed.changes().getFirst().after(), expectedAfter)),
                        andNoMore())));
    }

    @Test
    void aPatchThatChangesNothingAppendsNothing() throws Exception {
        fixture.given(new UserCreated("u1", "t1", user()))
                .when(new PatchUser("u1", "t1", null, patch(op("replace", "title", "\"Engineer\""))))
                .expectNoEvents();
    }

    @Test
    void aFailingOperationAppliesNoneOfTheOthers() throws Exception {
        fixture.given(new UserCreated("u1", "t1", user()))
                .when(new PatchUser("u1", "t1", null, patch(op("replace", "title", "\"Boss\"") + ","
                        + op("replace", "active", "\"maybe\""))))
                .expectException(ScimException.class)
                .expectNoEvents();
    }

    @Test
    void recordedChangesCarryTheValueBeforeToo() throws Exception {
        fixture.given(new UserCreated("u1", "t1", user()))
                .when(new PatchUser("u1", "t1", null, patch(op("replace", "title", "\"Manager\""))))
                .expectEvents(new UserChanged("u1", List.of(
                        new AttributeChange("title", JSON.readTree("\"Engineer\""), JSON.readTree("\"Manager\"")))));
    }

    private static ObjectNode user() throws Exception {
        return (ObjectNode) JSON.readTree(USER);
    }

    private static String op(String op, String path, String value) {
        return "{\"op\":\"" + op + "\"" + (path == null ? "" : ",\"path\":\"" + path + "\"") + ",\"value\":" + value + "}";
    }

    private static JsonNode patch(String operations) throws Exception {
        return JSON.readTree("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}");
    }
}
