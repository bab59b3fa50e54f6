package org.eventscim.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Test
    void coreAttributesTakeTheirNewValueOrDisappear() throws Exception {
        ObjectNode attributes = (ObjectNode) JSON.readTree("{\"userName\":\"a\",\"title\":\"t\",\"active\":true}");

        AttributeChange.applyAll(attributes, List.of(
                new AttributeChange("title", JSON.readTree("\"t\""), null),
                new AttributeChange("active", JSON.readTree("true"), JSON.readTree("false")),
                new AttributeChange("emails", null, JSON.readTree("[{\"value\":\"a@x\"}]"))));

        assertThat(attributes).isEqualTo(JSON.readTree(
                "{\"userName\":\"a\",\"active\":false,\"emails\":[{\"value\":\"a@x\"}]}"));
    }

    @Test
    void extensionAttributesLiveUnderTheirSchemaWhichGoesWhenEmpty() throws Exception {
        ObjectNode attributes = (ObjectNode) JSON.readTree("{\"userName\":\"a\"}");

        AttributeChange.applyAll(attributes, List.of(
                new AttributeChange(ENTERPRISE + ":department", null, JSON.readTree("\"Eng\""))));
        assertThat(attributes.path(ENTERPRISE).path("department").asText()).isEqualTo("Eng");

        AttributeChange.applyAll(attributes, List.of(
                new AttributeChange(ENTERPRISE + ":department", JSON.readTree("\"Eng\""), null)));
        assertThat(attributes.has(ENTERPRISE)).isFalse();
    }
}
