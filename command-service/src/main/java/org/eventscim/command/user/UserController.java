package org.eventscim.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.eventscim.command.consistency.ReadSideResources;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.resource.AttributeSelection;
import org.eventscim.protocol.resource.ScimResources;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM writes on /Users (RFC 7644 §3.3, §3.5, §3.6). The resource in a response honours {@code attributes} and
 * {@code excludedAttributes} (RFC 7644 §3.9), which are read before anything is written. A user in groups is
 * answered as the read side renders it, with its {@code groups} ({@link ReadSideResources}).
 */
@RestController
@RequestMapping("/scim/v2/Users")
class UserController {

    private final UserWrites writes;
    private final ReadSideResources readSide;

    UserController(UserWrites writes, ReadSideResources readSide) {
        this.writes = writes;
        this.readSide = readSide;
    }

    @PostMapping(consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> create(Caller caller, @RequestBody JsonNode body,
                                      @RequestParam(required = false) String attributes,
                                      @RequestParam(required = false) String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.USER, attributes, excludedAttributes);
        UserState user = awaited(caller, writes.create(caller, body));
        ObjectNode resource = render(caller, user);
        // A user is created in no group: what the command side has is the whole resource.
        return ResponseEntity.created(URI.create(resource.path("meta").path("location").asText()))
                .eTag(ScimResources.etag(user.version()))
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(selection.apply(resource));
    }

    @PutMapping(path = "/{id}", consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> replace(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @RequestParam(required = false) String attributes,
                                       @RequestParam(required = false) String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.USER, attributes, excludedAttributes);
        return ok(caller, awaited(caller, writes.replace(caller, id, body, ifMatch)), selection);
    }

    @PatchMapping(path = "/{id}", consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> patch(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestParam(required = false) String attributes,
                                     @RequestParam(required = false) String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.USER, attributes, excludedAttributes);
        return ok(caller, awaited(caller, writes.patch(caller, id, body, ifMatch)), selection);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        writes.awaitReadSide(caller, id, writes.delete(caller, id, ifMatch), true);
        return ResponseEntity.noContent().build();
    }

    private UserState awaited(Caller caller, UserState user) {
        writes.awaitReadSide(caller, user.userId(), user.version(), user.appended());
        return user;
    }

    private ResponseEntity<ObjectNode> ok(Caller caller, UserState user, AttributeSelection selection) {
        ObjectNode resource = selection.returns("groups") && writes.isInAnyGroup(caller, user.userId())
                ? readSide.read(caller, "Users", user.userId(), user.version()).orElseGet(() -> render(caller, user))
                : render(caller, user);
        return ResponseEntity.ok()
                .eTag(ScimResources.etag(user.version()))
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(selection.apply(resource));
    }

    private static ObjectNode render(Caller caller, UserState user) {
        return ScimResources.user(user.userId(), user.attributes(), user.created(), user.lastModified(),
                user.version(), caller.baseUrl());
    }
}
