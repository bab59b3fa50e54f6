package org.eventscim.command.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.ResourceType;
import org.springframework.http.HttpStatus;

/**
 * One element of a PATCH request's {@code Operations}, as the client sent it, applied through the SDK's
 * {@link PatchOperation}. Before handing it over, the operation is normalised where the SDK is stricter
 * than real clients or wrong for our storage; each such step says why.
 *
 * @param index position in {@code Operations}, for error details
 * @param path  the client's path, or null when it sent none
 * @param value the client's value, or null when it sent none ({@code remove})
 */
public record ClientOperation(int index, PatchOpType type, String path, JsonNode value) {

    /** Member names and op values in any case: Entra ID sends {@code "Replace"}, others {@code "REPLACE"}. */
    static ClientOperation read(int index, JsonNode operation) {
        if (!operation.isObject()) {
            throw ScimException.invalidSyntax("Operations[" + index + "] must be an object.");
        }
        JsonNode op = null;
        JsonNode path = null;
        JsonNode value = null;
        for (Map.Entry<String, JsonNode> member : operation.properties()) {
            switch (member.getKey().toLowerCase(Locale.ROOT)) {
                case "op" -> op = member.getValue();
                case "path" -> path = member.getValue();
                case "value" -> value = member.getValue();
                default -> { }
            }
        }
        PatchOpType type = type(index, op);
        if (path != null && !path.isNull() && !path.isTextual()) {
            throw new ScimException(HttpStatus.BAD_REQUEST, "invalidPath", "Operations[" + index + "]: path must be a string.");
        }
        String pathText = path == null || path.isNull() || path.asText().isBlank() ? null : path.asText();
        if (type != PatchOpType.REMOVE && value == null) {
            throw ScimException.invalidValue("Operations[" + index + "]: " + type.getStringValue() + " requires a value.");
        }
        // A remove keeps its value: Entra ID names the group members to remove in it.
        return new ClientOperation(index, type, pathText, value);
    }

    /** This operation with another value, for callers that take part of a path-less value themselves. */
    public ClientOperation withValue(JsonNode otherValue) {
        return new ClientOperation(index, type, path, otherValue);
    }

    /** Applies this operation to {@code user}, a resource of {@code resourceType}, in place; any failure leaves the caller to discard it. */
    void applyTo(ObjectNode user, ResourceType resourceType) {
        try {
            if (path == null) {
                applyWithoutPath(user, resourceType);
            } else {
                applyAt(TargetPaths.resolve(path, user, resourceType), user);
            }
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            throw translated(e);
        }
    }

    private void applyWithoutPath(ObjectNode user, ResourceType resourceType) throws com.unboundid.scim2.common.exceptions.ScimException {
        if (type == PatchOpType.REMOVE) {
            throw BadRequestException.noTarget("remove requires a path");
        }
        if (!value.isObject()) {
            throw BadRequestException.invalidValue(type.getStringValue() + " without a path requires an object of attributes");
        }
        ObjectNode plain = ((ObjectNode) value).deepCopy();
        // Entra ID's SCIM-compliant PATCH puts value-filter paths among the keys ("emails[type eq \"work\"].value"):
        // each such key is an operation of its own at that path, applied after the plain keys.
        List<ClientOperation> filtered = new ArrayList<>();
        for (Map.Entry<String, JsonNode> key : List.copyOf(plain.properties())) {
            if (key.getKey().indexOf('[') >= 0) {
                filtered.add(new ClientOperation(index, type, key.getKey(), plain.remove(key.getKey())));
            }
        }
        ObjectNode attributes = PathlessValue.reshape(plain, user, resourceType);
        // Nothing left (say, only "schemas"): the SDK refuses an empty value, and there is nothing to do.
        if (!attributes.isEmpty()) {
            sdk(type, Path.root(), CanonicalNames.align(attributes, user)).apply(user);
        }
        for (ClientOperation operation : filtered) {
            operation.applyAt(TargetPaths.resolve(operation.path(), user, resourceType), user);
        }
    }

