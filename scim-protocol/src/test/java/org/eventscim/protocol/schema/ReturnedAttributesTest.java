package org.eventscim.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.protocol.schema.SchemaTestSupport.WIDGET;
import static org.eventscim.protocol.schema.SchemaTestSupport.WIDGET_EXTENSION;
import static org.eventscim.protocol.schema.SchemaTestSupport.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReturnedAttributesTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private final ResourceType users = SchemaRegistry.standard().user();
    private final ResourceType widgets = SchemaTestSupport.widgets();

    @Test
    void defaultAttributesAndExtensionsAreKept() {
        ObjectNode stored = json("""
                {"userName": "bjensen", "name": {"givenName": "Barbara"}, "emails": [{"value": "b@example.com"}],
                 "%s": {"department": "Tour Operations", "manager": {"value": "26118915"}}}
                """.formatted(ENTERPRISE));

        assertThat(ReturnedAttributes.filter(users, stored, List.of())).isEqualTo(stored);
    }

    @Test
    void attributesReturnedNeverAreDroppedEvenWhenRequested() {
        ObjectNode stored = json("""
                {"userName": "bjensen", "password": "t1meMa$heen"}
                """);

        assertThat(ReturnedAttributes.filter(users, stored, List.of("password")))
                .isEqualTo(json("{\"userName\": \"bjensen\"}"));
    }

    @Test
    void attributesReturnedOnRequestAreKeptOnlyWhenRequested() {
        ObjectNode stored = json("""
                {"code": "w-1", "secret": "s", "spec": {"label": "a", "note": "n"}}
                """);

        assertThat(ReturnedAttributes.filter(widgets, stored, List.of()))
                .isEqualTo(json("{\"code\": \"w-1\", \"spec\": {\"label\": \"a\"}}"));
        assertThat(ReturnedAttributes.filter(widgets, stored, List.of("SECRET", "spec.Note"))).isEqualTo(stored);
        assertThat(ReturnedAttributes.filter(widgets, stored, List.of(WIDGET + ":secret")))
                .isEqualTo(json("{\"code\": \"w-1\", \"secret\": \"s\", \"spec\": {\"label\": \"a\"}}"));
    }

    @Test
    void requestingAComplexAttributeRequestsItsSubAttributes() {
        ObjectNode stored = json("""
                {"spec": {"label": "a", "note": "n"}}
                """);

        assertThat(ReturnedAttributes.filter(widgets, stored, List.of("spec"))).isEqualTo(stored);
    }

    @Test
    void writeOnlyAttributesAreNeverReturnedAndExtensionsAndMultiValuedAttributesAreFilteredToo() {
        ObjectNode stored = json("""
                {"pin": "1234", "parts": [{"value": "p-1", "primary": true}], "%s": {"token": "t"}}
                """.formatted(WIDGET_EXTENSION));

        assertThat(ReturnedAttributes.filter(widgets, stored, List.of()))
                .isEqualTo(json("{\"parts\": [{\"value\": \"p-1\", \"primary\": true}]}"));
    }

    @Test
    void attributesWithoutADefinitionAreLeftAlone() {
        ObjectNode stored = json("""
                {"userName": "bjensen", "legacy": {"x": 1}}
                """);

        assertThat(ReturnedAttributes.filter(users, stored, List.of("no such attribute", "legacy"))).isEqualTo(stored);
    }

    @Test
    void theStoredAttributesAreNotChanged() {
        ObjectNode stored = json("""
                {"userName": "bjensen", "password": "p", "%s": {"department": "x"}}
                """.formatted(ENTERPRISE));
        ObjectNode copy = stored.deepCopy();

        ReturnedAttributes.filter(users, stored, List.of());

        assertThat(stored).isEqualTo(copy);
    }
}
