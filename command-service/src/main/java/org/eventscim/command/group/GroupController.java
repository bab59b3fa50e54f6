package org.eventscim.command.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;
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
 * SCIM writes on /Groups (RFC 7644 §3.3, §3.5, §3.6). A PATCH is answered 204 with the new ETag
 * (RFC 7644 §3.5.2 allows it, and Entra ID, Okta and authentik expect it): membership changes are
 * deltas, and echoing a 100,000-member list after adding one member would cost more than the change.
 * A PATCH that names {@code attributes} or {@code excludedAttributes} is answered 200 with the resource, as
 * RFC 7644 §3.5.2 requires; like every response here, it honours them (§3.9), and reads the members only when
 * they are returned. A group with members is answered as the read side renders it, with each member's
 * {@code display} ({@link ReadSideResources}), up to {@link #READ_BACK_MEMBERS} members.
 */
@RestController
@RequestMapping("/scim/v2/Groups")
class GroupController {

    /**
     * Up to this many members, the response is read back from the read side for their display names. A group of
     * 100,000 takes seconds to render there; its members are answered without them, as the command side has them.
     */
    private static final int READ_BACK_MEMBERS = 1_000;

    private final GroupWrites writes;
    private final ReadSideResources readSide;

    GroupController(GroupWrites writes, ReadSideResources readSide) {
        this.writes = writes;
        this.readSide = readSide;
    }

    @PostMapping(consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> create(Caller caller, @RequestBody JsonNode body,
                                      @RequestParam(required = false) String attributes,
                                      @RequestParam(required = false) String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.GROUP, attributes, excludedAttributes);
        GroupState group = awaited(caller, writes.create(caller, body));
        ObjectNode resource = render(caller, group, selection);
        return ResponseEntity.created(URI.create(resource.path("meta").path("location").asText()))
                .eTag(ScimResources.etag(group.version()))
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(selection.apply(resource));
    }

    @PutMapping(path = "/{id}", consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> replace(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @RequestParam(required = false) String attributes,
                                       @RequestParam(required = false) String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.GROUP, attributes, excludedAttributes);
        return ok(caller, awaited(caller, writes.replace(caller, id, body, ifMatch)), selection);
    }

    @PatchMapping(path = "/{id}", consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> patch(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestParam(required = false) String attributes,
                                     @RequestParam(required = false) String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.GROUP, attributes, excludedAttributes);
        GroupState group = awaited(caller, writes.patch(caller, id, body, ifMatch));
        if (selection.isEmpty()) {
            return ResponseEntity.noContent().eTag(ScimResources.etag(group.version())).build();
        }
        return ok(caller, group, selection);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        writes.awaitReadSide(caller, id, writes.delete(caller, id, ifMatch), true);
        return ResponseEntity.noContent().build();
    }

    private GroupState awaited(Caller caller, GroupState group) {
        writes.awaitReadSide(caller, group.groupId(), group.version(), group.appended());
        return group;
    }

    private ResponseEntity<ObjectNode> ok(Caller caller, GroupState group, AttributeSelection selection) {
        return ResponseEntity.ok()
                .eTag(ScimResources.etag(group.version()))
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(selection.apply(render(caller, group, selection)));
    }

    private ObjectNode render(Caller caller, GroupState group, AttributeSelection selection) {
        ArrayNode members = JsonNodeFactory.instance.arrayNode();
        if (selection.returns("members")) {
            writes.members(group.groupId()).forEach(member -> members.addObject()
                    .put("value", member.value())
                    .put("$ref", ScimResources.location(member.type(), member.value(), caller.baseUrl()))
                    .put("type", member.type()));
        }
        if (!members.isEmpty() && members.size() <= READ_BACK_MEMBERS) {
            Optional<ObjectNode> read = readSide.read(caller, "Groups", group.groupId(), group.version());
            if (read.isPresent()) {
                return read.get();
            }
        }
        return ScimResources.group(group.groupId(), group.attributes(), members, group.created(),
                group.lastModified(), group.version(), caller.baseUrl());
    }
}
