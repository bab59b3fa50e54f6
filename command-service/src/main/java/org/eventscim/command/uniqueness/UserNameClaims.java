package org.eventscim.command.uniqueness;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Claims on userNames, unique per tenant and case-insensitive. Taken and released inside the command's
 * transaction, so the claim and the event are stored together or not at all.
 */
public interface UserNameClaims {

    /** Claims the name for the user, or throws {@link UserNameTakenException} if another user holds it. */
    void claim(String tenantId, String userName, String userId);

    /** Releases every name the user holds, so a deleted user's userName can be used again. */
    void releaseAll(String tenantId, String userId);

    /** The comparison key: Unicode-normalised and lower-cased, so "ÄLICE" and "älice" collide. */
    static String key(String userName) {
        return Normalizer.normalize(userName, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
