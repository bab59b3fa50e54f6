package org.eventscim.protocol.schema;

import static com.unboundid.scim2.common.types.AttributeDefinition.Type.COMPLEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;

/** JSON literals, the expected SCIM errors, and a Widget resource type with what the User schema lacks. */
final class SchemaTestSupport {

    static final String WIDGET = "urn:test:schemas:Widget";
    static final String WIDGET_EXTENSION = "urn:test:schemas:extension:Owner";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaTestSupport() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertInvalidValue(ThrowingCallable call, String detail) {
        assertScimError(call, "invalidValue", detail);
    }

    static void assertScimError(ThrowingCallable call, String scimType, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.scimType()).isEqualTo(scimType);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    /**
     * Widgets: an immutable code and batch number, numbers, a dateTime, a secret returned only on request, a writeOnly pin,
     * an immutable sub-attribute in a single-valued and in a multi-valued complex attribute, a required
     * sub-attribute, and a required extension with a required attribute.
     */
    static ResourceType widgets() {
        SchemaResource widget = new SchemaResource(WIDGET, "Widget", "A test resource", List.of(
                attribute("code", AttributeDefinition.Type.STRING).setMutability(AttributeDefinition.Mutability.IMMUTABLE).build(),
                attribute("count", AttributeDefinition.Type.INTEGER).build(),
                attribute("batch", AttributeDefinition.Type.INTEGER).setMutability(AttributeDefinition.Mutability.IMMUTABLE).build(),
                attribute("ratio", AttributeDefinition.Type.DECIMAL).build(),
                attribute("since", AttributeDefinition.Type.DATETIME).build(),
                attribute("secret", AttributeDefinition.Type.STRING).setReturned(AttributeDefinition.Returned.REQUEST).build(),
                attribute("pin", AttributeDefinition.Type.STRING).setMutability(AttributeDefinition.Mutability.WRITE_ONLY)
                        .setReturned(AttributeDefinition.Returned.NEVER).build(),
                attribute("spec", COMPLEX).addSubAttributes(
                        attribute("serial", AttributeDefinition.Type.STRING)
                                .setMutability(AttributeDefinition.Mutability.IMMUTABLE).build(),
                        attribute("label", AttributeDefinition.Type.STRING).build(),
                        attribute("note", AttributeDefinition.Type.STRING)
                                .setReturned(AttributeDefinition.Returned.REQUEST).build()).build(),
                attribute("parts", COMPLEX).setMultiValued(true).addSubAttributes(
                        attribute("value", AttributeDefinition.Type.STRING)
                                .setMutability(AttributeDefinition.Mutability.IMMUTABLE).setRequired(true).build(),
                        attribute("primary", AttributeDefinition.Type.BOOLEAN).build()).build()));
        SchemaResource owner = new SchemaResource(WIDGET_EXTENSION, "Owner", "A required test extension", List.of(
                attribute("owner", AttributeDefinition.Type.STRING).setRequired(true).build(),
                attribute("badge", AttributeDefinition.Type.STRING).setMutability(AttributeDefinition.Mutability.IMMUTABLE).build(),
                attribute("token", AttributeDefinition.Type.STRING).setMutability(AttributeDefinition.Mutability.WRITE_ONLY).build()));
        ResourceTypeResource type = new ResourceTypeResource("Widget", "Widget", "Widgets", URI.create("/Widgets"),
                URI.create(WIDGET), List.of(new ResourceTypeResource.SchemaExtension(URI.create(WIDGET_EXTENSION), true)));
        return new SchemaRegistry(List.of(widget, owner), List.of(type)).resourceType("Widget").orElseThrow();
    }

    private static AttributeDefinition.Builder attribute(String name, AttributeDefinition.Type type) {
        return new AttributeDefinition.Builder().setName(name).setType(type);
    }
}
