package org.eventscim.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What the soak's clients measure, read out once a minute: latency per kind, errors and a few of their causes. */
final class SoakMetrics {

    /** Enough causes to see what went wrong without flooding the minute's output. */
    private static final int ERROR_SAMPLES = 5;

    private final Map<SoakKind, Recorder> latencies = new EnumMap<>(SoakKind.class);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> causes = new ArrayList<>();

    SoakMetrics() {
        for (SoakKind kind : SoakKind.values()) {
            latencies.put(kind, new Recorder(3));
        }
    }

    /** One request answered, as expected or not; latency in nanoseconds. */
    void answered(SoakKind kind, long nanos) {
        sent.incrementAndGet();
        latencies.get(kind).recordValue(nanos);
    }

    /** One request that got no answer at all (connection refused, timeout): an error without a latency. */
    void unanswered(SoakKind kind, String cause) {
        sent.incrementAndGet();
        failed(kind, cause);
    }

    /** One request answered otherwise than its kind expects (another status, a wrong body). */
    void failed(SoakKind kind, String cause) {
        failed.incrementAndGet();
        synchronized (causes) {
            if (causes.size() < ERROR_SAMPLES) {
                causes.add(kind.label() + ": " + cause);
            }
        }
    }

    /** The requests, latencies, errors and causes since the last call. */
    Interval interval() {
        Map<SoakKind, Histogram> histograms = new EnumMap<>(SoakKind.class);
        latencies.forEach((kind, recorder) -> histograms.put(kind, recorder.getIntervalHistogram()));
        List<String> sampled;
        synchronized (causes) {
            sampled = List.copyOf(causes);
            causes.clear();
        }
        return new Interval(sent.getAndSet(0), histograms, failed.getAndSet(0), sampled);
    }

    record Interval(long requests, Map<SoakKind, Histogram> latencies, long errors, List<String> causes) {
    }
}
