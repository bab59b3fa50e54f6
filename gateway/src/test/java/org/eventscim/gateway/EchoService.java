package org.eventscim.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventscim.protocol.caller.Caller;

/**
 * Stands in for the command- and query-service: answers every request with what it received, so a test
 * sees exactly what the gateway forwarded, and counts requests, so a test sees that nothing was.
 */
final class EchoService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    private EchoService(HttpServer server) {
        this.server = server;
    }

    static EchoService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            EchoService echo = new EchoService(server);
            server.createContext("/", echo::answer);
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
