package org.eventscim.command.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eventscim.protocol.BulkLimits;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;

/**
 * A /Bulk request body (RFC 7644 §3.7): its operations and how many failures end it ({@code failOnErrors},
 * unlimited when absent). Whatever makes the request as a whole unusable is refused here, before any
 * operation runs; a bad single operation only fails that operation.
 */
record BulkRequest(int failOnErrors, List<BulkOperation> operations) {

    static BulkRequest read(JsonNode body) {
        if (!body.isObject()) {
            throw ScimException.invalidSyntax("A bulk request is a JSON object.");
        }
        requireBulkRequestSchema(body.get("schemas"));
        JsonNode operations = body.get("Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimException.invalidSyntax("A bulk request needs an \"Operations\" array.");
        }
        if (operations.size() > BulkLimits.MAX_OPERATIONS) {
            throw new ScimException(HttpStatus.PAYLOAD_TOO_LARGE, null, "The bulk request has " + operations.size()
                    + " operations; maxOperations is " + BulkLimits.MAX_OPERATIONS + ".");
        }
        List<BulkOperation> read = new ArrayList<>(operations.size());
        Set<String> bulkIds = new HashSet<>();
        for (int index = 0; index < operations.size(); index++) {
            BulkOperation operation = operation(index, operations.get(index));
            if (operation.bulkId() != null && !bulkIds.add(operation.bulkId())) {
                throw ScimException.invalidValue("bulkId \"" + operation.bulkId()
                        + "\" is used by more than one operation; it must be unique within the request.");
            }
            read.add(operation);
        }
        return new BulkRequest(failOnErrors(body.get("failOnErrors")), List.copyOf(read));
    }

    private static void requireBulkRequestSchema(JsonNode schemas) {
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                if (ScimSchemas.BULK_REQUEST.equals(schema.asText())) {
                    return;
                }
            }
        }
        throw ScimException.invalidSyntax("\"schemas\" must contain " + ScimSchemas.BULK_REQUEST + ".");
    }

    private static BulkOperation operation(int index, JsonNode operation) {
        if (!operation.isObject()) {
            throw ScimException.invalidSyntax("Operation " + index + " is not a JSON object.");
        }
        String method = text(operation, "method", index);
        return new BulkOperation(index,
                method == null ? null : method.toUpperCase(Locale.ROOT),
                text(operation, "path", index),
                text(operation, "bulkId", index),
                text(operation, "version", index),
                operation.get("data"));
    }

    private static String text(JsonNode operation, String member, int index) {
        JsonNode value = operation.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidSyntax("\"" + member + "\" of operation " + index + " must be a string.");
        }
        return value.asText();
    }

    private static int failOnErrors(JsonNode value) {
        if (value == null || value.isNull()) {
            return Integer.MAX_VALUE;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw ScimException.invalidValue("failOnErrors must be a positive integer.");
        }
        return value.asInt();
    }
}
