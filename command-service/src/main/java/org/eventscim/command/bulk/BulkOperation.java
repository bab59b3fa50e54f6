package org.eventscim.command.bulk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a bulk request's {@code Operations} as the client sent it; {@code index} is its position
 * in the request (recorded with its events), {@code version} its If-Match entity tag.
 */
record BulkOperation(int index, String method, String path, String bulkId, String version, JsonNode data) {
}