    private void applyAt(Path target, ObjectNode user) throws com.unboundid.scim2.common.exceptions.ScimException {
        Path values = TargetPaths.filteredValues(target);
        boolean selectsNothing = values != null && !JsonUtils.pathExists(values, user);
        // RFC 7643 §2.5: null is "unassigned". The SDK rejects a null value, so it becomes a remove.
        if (type == PatchOpType.REMOVE || value.isNull()) {
            // The SDK removes nothing, silently, when the filter selects no value; RFC 7644 §3.5.2 wants
            // the client told that the sub-attribute it named is not there.
            if (selectsNothing) {
                throw BadRequestException.noTarget("no value of '" + target.getElement(0).getAttribute() + "' matches the filter");
            }
            if (type == PatchOpType.REMOVE && value != null && !value.isNull() && removeValues(target, user)) {
                return;
            }
            sdk(PatchOpType.REMOVE, target, null).apply(user);
            return;
        }
        if (values == null && target.getElement(0).getValueFilter() != null && !value.isObject()) {
            throw BadRequestException.invalidValue("the values a filter selects can only be replaced by an object");
        }
        JsonNode existing = TargetPaths.existing(target, user);
        JsonNode aligned = CanonicalNames.align(value, existing);
        // Given one value for a multi-valued attribute, the SDK stores that value in place of the array;
        // clients mean a one-element array (RFC 7644 §3.5.2.1: add appends it).
        if (existing != null && existing.isArray() && !aligned.isArray() && target.size() == 1
                && target.getElement(0).getValueFilter() == null) {
            aligned = JsonNodeFactory.instance.arrayNode().add(aligned);
        }
        // RFC 7644 §3.5.2.3 answers a replace through a filter that selects nothing with noTarget, but
        // Entra ID sets a user's first work email with replace emails[type eq "work"].value and relies
        // on the value being created. An equality filter says what to create, which is what the SDK's
        // add does with such a path; other filters still fail with noTarget (from the SDK).
        PatchOpType effective = type == PatchOpType.REPLACE && selectsNothing
                && target.getElement(0).getValueFilter().getFilterType() == FilterType.EQUAL ? PatchOpType.ADD : type;
        // RFC 7644 §3.5.2.1: an add to a single-valued target replaces its value. Entra ID adds
        // emails[type eq "work"].value to a user who has a work email; the SDK would refuse it as a second value.
        if (type == PatchOpType.ADD && values != null && !selectsNothing) {
            effective = PatchOpType.REPLACE;
        }
        sdk(effective, target, aligned).apply(user);
    }

    /**
     * A remove of a whole multi-valued attribute that names values, as Entra ID removes group members
     * ({@code "path":"emails","value":[{"value":"a@example.com"}]}), removes those values only; values are
     * matched by their {@code value} sub-attribute, strings ignoring case. Answers false, having changed nothing,
     * when the target or the value has another shape; the whole attribute is then removed.
     */
    private boolean removeValues(Path target, ObjectNode user) {
        JsonNode existing = TargetPaths.existing(target, user);
        if (target.size() != 1 || target.getElement(0).getValueFilter() != null || existing == null || !existing.isArray()) {
            return false;
        }
        List<JsonNode> named = new ArrayList<>();
        for (JsonNode element : value.isArray() ? value : JsonNodeFactory.instance.arrayNode().add(value)) {
            JsonNode given = element.isObject() ? ResourcePatch.member(element, "value") : element;
            if (given == null || !given.isValueNode()) {
                return false;
            }
            named.add(given);
        }
        ArrayNode stored = (ArrayNode) existing;
        for (int i = stored.size() - 1; i >= 0; i--) {
            JsonNode storedValue = stored.get(i).path("value");
            if (named.stream().anyMatch(given -> sameValue(given, storedValue))) {
                stored.remove(i);
            }
        }
        return true;
    }

    private static boolean sameValue(JsonNode named, JsonNode stored) {
        return named.isTextual() && stored.isTextual() ? named.textValue().equalsIgnoreCase(stored.textValue()) : named.equals(stored);
    }

    /** The SDK's factory wraps its own validation failures in IllegalArgumentException; unwrap them. */
    private static PatchOperation sdk(PatchOpType type, Path path, JsonNode value)
            throws com.unboundid.scim2.common.exceptions.ScimException {
        try {
            return PatchOperation.create(type, path, value);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof com.unboundid.scim2.common.exceptions.ScimException cause) {
                throw cause;
            }
            throw BadRequestException.invalidValue(e.getMessage());
        }
    }

    /** Patching raises only the SDK's BadRequestException, so the status is always 400. */
    private ScimException translated(com.unboundid.scim2.common.exceptions.ScimException e) {
        String scimType = e.getScimError().getScimType();
        return new ScimException(HttpStatus.BAD_REQUEST, scimType == null ? "invalidValue" : scimType,
                where() + ": " + e.getScimError().getDetail());
    }

    /** Where in the request this operation is, for error details. */
    public String where() {
        return "Operations[" + index + "] (" + type.getStringValue() + (path == null ? "" : " \"" + path + "\"") + ")";
    }

    private static PatchOpType type(int index, JsonNode op) {
        String name = op != null && op.isTextual() ? op.asText().toLowerCase(Locale.ROOT) : "";
        return switch (name) {
            case "add" -> PatchOpType.ADD;
            case "remove" -> PatchOpType.REMOVE;
            case "replace" -> PatchOpType.REPLACE;
            default -> throw ScimException.invalidSyntax(
                    "Operations[" + index + "]: op must be add, remove or replace, not " + op + ".");
        };
    }
}
