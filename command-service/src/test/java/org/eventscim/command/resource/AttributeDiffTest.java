package org.eventscim.command.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.eventscim.events.AttributeChange;
import org.junit.jupiter.api.Test;

class AttributeDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Test
    void equalAttributeSetsHaveNoChanges() throws Exception {
        ObjectNode user = object("{\"userName\":\"a\",\"emails\":[{\"value\":\"a@x\"}],\"" + ENTERPRISE + "\":{\"department\":\"Eng\"}}");

        assertThat(AttributeDiff.between(user, user.deepCopy())).isEmpty();
    }

    @Test
    void listsAddedChangedAndRemovedAttributesWithBeforeAndAfter() throws Exception {
        ObjectNode before = object("{\"userName\":\"a\",\"title\":\"t\",\"" + ENTERPRISE + "\":{\"department\":\"Eng\",\"costCenter\":\"1\"}}");
        ObjectNode after = object("{\"userName\":\"b\",\"active\":false,\"" + ENTERPRISE + "\":{\"department\":\"Ops\",\"costCenter\":\"1\"}}");

        List<AttributeChange> changes = AttributeDiff.between(before, after);

        assertThat(changes).containsExactlyInAnyOrder(
                new AttributeChange("userName", JSON.readTree("\"a\""), JSON.readTree("\"b\"")),
                new AttributeChange("title", JSON.readTree("\"t\""), null),
                new AttributeChange("active", null, JSON.readTree("false")),
                new AttributeChange(ENTERPRISE + ":department", JSON.readTree("\"Eng\""), JSON.readTree("\"Ops\"")));
    }

    @Test
    void applyingTheChangesToTheBeforeStateGivesTheAfterState() throws Exception {
        ObjectNode before = object("{\"userName\":\"a\",\"name\":{\"givenName\":\"A\"},\"" + ENTERPRISE + "\":{\"department\":\"Eng\"}}");
        ObjectNode after = object("{\"userName\":\"a\",\"name\":{\"givenName\":\"B\",\"familyName\":\"C\"},\"emails\":[{\"value\":\"x@y\"}]}");

        ObjectNode replayed = before.deepCopy();
        AttributeChange.applyAll(replayed, AttributeDiff.between(before, after));

        assertThat(replayed).isEqualTo(after);
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
