package org.eventscim.command.uniqueness;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Claims on a name that is unique per tenant and case-insensitive. Taken and released inside the
 * command's transaction, so the claim and the event are stored together or not at all.
 */
public interface NameClaims {

    /** Claims the name for the resource, or throws {@link NameTakenException} if another resource holds it. */
    void claim(String tenantId, String name, String ownerId);

    /** Releases every name the resource holds, so a deleted resource's name can be used again. */
    void releaseAll(String tenantId, String ownerId);

    /** The comparison key: Unicode-normalised and lower-cased, so "ÄLICE" and "älice" collide. */
    static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
