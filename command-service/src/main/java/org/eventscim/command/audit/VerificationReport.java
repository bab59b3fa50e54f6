package org.eventscim.command.audit;

import java.util.List;
import java.util.Locale;

/** The outcome of one verification: every tenant checked, the events re-hashed, and how fast. */
record VerificationReport(boolean intact, String keyId, long eventsVerified, long elapsedMillis, long eventsPerSecond,
                          List<TenantVerification> tenants) {

    static VerificationReport of(String keyId, long eventsVerified, long elapsedNanos, List<TenantVerification> tenants) {
        long millis = elapsedNanos / 1_000_000;
        long rate = elapsedNanos == 0 ? 0 : eventsVerified * 1_000_000_000L / elapsedNanos;
        return new VerificationReport(tenants.stream().allMatch(TenantVerification::intact), keyId, eventsVerified,
                millis, rate, tenants);
    }

    /** One line per tenant, then a last line starting with PASS or FAIL: what {@code ./scim audit verify} prints. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (TenantVerification tenant : tenants) {
            text.append(String.format(Locale.ROOT, "tenant %s: ", tenant.tenant().isEmpty() ? "(none)" : tenant.tenant()));
            if (tenant.intact() && tenant.verifiedThrough() < tenant.from()) {
                text.append(String.format(Locale.ROOT, "intact, nothing chained from position %d on%n", tenant.from()));
            } else if (tenant.intact()) {
                text.append(String.format(Locale.ROOT, "intact, positions %d to %d, %d signed checkpoints verified%n",
                        tenant.from(), tenant.verifiedThrough(), tenant.checkpointsVerified()));
            } else {
                ChainBreak broken = tenant.firstBreak();
                text.append(String.format(Locale.ROOT, "BROKEN at position %d: %s (%s)%n",
                        broken.position(), broken.kind(), broken.detail()));
            }
        }
        long broken = tenants.stream().filter(tenant -> !tenant.intact()).count();
        text.append(String.format(Locale.ROOT, "%s: %d tenants, %d broken; %,d events verified in %.2f s (%,d events/s), key %s%n",
                intact ? "PASS" : "FAIL", tenants.size(), broken, eventsVerified, elapsedMillis / 1000.0, eventsPerSecond, keyId));
        return text.toString();
    }
}
