package org.eventscim.query.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.group.GroupMember;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.projection.GroupProjection;
import org.eventscim.query.projection.GroupProjector;
import org.eventscim.query.projection.UserProjector;

/**
 * What a resource was at an instant, as pure functions of its recorded events: the same folds the read
 * models apply ({@link UserProjector}, {@link GroupProjector}), over the events up to that instant, so a
 * past state is rendered exactly as the present one.
 */
final class PastResources {

    private PastResources() {
    }

    /**
     * A group at the end of its events, and its members then, ordered by member id as a group's members are.
     *
     * @param document the group after the events; null if they do not create it; a tombstone if deleted
     * @param members  its direct members after the events
     */
    record PastGroup(ResourceDocument document, List<MembershipDocument> members) {
    }

    /** The user after these events of it (in version order); null if they do not create it. */
    static ResourceDocument user(List<AuditDocument> events) {
        ResourceDocument user = null;
        for (AuditDocument event : events) {
            user = UserProjector.project(user, envelope(event));
        }
        return user;
    }

    /** The group after these events of it (in version order), with the members it had then. */
    static PastGroup group(List<AuditDocument> events) {
        ResourceDocument group = null;
        Map<String, MembershipDocument> members = new TreeMap<>();
        for (AuditDocument event : events) {
            GroupProjection projection = GroupProjector.project(group, envelope(event));
            if (projection.allMembershipsEnded()) {
                members.clear();
            }
            projection.removed().forEach(membership -> members.remove(membership.memberId()));
            projection.added().forEach(membership -> members.put(membership.memberId(), membership));
            group = projection.document();
        }
        return new PastGroup(group, List.copyOf(members.values()));
    }

    /**
     * The groups a user was a direct member of after these membership events (of the tenant's groups, in
     * stream order), leaving out groups deleted by then: a deleted group's memberships end without events
     * of their own. Ordered by group id, as a user's groups are.
     */
    static List<MembershipDocument> groupsOf(String tenant, String userId, List<AuditDocument> membershipEvents,
                                             Set<String> deletedGroups) {
        Map<String, Boolean> member = new TreeMap<>();
        membershipEvents.stream()
                .sorted(Comparator.comparingLong(AuditDocument::transactionId).thenComparingLong(AuditDocument::globalIndex))
                .forEach(event -> {
                    if (isUser(event.membersAdded(), userId)) {
                        member.put(event.resourceId(), true);
                    }
                    if (isUser(event.membersRemoved(), userId)) {
                        member.put(event.resourceId(), false);
                    }
                });
        List<MembershipDocument> groups = new ArrayList<>();
        member.forEach((groupId, isMember) -> {
            if (isMember && !deletedGroups.contains(groupId)) {
                groups.add(new MembershipDocument(tenant, groupId, userId, GroupMember.USER));
            }
        });
        return groups;
    }

    private static boolean isUser(List<GroupMember> members, String userId) {
        return members.stream().anyMatch(member -> userId.equals(member.value()) && !GroupMember.GROUP.equals(member.type()));
    }

    /** The event as it was published, which is what the projectors fold. */
    static EventEnvelope envelope(AuditDocument event) {
        return new EventEnvelope(event.eventId(), event.eventType(), event.resourceType(), event.resourceId(),
                event.version(), new StreamPosition(event.transactionId(), event.globalIndex()), event.timestamp(),
                new EventMetadata(event.tenant(), event.actorId(), event.actorName(), event.sourceIp(),
                        event.userAgent(), event.requestId(), event.bulkOperation()),
                event.payload());
    }
}
