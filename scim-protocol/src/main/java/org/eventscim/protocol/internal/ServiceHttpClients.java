package org.eventscim.protocol.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for calls from one of our services to another (gateway to services, command-service to
 * query-service). A blocking, pooled client: the calling thread does the I/O itself, where the JDK client
 * hands every exchange to its selector and worker threads, which on two cores cost a fifth of a service's CPU
 * and most of its latency jitter.
 */
public final class ServiceHttpClients {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private ServiceHttpClients() {
    }

    /**
     * @param connections at most this many open connections to one service: as many as calls may be under way
     *                    at once, long-polls included
     */
    public static CloseableHttpClient pooled(int connections, Duration connectTimeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                // A pooled connection idle for a while may have been closed by a restarted service.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setRetryStrategy(new RetryReadsOnBrokenConnection())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    /**
     * A read that failed on a connection the other side had closed (it restarted, or dropped an idle one) is
     * sent once more on a fresh connection; a write never is, since it may have been carried out, and neither is
     * a call that timed out. Answers are passed on as they are: a 503 is the service's to give.
     */
    private static final class RetryReadsOnBrokenConnection implements HttpRequestRetryStrategy {

        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            return execCount < 2 && SAFE_METHODS.contains(request.getMethod())
                    && !(exception instanceof InterruptedIOException);
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }
}
