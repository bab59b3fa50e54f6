package org.eventscim.command.audit;

import java.util.List;

/** The outcome of one verification: every tenant checked, the events re-hashed, and how fast. */
record VerificationReport(boolean intact, String keyId, long eventsVerified, long elapsedMillis, long eventsPerSecond,
                          List<TenantVerification> tenants) {

    static VerificationReport of(String keyId, long eventsVerified, long elapsedNanos, List<TenantVerification> tenants) {
        long millis = elapsedNanos / 1_000_000;
        long rate = elapsedNanos == 0 ? 0 : eventsVerified * 1_000_000_000L / elapsedNanos;
        return new VerificationReport(tenants.stream().allMatch(TenantVerification::intact), keyId, eventsVerified,
                millis, rate, tenants);
    }
}
