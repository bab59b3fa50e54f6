package org.eventscim.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eventscim.command.consistency.ReadSideAwaiter;
import org.eventscim.command.publishing.EventStorePublisher;
import org.eventscim.command.uniqueness.UserNameTakenException;
import org.eventscim.events.EventMetadata;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.ReadResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The write use cases for users: validate, send the command with the caller as metadata, await the read side. */
@Service
public class UserWrites {

    private static final String RESOURCE_TYPE = "User";
    private static final int MAX_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final EventStorePublisher publisher;
    private final ReadSideAwaiter readSide;

    UserWrites(CommandGateway commands, EventStorePublisher publisher, ReadSideAwaiter readSide) {
        this.commands = commands;
        this.publisher = publisher;
        this.readSide = readSide;
    }

    public UserState create(Caller caller, JsonNode body) {
        requireWriteScope(caller);
        ReadResource user = UserSchema.READER.read(body);
        ObjectNode attributes = user.attributes();
        String userId = UUID.randomUUID().toString();
        UserState created = send(caller, new CreateUser(userId, caller.tenantId(), attributes.get("userName").asText(),
                attributes, user.password().orElse(null)));
        readSide.awaitApplied(caller, RESOURCE_TYPE, userId, created.version());
        return created;
    }

    public UserState replace(Caller caller, String userId, JsonNode body, String ifMatch) {
        requireWriteScope(caller);
        ReadResource user = UserSchema.READER.read(body);
        ReplaceUser command = new ReplaceUser(userId, caller.tenantId(), IfMatch.expectedVersion(ifMatch),
                user.attributes(), user.password().orElse(null));
        return awaited(caller, sendRetryingConflicts(caller, command));
    }

    public UserState patch(Caller caller, String userId, JsonNode body, String ifMatch) {
        requireWriteScope(caller);
        PatchUser command = new PatchUser(userId, caller.tenantId(), IfMatch.expectedVersion(ifMatch), body);
        return awaited(caller, sendRetryingConflicts(caller, command));
    }

    public void delete(Caller caller, String userId) {
        requireWriteScope(caller);
        long version = send(caller, new DeleteUser(userId, caller.tenantId()));
        readSide.awaitApplied(caller, RESOURCE_TYPE, userId, version);
    }

    private UserState awaited(Caller caller, UserState state) {
        readSide.awaitApplied(caller, RESOURCE_TYPE, state.userId(), state.version());
        return state;
    }

    /**
     * A concurrent writer to the same user can append first; without If-Match the client asked for its
     * change on whatever the current state is, so the command runs again on the new state: no update
     * is lost. With If-Match the version check inside the handler turns the race into a 412.
     */
    private <R> R sendRetryingConflicts(Caller caller, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(caller, command);
            } catch (ConcurrencyException conflict) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new ScimException(HttpStatus.CONFLICT, null,
                            "The resource is being changed concurrently; retry the request.");
                }
            }
        }
    }

    private <R> R send(Caller caller, Object command) {
        EventMetadata metadata = new EventMetadata(caller.tenantId(), caller.actorId(), caller.actorName(),
                caller.sourceIp(), caller.userAgent(), caller.requestId());
        try {
            R result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.toMap()));
            publisher.wakeUp();
            return result;
        } catch (UserNameTakenException taken) {
            throw ScimException.uniqueness(taken.getMessage());
        } catch (UserNotFoundException | AggregateNotFoundException missing) {
            throw ScimException.notFound("User not found.");
        } catch (VersionMismatchException mismatch) {
            throw new ScimException(HttpStatus.PRECONDITION_FAILED, null, mismatch.getMessage());
        }
    }

    private static void requireWriteScope(Caller caller) {
        if (!caller.hasScope(Scopes.SCIM_WRITE)) {
            throw ScimException.forbidden("This token may not write (scope scim:write required).");
        }
    }
}
