package org.eventscim.query.projection;

import java.util.List;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.ResourceDocument;

/**
 * What one group event does to the read models: the group's document after it, and the memberships it
 * starts and ends.
 *
 * @param document      the group document after the event; the current one itself (possibly null) when
 *                      the event changes nothing
 * @param added         memberships to index
 * @param removed       memberships to delete
 * @param allMembershipsEnded whether every membership of the group ends (the group was deleted)
 */
public record GroupProjection(ResourceDocument document, List<MembershipDocument> added,
                              List<MembershipDocument> removed, boolean allMembershipsEnded) {

    public GroupProjection {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    static GroupProjection unchanged(ResourceDocument current) {
        return new GroupProjection(current, List.of(), List.of(), false);
    }

    static GroupProjection of(ResourceDocument document) {
        return new GroupProjection(document, List.of(), List.of(), false);
    }
}
