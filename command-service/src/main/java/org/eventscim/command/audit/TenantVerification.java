package org.eventscim.command.audit;

/**
 * One tenant's result: the positions verified ({@code from} to {@code verifiedThrough}), the checkpoints whose
 * signature and hash held, and the first break, null when there is none.
 */
record TenantVerification(String tenant, long from, long verifiedThrough, int checkpointsVerified, ChainBreak firstBreak) {

    boolean intact() {
        return firstBreak == null;
    }
}
