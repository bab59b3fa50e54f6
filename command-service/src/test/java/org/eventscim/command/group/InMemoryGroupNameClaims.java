package org.eventscim.command.group;

import java.util.HashMap;
import java.util.Map;
import org.eventscim.command.uniqueness.GroupNameClaims;
import org.eventscim.command.uniqueness.NameClaims;
import org.eventscim.command.uniqueness.NameTakenException;

/** The displayName claim rules without a database, for aggregate tests. */
class InMemoryGroupNameClaims implements GroupNameClaims {

    private final Map<String, String> holders = new HashMap<>();

    @Override
    public void claim(String tenantId, String name, String ownerId) {
        String holder = holders.putIfAbsent(tenantId + "\n" + NameClaims.key(name), ownerId);
        if (holder != null && !holder.equals(ownerId)) {
            throw new NameTakenException("displayName", name);
        }
    }

    @Override
    public void releaseAll(String tenantId, String ownerId) {
        holders.entrySet().removeIf(e -> e.getKey().startsWith(tenantId + "\n") && e.getValue().equals(ownerId));
    }
}
