package org.eventscim.command.bulk;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.eventscim.protocol.BulkLimits;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.StrictJson;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /scim/v2/Bulk} (RFC 7644 §3.7): answered 200 with one result per performed operation once
 * they ran; a body over {@code maxPayloadSize} or with more than {@code maxOperations} operations is
 * refused with 413 before any of them runs.
 */
@RestController
class BulkController {

    private final BulkProcessor processor;
    private final ObjectMapper json;

    BulkController(BulkProcessor processor, ObjectMapper json) {
        this.processor = processor;
        this.json = StrictJson.of(json);
    }

    @PostMapping(path = "/scim/v2/Bulk", consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<BulkResponse> bulk(Caller caller, HttpServletRequest request) throws IOException {
        BulkRequest bulk = BulkRequest.read(parse(boundedBody(request)));
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(new BulkResponse(List.of(ScimSchemas.BULK_RESPONSE), processor.process(caller, bulk)));
    }

    /** The RFC's response message; {@code Operations} is capitalised as the RFC writes it. */
    record BulkResponse(List<String> schemas, @JsonProperty("Operations") List<BulkResult> operations) {
    }

    private static byte[] boundedBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > BulkLimits.MAX_PAYLOAD_BYTES) {
            throw tooLarge();
        }
        byte[] body = request.getInputStream().readNBytes(BulkLimits.MAX_PAYLOAD_BYTES + 1);
        if (body.length > BulkLimits.MAX_PAYLOAD_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private JsonNode parse(byte[] body) throws IOException {
        try {
            JsonNode parsed = json.readTree(body);
            if (parsed == null || parsed.isMissingNode()) {
                throw ScimException.invalidSyntax("The bulk request body is empty.");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON.");
        }
    }

    private static ScimException tooLarge() {
        return new ScimException(HttpStatus.PAYLOAD_TOO_LARGE, null,
                "The bulk request exceeds maxPayloadSize (" + BulkLimits.MAX_PAYLOAD_BYTES + " bytes).");
    }
}
