package org.eventscim.command.eventstore;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.eventscim.events.EventMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Copies the caller's metadata from each command to every event it causes: no event without an actor. */
@Configuration
class EventMetadataConfiguration {

    @Bean
    CorrelationDataProvider callerMetadata() {
        return new SimpleCorrelationDataProvider(EventMetadata.TENANT, EventMetadata.ACTOR_ID,
                EventMetadata.ACTOR_NAME, EventMetadata.SOURCE_IP, EventMetadata.USER_AGENT, EventMetadata.REQUEST_ID,
                EventMetadata.BULK_OPERATION);
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
