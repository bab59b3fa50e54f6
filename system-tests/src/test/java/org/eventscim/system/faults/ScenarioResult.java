package org.eventscim.system.faults;

import java.util.List;

/**
 * What one fault scenario measured. {@code failed}: 5xx or no answer; {@code refused}: any other
 * non-2xx. {@code catchUpSeconds}: from the repair until GET showed every write acknowledged before it.
 * {@code topicJumps}: resources with an event on Kafka ahead of its predecessor (republished later).
 */
record ScenarioResult(String name, int attempted, int acknowledged, int failed, int refused,
                      long slowestWriteMillis, double catchUpSeconds, int reads, int readsNotFound,
                      int reads503, int retriedCreates, int retriedCreatesAlreadyApplied, int topicJumps,
                      List<String> jumpSamples, List<String> problems) {

    boolean passed() {
        return problems.isEmpty();
    }

    String line() {
        return "%s %s: writes attempted=%d acknowledged=%d failed(5xx/no answer)=%d refused(4xx)=%d slowest=%d ms;"
                .formatted(passed() ? "PASS" : "FAIL", name, attempted, acknowledged, failed, refused, slowestWriteMillis)
                + " catch-up=%.1f s; reads=%d (404 %d, 503 %d); failed creates retried=%d (already applied %d)"
                .formatted(catchUpSeconds, reads, readsNotFound, reads503, retriedCreates, retriedCreatesAlreadyApplied)
                + "; events ahead of their predecessor on Kafka=%d %s".formatted(topicJumps, jumpSamples)
                + (passed() ? "" : "; problems: " + problems);
    }
}
