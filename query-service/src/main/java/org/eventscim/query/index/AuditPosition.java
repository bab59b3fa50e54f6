package org.eventscim.query.index;

import org.eventscim.protocol.error.ScimException;

/**
 * An event's stream position as clients see it, {@code <transactionId>:<globalIndex>}: what an export line
 * carries and what {@code after} resumes from.
 *
 * @param transactionId the appending transaction
 * @param globalIndex   the event's global index
 */
public record AuditPosition(long transactionId, long globalIndex) {

    public static String format(long transactionId, long globalIndex) {
        return transactionId + ":" + globalIndex;
    }

    /** @throws ScimException 400 {@code invalidValue} when {@code value} is not a position */
    public static AuditPosition parse(String parameter, String value) {
        int colon = value.indexOf(':');
        try {
            return new AuditPosition(Long.parseLong(value.substring(0, Math.max(colon, 0))),
                    Long.parseLong(value.substring(colon + 1)));
        } catch (NumberFormatException malformed) {
            throw ScimException.invalidValue(parameter + " must be a position <transactionId>:<globalIndex>, as export lines carry it.");
        }
    }
}
