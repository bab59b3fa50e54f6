package org.eventscim.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * One minute of the soak: what was sent and how it was answered, and the heap each service held after a
 * full GC at its end.
 *
 * @param heapMb MB per service, in {@link HeapAfterGc#SERVICES} order
 * @param causes the first few errors, to tell what went wrong
 */
record SoakMinute(int minute, long requests, long errors, Map<SoakKind, Histogram> latencies, Map<String, Double> heapMb,
                  List<String> causes) {

    double requestsPerSecond() {
        return requests / 60.0;
    }

    /** Every kind's latencies together. */
    Histogram all() {
        Histogram all = new Histogram(3);
        latencies.values().forEach(all::add);
        return all;
    }

    String line() {
        String kinds = latencies.entrySet().stream()
                .filter(entry -> entry.getValue().getTotalCount() > 0)
                .map(entry -> "%s %.1f/%.1f".formatted(entry.getKey().label(), millis(entry.getValue(), 50), millis(entry.getValue(), 99)))
                .collect(Collectors.joining("  "));
        String heap = heapMb.entrySet().stream()
                .map(entry -> "%s %.1f".formatted(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining("  "));
        return "minute %3d: %,d requests (%.1f/s), %d errors | p50/p99 ms  %s | heap after GC MB  %s%s".formatted(
                minute, requests, requestsPerSecond(), errors, kinds, heap,
                causes.isEmpty() ? "" : "\n    first errors: " + String.join("; ", causes));
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
