package org.eventscim.query.audit;

import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;

/** Every audit read needs {@code audit:read}; the gateway checks it too, the service does not rely on that. */
final class AuditScope {

    private AuditScope() {
    }

    static void require(Caller caller) {
        if (!caller.hasScope(Scopes.AUDIT_READ)) {
            throw ScimException.forbidden("Reading the audit trail needs the scope " + Scopes.AUDIT_READ + ".");
        }
    }
}
