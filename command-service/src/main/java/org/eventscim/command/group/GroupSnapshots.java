package org.eventscim.command.group;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Groups collect one event per membership change (authentik adds members one request at a time), so a
 * group is snapshotted every {@value #EVENTS_PER_SNAPSHOT} events and loading it reads at most that many.
 */
@Configuration
class GroupSnapshots {

    static final String TRIGGER = "groupSnapshotTrigger";
    static final int EVENTS_PER_SNAPSHOT = 100;

    @Bean(TRIGGER)
    SnapshotTriggerDefinition groupSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, EVENTS_PER_SNAPSHOT);
    }
}
