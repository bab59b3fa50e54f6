package org.eventscim.command.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.eventscim.command.eventstore.AggregateSnapshots;
import org.eventscim.command.group.patch.CurrentMembers;
import org.eventscim.command.group.patch.GroupPatch;
import org.eventscim.command.group.patch.MemberDelta;
import org.eventscim.command.resource.AttributeDiff;
import org.eventscim.command.resource.IfMatch;
import org.eventscim.command.resource.WritePreconditions;
import org.eventscim.command.uniqueness.GroupNameClaims;
import org.eventscim.command.uniqueness.NameClaims;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.group.GroupChanged;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupDeleted;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.protocol.error.ScimException;

/**
 * The Group aggregate. It holds the group's own attributes; its members live in {@link GroupMemberships},
 * written in the same transaction as the membership events, so a change to a 100,000-member group loads
 * neither the member list nor a snapshot of it. Snapshots (every {@link AggregateSnapshots#EVENTS_PER_SNAPSHOT}
 * events) keep loading a group with a long membership history cheap; the snapshot is this object as JSON.
 */
@Aggregate(snapshotTriggerDefinition = AggregateSnapshots.TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Group {

    @AggregateIdentifier
    private String groupId;
    private String tenantId;
    private ObjectNode attributes;
    private Instant created;
    private Instant lastModified;
    private long version;

    protected Group() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public GroupState handle(CreateGroup command, GroupNameClaims claims, GroupMemberships memberships) {
        claims.claim(command.tenantId(), displayName(command.attributes()), command.groupId());
        apply(new GroupCreated(command.groupId(), command.tenantId(), command.attributes()));
        changeMembers(new MemberDelta(command.memberIds().stream().distinct().sorted().toList(), List.of()), memberships);
        return state(true);
    }

    @CommandHandler
    public GroupState handle(ReplaceGroup command, GroupNameClaims claims, GroupMemberships memberships) {
        requireTenant(command.tenantId());
        requireVersion(command.ifMatch());
        long before = version;
        changeAttributes(command.attributes(), claims);
        changeMembers(GroupPatch.replacingMembers(command.memberIds()).memberDelta(current(memberships)), memberships);
        return state(version != before);
    }

    @CommandHandler
    public GroupState handle(PatchGroup command, GroupNameClaims claims, GroupMemberships memberships) {
        requireTenant(command.tenantId());
        requireVersion(command.ifMatch());
        GroupPatch patch = GroupPatch.read(command.patchRequest());
        long before = version;
        changeAttributes(GroupSchema.READER.validate(patch.applyToAttributes(attributes)).attributes(), claims);
        changeMembers(patch.memberDelta(current(memberships)), memberships);
        return state(version != before);
    }

    @CommandHandler
    public long handle(RemoveDeletedMember command, GroupMemberships memberships) {
        requireTenant(command.tenantId());
        changeMembers(new MemberDelta(List.of(), List.copyOf(
                memberships.membersAmong(groupId, Set.of(command.memberId())).keySet())), memberships);
        return version;
    }

    @CommandHandler
    public long handle(DeleteGroup command, GroupNameClaims claims, GroupMemberships memberships) {
        requireTenant(command.tenantId());
        requireVersion(command.ifMatch());
        claims.releaseAll(tenantId, groupId);
        memberships.removeAll(groupId);
        apply(new GroupDeleted(groupId));
        return version;
    }

    @EventSourcingHandler
    void on(GroupCreated event, @Timestamp Instant at, @SequenceNumber long sequence) {
        groupId = event.groupId();
        tenantId = event.tenantId();
        attributes = event.attributes().deepCopy();
        created = at;
        touched(at, sequence);
    }

    @EventSourcingHandler
    void on(GroupChanged event, @Timestamp Instant at, @SequenceNumber long sequence) {
        AttributeChange.applyAll(attributes, event.changes());
        touched(at, sequence);
    }

    /*
     * Membership events only advance the version: without a payload parameter Axon never deserialises
     * their (possibly thousand-member) payloads when it loads the group.
     */
    @EventSourcingHandler(payloadType = GroupMembersAdded.class)
    void onMembersAdded(@Timestamp Instant at, @SequenceNumber long sequence) {
        touched(at, sequence);
    }

    @EventSourcingHandler(payloadType = GroupMembersRemoved.class)
    void onMembersRemoved(@Timestamp Instant at, @SequenceNumber long sequence) {
        touched(at, sequence);
    }

    @EventSourcingHandler
    void on(GroupDeleted event, @Timestamp Instant at, @SequenceNumber long sequence) {
        touched(at, sequence);
        markDeleted();
    }

    private void touched(Instant at, long sequence) {
        lastModified = at;
        version = sequence + 1;
    }

    /** Appends only what really changed; moving the displayName claim with a rename. */
    private void changeAttributes(ObjectNode next, GroupNameClaims claims) {
        GroupSchema.READER.checkImmutable(attributes, next);
        List<AttributeChange> changes = AttributeDiff.between(attributes, next);
        if (changes.isEmpty()) {
            return;
        }
        if (!NameClaims.key(displayName(next)).equals(NameClaims.key(displayName(attributes)))) {
            claims.releaseAll(tenantId, groupId);
            claims.claim(tenantId, displayName(next), groupId);
        }
        apply(new GroupChanged(groupId, changes));
    }

    /** New members must be users or groups of this tenant; one unknown id refuses the whole write. */
    private void changeMembers(MemberDelta delta, GroupMemberships memberships) {
        if (!delta.removed().isEmpty()) {
            Map<String, String> types = memberships.membersAmong(groupId, delta.removed());
            memberships.remove(groupId, delta.removed());
            apply(new GroupMembersRemoved(groupId, members(delta.removed(), types)));
        }
        if (!delta.added().isEmpty()) {
            if (delta.added().contains(groupId)) {
                throw ScimException.invalidValue("A group cannot be a member of itself.");
            }
            Map<String, String> types = memberships.existingResources(tenantId, delta.added());
            List<String> unknown = delta.added().stream().filter(id -> !types.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw ScimException.invalidValue("members: no user or group of this tenant has the id "
                        + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
                        + (unknown.size() > 10 ? " (and " + (unknown.size() - 10) + " more)" : "") + ".");
            }
            List<GroupMember> added = members(delta.added(), types);
            memberships.add(tenantId, groupId, added);
            apply(new GroupMembersAdded(groupId, added));
        }
    }

    private static List<GroupMember> members(Collection<String> ids, Map<String, String> types) {
        List<GroupMember> members = new ArrayList<>(ids.size());
        ids.forEach(id -> members.add(new GroupMember(id, types.get(id))));
        return members;
    }

    private CurrentMembers current(GroupMemberships memberships) {
        return new CurrentMembers() {
            @Override
            public Map<String, String> among(Set<String> ids) {
                return memberships.membersAmong(groupId, ids);
            }

            @Override
            public Map<String, String> all() {
                Map<String, String> all = new HashMap<>();
                memberships.members(groupId).forEach(member -> all.put(member.value(), member.type()));
                return all;
            }
        };
    }

    private static String displayName(ObjectNode attributes) {
        return attributes.path("displayName").asText();
    }

    private void requireVersion(IfMatch ifMatch) {
        WritePreconditions.requireVersion(ifMatch, version);
    }

    private void requireTenant(String callerTenant) {
        WritePreconditions.requireTenant(tenantId, callerTenant, GroupWrites.RESOURCE_TYPE, groupId);
    }

    private GroupState state(boolean appended) {
        return new GroupState(groupId, tenantId, attributes.deepCopy(), created, lastModified, version, appended);
    }
}
