package org.eventscim.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.eventscim.command.eventstore.AggregateSnapshots;
import org.eventscim.command.password.PasswordHashes;
import org.eventscim.command.patch.ResourcePatch;
import org.eventscim.command.resource.AttributeDiff;
import org.eventscim.command.resource.IfMatch;
import org.eventscim.command.resource.WritePreconditions;
import org.eventscim.command.uniqueness.NameClaims;
import org.eventscim.command.uniqueness.UserNameClaims;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.events.user.UserPasswordChanged;
import org.eventscim.protocol.schema.ReadResource;

/**
 * The User aggregate. Its version is the number of events it has (sequence number + 1). The
 * userName claim is taken inside the command's transaction, so a duplicate never reaches the store.
 * Snapshots (every {@link AggregateSnapshots#EVENTS_PER_SNAPSHOT} events) keep loading a user with a long
 * history cheap; the snapshot is this object as JSON, the password hash included.
 */
@Aggregate(snapshotTriggerDefinition = AggregateSnapshots.TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class User {

    @AggregateIdentifier
    private String userId;
    private String tenantId;
    private ObjectNode attributes;
    private String passwordHash;
    private Instant created;
    private Instant lastModified;
    private long version;

    protected User() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public UserState handle(CreateUser command, UserNameClaims claims) {
        claims.claim(command.tenantId(), command.userName(), command.userId());
        apply(new UserCreated(command.userId(), command.tenantId(), command.attributes()));
        if (command.passwordHash() != null) {
            apply(new UserPasswordChanged(userId, command.passwordHash()));
        }
        return state(true);
    }

    @CommandHandler
    public UserState handle(ReplaceUser command, UserNameClaims claims) {
        requireTenant(command.tenantId());
        requireVersion(command.ifMatch());
        return change(command.attributes(), command.password(), claims);
    }

    @CommandHandler
    public UserState handle(PatchUser command, UserNameClaims claims) {
        requireTenant(command.tenantId());
        requireVersion(command.ifMatch());
        ReadResource patched = UserSchema.READER.validate(ResourcePatch.apply(UserSchema.TYPE, attributes, command.patchRequest()));
        return change(patched.attributes(), patched.password().orElse(null), claims);
    }

    @CommandHandler
    public long handle(DeleteUser command, UserNameClaims claims) {
        requireTenant(command.tenantId());
        requireVersion(command.ifMatch());
        claims.releaseAll(tenantId, userId);
        apply(new UserDeleted(userId));
        return version;
    }

    @EventSourcingHandler
    void on(UserCreated event, @Timestamp Instant at, @SequenceNumber long sequence) {
        userId = event.userId();
        tenantId = event.tenantId();
        attributes = event.attributes().deepCopy();
        created = at;
        lastModified = at;
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(UserChanged event, @Timestamp Instant at, @SequenceNumber long sequence) {
        AttributeChange.applyAll(attributes, event.changes());
        lastModified = at;
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(UserPasswordChanged event, @Timestamp Instant at, @SequenceNumber long sequence) {
        passwordHash = event.passwordHash();
        lastModified = at;
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(UserDeleted event, @Timestamp Instant at, @SequenceNumber long sequence) {
        lastModified = at;
        version = sequence + 1;
        markDeleted();
    }

    /** Appends only what really changed; a write that changes nothing appends nothing. */
    private UserState change(ObjectNode next, String password, UserNameClaims claims) {
        long before = version;
        UserSchema.READER.checkImmutable(attributes, next);
        List<AttributeChange> changes = AttributeDiff.between(attributes, next);
        if (!changes.isEmpty()) {
            moveUserNameClaim(next.path("userName").asText(), claims);
            apply(new UserChanged(userId, changes));
        }
        setPassword(password);
        return state(version != before);
    }

    private void moveUserNameClaim(String newUserName, UserNameClaims claims) {
        if (!NameClaims.key(newUserName).equals(NameClaims.key(attributes.path("userName").asText()))) {
            claims.releaseAll(tenantId, userId);
            claims.claim(tenantId, newUserName, userId);
        }
    }

    /** A password the user already has (Okta resends it with every PUT) is no change. */
    private void setPassword(String password) {
        if (password != null && !PasswordHashes.matches(password, passwordHash)) {
            apply(new UserPasswordChanged(userId, PasswordHashes.hash(password)));
        }
    }

    private void requireVersion(IfMatch ifMatch) {
        WritePreconditions.requireVersion(ifMatch, version);
    }

    private void requireTenant(String callerTenant) {
        WritePreconditions.requireTenant(tenantId, callerTenant, UserWrites.RESOURCE_TYPE, userId);
    }

    private UserState state(boolean appended) {
        return new UserState(userId, tenantId, attributes.deepCopy(), created, lastModified, version, appended);
    }
}
