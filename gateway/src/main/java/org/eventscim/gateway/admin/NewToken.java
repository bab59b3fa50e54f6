package org.eventscim.gateway.admin;

import java.util.List;
import java.util.Set;
import org.eventscim.gateway.auth.ApiTokens;
import org.eventscim.protocol.error.ScimException;

/** The body of {@code POST /admin/v1/tenants/{id}/tokens}: a name for people to recognise it, and its scopes. */
record NewToken(String name, List<String> scopes) {

    private static final int MAX_NAME_LENGTH = 255;

    String checkedName() {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw ScimException.invalidValue("A token needs a name of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        return name;
    }

    Set<String> checkedScopes() {
        if (scopes == null || scopes.isEmpty() || !scopes.stream().allMatch(scope -> scope != null && ApiTokens.SCOPES.contains(scope))) {
            throw ScimException.invalidValue("A token needs one or more of the scopes "
                    + ApiTokens.SCOPES.stream().sorted().toList() + ".");
        }
        return Set.copyOf(scopes);
    }
}
