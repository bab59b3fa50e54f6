package org.eventscim.command.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code bulkId:<id>} references (RFC 7644 §3.7.2): a string in an operation's data (a member's
 * {@code value}, a manager's {@code value}, ...) or a segment of its path that stands for the id of the
 * resource another operation of the same request creates.
 */
final class BulkReferences {

    private static final String PREFIX = "bulkId:";

    private BulkReferences() {
    }

    /** The bulkIds the operation refers to, in the order they appear. */
    static Set<String> of(BulkOperation operation) {
        Set<String> bulkIds = new LinkedHashSet<>();
        if (operation.path() != null) {
            for (String segment : operation.path().split("/")) {
                addIfReference(segment, bulkIds);
            }
        }
        collect(operation.data(), bulkIds);
        return bulkIds;
    }

    /** The operation with every reference replaced by the id its bulkId was created with. */
    static BulkOperation resolved(BulkOperation operation, Map<String, String> createdIds) {
        if (of(operation).isEmpty()) {
            return operation;
        }
        String path = operation.path();
        if (path != null) {
            StringBuilder resolvedPath = new StringBuilder();
            String[] segments = path.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                resolvedPath.append(i == 0 ? "" : "/").append(resolvedText(segments[i], createdIds));
            }
            path = resolvedPath.toString();
        }
        JsonNode data = operation.data() == null ? null : resolvedNode(operation.data().deepCopy(), createdIds);
        return new BulkOperation(operation.index(), operation.method(), path, operation.bulkId(), operation.version(), data);
    }

    private static void collect(JsonNode node, Set<String> bulkIds) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            addIfReference(node.asText(), bulkIds);
        }
        node.forEach(child -> collect(child, bulkIds));
    }

    private static void addIfReference(String text, Set<String> bulkIds) {
        if (text.startsWith(PREFIX) && text.length() > PREFIX.length()) {
            bulkIds.add(text.substring(PREFIX.length()));
        }
    }

    private static JsonNode resolvedNode(JsonNode node, Map<String, String> createdIds) {
        if (node.isTextual()) {
            return TextNode.valueOf(resolvedText(node.asText(), createdIds));
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(resolvedNode(field.getValue(), createdIds));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolvedNode(array.get(i), createdIds));
            }
        }
        return node;
    }

    private static String resolvedText(String text, Map<String, String> createdIds) {
        if (text.startsWith(PREFIX)) {
            String id = createdIds.get(text.substring(PREFIX.length()));
            if (id != null) {
                return id;
            }
        }
        return text;
    }
}
