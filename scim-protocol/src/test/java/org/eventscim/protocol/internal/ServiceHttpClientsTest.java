package org.eventscim.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a service that, like one restarted, drops each connection after answering once while it still looks
 * open to the client's pool.
 */
class ServiceHttpClientsTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread serving;
    private CloseableHttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = Thread.ofPlatform().daemon().start(this::answerOncePerConnection);
        http = ServiceHttpClients.pooled(4, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        server.close();
        serving.join(2_000);
    }

    @Test
    void aReadOnAConnectionTheServiceClosedIsSentAgainOnAFreshOne() throws IOException {
        assertThat(status(new HttpGet(url()))).isEqualTo(200);

        assertThat(status(new HttpGet(url()))).isEqualTo(200);
        assertThat(received).containsExactly("GET", "GET");
    }

    @Test
    void aWriteOnAConnectionTheServiceClosedFailsRatherThanRiskBeingCarriedOutTwice() throws IOException {
        assertThat(status(new HttpGet(url()))).isEqualTo(200);
        HttpPost write = new HttpPost(url());
        write.setEntity(new StringEntity("{}"));

        assertThatThrownBy(() -> status(write)).isInstanceOf(IOException.class);
        assertThat(received).containsExactly("GET");
    }

    @Test
    void aServiceThatAsksToRetryLaterIsAnsweredAsItIsAtOnce() throws IOException {
        long started = System.nanoTime();

        assertThat(status(new HttpGet(url() + "?busy"))).isEqualTo(503);
        assertThat(received).containsExactly("GET");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    private int status(ClassicHttpRequest request) throws IOException {
        return http.execute(request, response -> response.getCode());
    }

    private String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/internal/probe";
    }

    /**
     * Answers the first request of each connection with keep-alive (503 with Retry-After when asked for
     * {@code ?busy}), then closes the connection unannounced.
     */
    private void answerOncePerConnection() {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                String requestLine = lines.readLine();
                String header;
                do {
                    header = lines.readLine();
                } while (header != null && !header.isEmpty());
                if (requestLine == null) {
                    continue;
                }
                received.add(requestLine.substring(0, requestLine.indexOf(' ')));
                String status = requestLine.contains("?busy") ? "503 Service Unavailable\r\nRetry-After: 2" : "200 OK";
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // The test is over, or the client went away first.
            }
        }
    }
}
