package org.eventscim.command.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The checkpoint signing key, loaded (or created) once at start, so a bad key file stops the service early. */
@Configuration
class AuditConfiguration {

    @Bean
    SigningKey auditSigningKey(AuditProperties properties) {
        return SigningKey.loadOrCreate(properties.signingKey());
    }
}
