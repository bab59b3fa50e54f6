package org.eventscim.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.AuditPosition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /audit/v1/export} (scope {@code audit:read}): the caller's tenant's events as JSON Lines or CSV,
 * streamed. Recorded ({@link AuditReadRecorder}) before the first line is sent.
 */
@RestController
class AuditExportController {

    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AuditTrail trail;
    private final AuditReadRecorder recorder;
    private final AuditEntries entries;

    AuditExportController(AuditTrail trail, AuditReadRecorder recorder, ObjectMapper json) {
        this.trail = trail;
        this.recorder = recorder;
        this.entries = new AuditEntries(json);
    }

    /**
     * The tenant's events from {@code from} to {@code to}, oldest first (stream position), streamed as JSON
     * Lines or CSV in constant memory. Every line carries its {@code position}; {@code after} resumes
     * strictly after one, so an interrupted export goes on where it stopped.
     */
    @GetMapping("/audit/v1/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to,
                                                 @RequestParam(defaultValue = "jsonl") String format,
                                                 @RequestParam(required = false) String after,
                                                 Caller caller) {
        AuditScope.require(caller);
        AuditQuery query = AuditQuery.of(null, null, null, null, from, to);
        boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "jsonl" -> false;
            default -> throw ScimException.invalidValue("format must be jsonl or csv.");
        };
        AuditPosition resumeAfter = after == null || after.isBlank() ? null : AuditPosition.parse("after", after.trim());
        recorder.record(caller, "export", query.describe() + (query.describe().isEmpty() ? "" : "&") + "format="
                + (csv ? "csv" : "jsonl") + (resumeAfter == null ? "" : "&after=" + after.trim()));
        String tenant = caller.tenantId();
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (csv) {
                writer.write(AuditEntries.CSV_HEADER + "\r\n");
            }
            trail.export(tenant, query, resumeAfter, event -> {
                try {
                    writer.write(csv ? entries.csv(event) + "\r\n" : entries.json(event, true) + "\n");
                } catch (IOException clientGone) {
                    throw new UncheckedIOException(clientGone);
                }
            });
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(csv ? CSV : JSON_LINES)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + tenant + "." + (csv ? "csv" : "jsonl") + "\"")
                .body(body);
    }
}
