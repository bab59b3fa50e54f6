package org.eventscim.query.rebuild;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.StreamPosition;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.Scopes;
import org.springframework.stereotype.Component;

/**
 * Reads the event store through the command-service ({@code GET /internal/events}), which owns it: the events
 * after a position, in the same gap-free order and the same form as the publisher sends them to Kafka.
 */
@Component
class EventStoreReader {

    private static final TypeReference<List<EventEnvelope>> ENVELOPES = new TypeReference<>() {
    };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CallerTokenCodec callerTokens;
    private final ObjectMapper json;
    private final String commandUrl;

    EventStoreReader(CallerTokenCodec callerTokens, ObjectMapper json, RebuildProperties properties) {
        this.callerTokens = callerTokens;
        // Tolerates members added to the envelope later, as the Kafka consumer does.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.commandUrl = properties.commandUrl();
    }

    /**
     * At most {@code limit} events after {@code position}; none once every event final so far is read.
     *
     * @param on whose behalf: the rebuild's requester, as the actor this service vouches for
     */
    List<EventEnvelope> after(StreamPosition position, int limit, Caller on) throws IOException {
        Caller service = new Caller(on.tenantId(), "query-service", "read model rebuild", Set.of(Scopes.ADMIN),
                null, null, on.requestId(), null);
        URI uri = URI.create(commandUrl + "/internal/events?limit=" + limit + "&after=" + position.transactionId()
                + ":" + position.globalIndex());
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header(Caller.HEADER, callerTokens.sign(service, Duration.ofMinutes(1)))
                    .GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading the event store", interrupted);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Reading the event store after " + position + " failed: the command-service answered "
                    + response.statusCode());
        }
        return json.readValue(response.body(), ENVELOPES);
    }
}
