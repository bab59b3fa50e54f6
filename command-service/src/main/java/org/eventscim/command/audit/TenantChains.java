package org.eventscim.command.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every tenant's chain head, extended event by event; what the chainer computes before it stores anything. */
final class TenantChains {

    private final Map<String, ChainHead> heads;
    private final ChainHasher hasher = new ChainHasher();

    TenantChains(Map<String, ChainHead> heads) {
        this.heads = heads;
    }

    /** The links of {@code events}, given in publication order. */
    List<ChainLink> append(List<StoredEvent> events) {
        List<ChainLink> links = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            String tenant = event.tenant();
            ChainHead head = heads.getOrDefault(tenant, ChainHead.EMPTY);
            byte[] hash = hasher.next(head.hash(), event);
            long position = head.position() + 1;
            heads.put(tenant, head.advance(position, hash));
            links.add(new ChainLink(tenant, position, event.position(), event.eventId(), hash));
        }
        return links;
    }

    /** Signs the head of every tenant that gained links since its last checkpoint, once the interval has passed. */
    List<Checkpoint> checkpointsDue(Instant now, Duration interval, SigningKey key) {
        List<Checkpoint> due = new ArrayList<>();
        heads.replaceAll((tenant, head) -> {
            if (!head.checkpointDue(now, interval)) {
                return head;
            }
            due.add(Checkpoint.sign(tenant, head.position(), head.hash(), now, key));
            return head.checkpoint(now);
        });
        return due;
    }
}
