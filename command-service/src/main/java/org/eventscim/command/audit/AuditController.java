package org.eventscim.command.audit;

import java.sql.SQLException;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /audit/v1/chain/verify[?tenant=T][&from=POSITION]}: verifies the hash chain (JSON, or text with
 * {@code Accept: text/plain}), reached through the
 * gateway with the {@code audit:read} scope. A tenant's token verifies its own chain; the operator's tenant
 * (the gateway's bootstrap tenant) verifies any tenant's, or every tenant's when none is named. Another
 * tenant's chain is 404 to everyone else, as for a tenant that does not exist.
 */
@RestController
class AuditController {

    private static final String VERIFY = "/audit/v1/chain/verify";

    private final ChainVerifier verifier;
    private final AuditProperties properties;

    AuditController(ChainVerifier verifier, AuditProperties properties) {
        this.verifier = verifier;
        this.properties = properties;
    }

    @GetMapping(path = VERIFY, produces = MediaType.APPLICATION_JSON_VALUE)
    VerificationReport verify(Caller caller, @RequestParam(required = false) String tenant,
                              @RequestParam(defaultValue = "1") long from) throws SQLException {
        caller.requireScope(Scopes.AUDIT_READ);
        if (from < 1) {
            throw ScimException.invalidValue("from is a chain position, 1 or more.");
        }
        boolean operator = caller.tenantId().equals(properties.operatorTenant());
        if (tenant != null && !operator && !tenant.equals(caller.tenantId())) {
            throw ScimException.notFound("No such tenant.");
        }
        String verified = tenant != null ? tenant : operator ? null : caller.tenantId();
        return verifier.verify(verified, from);
    }

    /** The same as text, for people and shell scripts: its last line starts with PASS or FAIL. */
    @GetMapping(path = VERIFY, produces = MediaType.TEXT_PLAIN_VALUE)
    String verifyAsText(Caller caller, @RequestParam(required = false) String tenant,
                        @RequestParam(defaultValue = "1") long from) throws SQLException {
        return verify(caller, tenant, from).text();
    }
}
