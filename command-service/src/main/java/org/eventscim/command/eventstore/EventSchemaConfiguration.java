package org.eventscim.command.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC engine on the snake_case tables that Flyway creates (V1__event_store.sql); Axon's own
 * default names are camelCase and it does not create tables itself.
 */
@Configuration
class EventSchemaConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .build();
    }
}
