package org.eventscim.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eventscim.command.consistency.ReadSideAwaiter;
import org.eventscim.command.publishing.EventStorePublisher;
import org.eventscim.command.uniqueness.UserNameTakenException;
import org.eventscim.events.EventMetadata;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.stereotype.Service;

/** The write use cases for users: validate, send the command with the caller as metadata, await the read side. */
@Service
public class UserWrites {

    private static final String RESOURCE_TYPE = "User";

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
        ObjectNode attributes = UserRequestReader.read(body);
        String userId = UUID.randomUUID().toString();
        UserState created = send(caller,
                new CreateUser(userId, caller.tenantId(), attributes.get("userName").asText(), attributes));
        readSide.awaitApplied(caller, RESOURCE_TYPE, userId, created.version());
        return created;
    }

    public void delete(Caller caller, String userId) {
        requireWriteScope(caller);
        long version = send(caller, new DeleteUser(userId, caller.tenantId()));
        readSide.awaitApplied(caller, RESOURCE_TYPE, userId, version);
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
        }
    }

    private static void requireWriteScope(Caller caller) {
        if (!caller.hasScope(Scopes.SCIM_WRITE)) {
            throw ScimException.forbidden("This token may not write (scope scim:write required).");
        }
    }
}
