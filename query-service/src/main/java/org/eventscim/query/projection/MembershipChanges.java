package org.eventscim.query.projection;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.query.index.MembershipDocument;

/**
 * The membership writes of one batch, folded in event order so each membership is written once, in its
 * final state: added then removed in the same batch is one delete, and everything pending for a group
 * that is deleted gives way to deleting all of its memberships.
 */
final class MembershipChanges {

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Set<ResourceKey> endedGroups = new LinkedHashSet<>();

    /**
     * @param membership the membership
     * @param member     true: index it; false: delete it
     */
    record Pending(MembershipDocument membership, boolean member) {
    }

    void apply(GroupProjection projection) {
        projection.added().forEach(membership -> pending.put(membership.id(), new Pending(membership, true)));
        projection.removed().forEach(membership -> pending.put(membership.id(), new Pending(membership, false)));
        if (projection.allMembershipsEnded()) {
            ResourceKey group = new ResourceKey(projection.document().tenant(), GroupProjector.RESOURCE_TYPE,
                    projection.document().resourceId());
            pending.values().removeIf(write -> write.membership().tenant().equals(group.tenant())
                    && write.membership().groupId().equals(group.resourceId()));
            endedGroups.add(group);
        }
    }

    boolean isEmpty() {
        return pending.isEmpty() && endedGroups.isEmpty();
    }

    /** Single memberships to index or delete, one entry per membership. */
    List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    /** Groups all of whose memberships end. */
    List<ResourceKey> endedGroups() {
        return List.copyOf(endedGroups);
    }
}
