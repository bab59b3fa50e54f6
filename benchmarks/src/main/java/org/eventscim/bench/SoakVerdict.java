package org.eventscim.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Whether a soak held steady: no error at all; per service, the heap after GC of the last {@code window}
 * minutes on average at most 20% + 32 MB above that of the first {@code window} minutes after the warm-up
 * (with the slope of a least-squares line through the minutes after the warm-up, MB/min); and the p99 of all
 * requests of the last window at most twice that of the first.
 *
 * @param achievedRate requests per second after the warm-up
 * @param heapSlopes   MB/min per service
 */
record SoakVerdict(boolean passed, List<String> failures, long requests, long errors, double achievedRate,
                   Map<String, double[]> heapFirstLast, Map<String, Double> heapSlopes, double p99First, double p99Last) {

    static final double HEAP_GROWTH = 1.2;
    static final double HEAP_SLACK_MB = 32;
    static final double P99_GROWTH = 2;

    /** The minutes counted as warm-up: the JIT, caches and pools settle in them. */
    static int warmUp(int minutes) {
        return minutes >= 12 ? 2 : 1;
    }

    /** How many minutes each of the compared windows holds. */
    static int window(int minutes) {
        return Math.min(5, (minutes - warmUp(minutes)) / 2);
    }

    static SoakVerdict of(List<SoakMinute> series) {
        int warmUp = warmUp(series.size());
        int window = window(series.size());
        List<SoakMinute> measured = series.subList(warmUp, series.size());
        List<SoakMinute> first = measured.subList(0, window);
        List<SoakMinute> last = measured.subList(measured.size() - window, measured.size());
        List<String> failures = new ArrayList<>();
        long requests = series.stream().mapToLong(SoakMinute::requests).sum();
        long errors = series.stream().mapToLong(SoakMinute::errors).sum();
        if (errors > 0) {
            failures.add(errors + " errors");
        }
        Map<String, double[]> heapFirstLast = new LinkedHashMap<>();
        Map<String, Double> slopes = new LinkedHashMap<>();
        for (String service : HeapAfterGc.SERVICES) {
            double before = meanHeap(first, service);
            double after = meanHeap(last, service);
            heapFirstLast.put(service, new double[] {before, after});
            slopes.put(service, slope(measured, service));
            if (after > before * HEAP_GROWTH + HEAP_SLACK_MB) {
                failures.add("%s heap after GC grew from %.1f to %.1f MB".formatted(service, before, after));
            }
        }
        double p99First = SoakMinute.millis(merged(first), 99);
        double p99Last = SoakMinute.millis(merged(last), 99);
        if (p99Last > P99_GROWTH * p99First) {
            failures.add("p99 grew from %.1f to %.1f ms".formatted(p99First, p99Last));
        }
        double achievedRate = measured.stream().mapToDouble(SoakMinute::requestsPerSecond).average().orElseThrow();
        return new SoakVerdict(failures.isEmpty(), failures, requests, errors, achievedRate, heapFirstLast, slopes, p99First, p99Last);
    }

    String line(int minutes, double rate, int clients) {
        StringBuilder heap = new StringBuilder();
        heapFirstLast.forEach((service, values) -> heap.append("%s %.1f → %.1f (%+.2f MB/min), ".formatted(
                service, values[0], values[1], heapSlopes.get(service))));
        int window = window(minutes);
        // Not part of the verdict, but a soak whose clients could not keep the rate was not a steady load.
        String slow = achievedRate < 0.9 * rate
                ? " — note: only %.1f req/s reached after the warm-up; lower --rate for a steady load".formatted(achievedRate) : "";
        return "%s: %d min at %.0f req/s (%.1f reached after warm-up), %d clients: %,d requests, %d errors; heap after GC MB, minutes %d-%d → %d-%d: %sp99 %.1f → %.1f ms (x%.2f)%s%s"
                .formatted(passed ? "PASS" : "FAIL", minutes, rate, achievedRate, clients, requests, errors,
                        warmUp(minutes) + 1, warmUp(minutes) + window, minutes - window + 1, minutes, heap,
                        p99First, p99Last, p99Last / p99First, passed ? "" : " — " + String.join("; ", failures), slow);
    }

    private static double meanHeap(List<SoakMinute> minutes, String service) {
        return minutes.stream().mapToDouble(minute -> minute.heapMb().get(service)).average().orElseThrow();
    }

    /** Least-squares slope of the heap after GC over the minutes, MB per minute. */
    private static double slope(List<SoakMinute> minutes, String service) {
        double meanX = minutes.stream().mapToDouble(SoakMinute::minute).average().orElseThrow();
        double meanY = meanHeap(minutes, service);
        double covariance = 0;
        double variance = 0;
        for (SoakMinute minute : minutes) {
            covariance += (minute.minute() - meanX) * (minute.heapMb().get(service) - meanY);
            variance += (minute.minute() - meanX) * (minute.minute() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    private static Histogram merged(List<SoakMinute> minutes) {
        Histogram merged = new Histogram(3);
        minutes.forEach(minute -> merged.add(minute.all()));
        return merged;
    }
}
