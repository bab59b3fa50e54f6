package org.eventscim.protocol;

/**
 * The limits of one /Bulk request (RFC 7644 §3.7.4), enforced by the command-service and advertised in
 * ServiceProviderConfig by the query-service, so both read them from here. The payload limit equals the
 * gateway's body limit.
 */
public final class BulkLimits {

    public static final int MAX_OPERATIONS = 1000;
    public static final int MAX_PAYLOAD_BYTES = 1_048_576;

    private BulkLimits() {
    }
}
