package org.eventscim.query.consistency;

import org.eventscim.protocol.consistency.AppliedVersions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The waiters of {@code /internal/applied}, told by the projection what it has applied. */
@Configuration
class ConsistencyConfiguration {

    @Bean
    AppliedVersions appliedVersions() {
        return new AppliedVersions();
    }
}
