package org.eventscim.command.user;

import java.util.HashMap;
import java.util.Map;
import org.eventscim.command.uniqueness.NameClaims;
import org.eventscim.command.uniqueness.UserNameClaims;
import org.eventscim.command.uniqueness.NameTakenException;

/** The claim rules without a database, for aggregate tests; the JDBC claims are tested against PostgreSQL. */
class InMemoryUserNameClaims implements UserNameClaims {

    private final Map<String, String> holders = new HashMap<>();

    @Override
    public void claim(String tenantId, String userName, String userId) {
        String holder = holders.putIfAbsent(tenantId + "\n" + NameClaims.key(userName), userId);
        if (holder != null && !holder.equals(userId)) {
            throw new NameTakenException("userName", userName);
        }
    }

    @Override
    public void releaseAll(String tenantId, String userId) {
        holders.entrySet().removeIf(e -> e.getKey().startsWith(tenantId + "\n") && e.getValue().equals(userId));
    }
}
