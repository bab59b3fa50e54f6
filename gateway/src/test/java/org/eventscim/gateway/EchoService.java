package org.eventscim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventscim.protocol.caller.Caller;

/**
 * Stands in for the command- and query-service: answers every request with what it received, so a test
 * sees exactly what the gateway forwarded, and counts requests, so a test sees that nothing was. The
 * credential events the gateway relays to the command-service are kept apart, not counted as forwarded.
 */
final class EchoService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();
    private final List<JsonNode> credentialEvents = new CopyOnWriteArrayList<>();

    private EchoService(HttpServer server) {
        this.server = server;
    }

    static EchoService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            EchoService echo = new EchoService(server);
            server.createContext("/", echo::answer);
            server.createContext("/command/internal/credential-events", echo::storeCredentialEvents);
            server.start();
            return echo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int received() {
        return received.get();
    }

    List<JsonNode> credentialEvents() {
        return credentialEvents;
    }

    private void storeCredentialEvents(HttpExchange exchange) throws IOException {
        JSON.readTree(exchange.getRequestBody()).forEach(credentialEvents::add);
        byte[] body = "{\"appended\":1}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.incrementAndGet();
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("method", exchange.getRequestMethod());
        seen.put("path", exchange.getRequestURI().getRawPath());
        seen.put("query", exchange.getRequestURI().getRawQuery());
        seen.put("caller", exchange.getRequestHeaders().getFirst(Caller.HEADER));
        byte[] body = JSON.writeValueAsBytes(seen);
        exchange.getResponseHeaders().set("Content-Type", "application/scim+json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
