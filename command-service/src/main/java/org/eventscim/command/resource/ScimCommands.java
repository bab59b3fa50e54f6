package org.eventscim.command.resource;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eventscim.command.consistency.ReadSideAwaiter;
import org.eventscim.command.publishing.EventStorePublisher;
import org.eventscim.command.uniqueness.NameTakenException;
import org.eventscim.events.EventMetadata;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sends the commands of the SCIM write use cases: with the caller as event metadata, the domain's
 * refusals turned into SCIM errors, and the answer held back until the read side shows the write.
 */
@Service
public class ScimCommands {

    private static final int MAX_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final EventStorePublisher publisher;
    private final ReadSideAwaiter readSide;

    ScimCommands(CommandGateway commands, EventStorePublisher publisher, ReadSideAwaiter readSide) {
        this.commands = commands;
        this.publisher = publisher;
        this.readSide = readSide;
    }

    public static void requireWriteScope(Caller caller) {
        if (!caller.hasScope(Scopes.SCIM_WRITE)) {
            throw ScimException.forbidden("This token may not write (scope scim:write required).");
        }
    }

    /**
     * Waits (bounded) until the read side has applied {@code version} of the resource; {@code appended} says whether
     * the write appended it or found the resource at that version already.
     */
    public void awaitReadSide(Caller caller, String resourceType, String id, long version, boolean appended) {
        readSide.awaitApplied(caller, resourceType, id, version, appended);
    }

    /**
     * A concurrent writer to the same resource can append first; without If-Match the client asked for its
     * change on whatever the current state is, so the command runs again on the new state: no update
     * is lost. With If-Match the version check inside the handler turns the race into a 412.
     */
    public <R> R sendRetryingConflicts(Caller caller, String resourceType, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(caller, resourceType, command);
            } catch (ConcurrencyException conflict) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new ScimException(HttpStatus.CONFLICT, null,
                            "The resource is being changed concurrently; retry the request.");
                }
            }
        }
    }

    public <R> R send(Caller caller, String resourceType, Object command) {
        EventMetadata metadata = new EventMetadata(caller.tenantId(), caller.actorId(), caller.actorName(),
                caller.sourceIp(), caller.userAgent(), caller.requestId(), caller.bulkOperation());
        try {
            R result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.toMap()));
            publisher.wakeUp();
            return result;
        } catch (NameTakenException taken) {
            throw ScimException.uniqueness(taken.getMessage());
        } catch (ResourceNotFoundException | AggregateNotFoundException missing) {
            throw ScimException.notFound(resourceType + " not found.");
        } catch (VersionMismatchException mismatch) {
            throw new ScimException(HttpStatus.PRECONDITION_FAILED, null, mismatch.getMessage());
        }
    }
}
