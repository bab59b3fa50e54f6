package org.eventscim.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.resource.ScimResources;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** SCIM writes on /Users (RFC 7644 §3.3, §3.6). */
@RestController
@RequestMapping("/scim/v2/Users")
class UserController {

    private final UserWrites writes;

    UserController(UserWrites writes) {
        this.writes = writes;
    }

    @PostMapping(consumes = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> create(Caller caller, @RequestBody JsonNode body) {
        UserState user = writes.create(caller, body);
        ObjectNode resource = ScimResources.user(user.userId(), user.attributes(), user.created(),
                user.lastModified(), user.version(), caller.baseUrl());
        return ResponseEntity.created(URI.create(resource.path("meta").path("location").asText()))
                .eTag(ScimResources.etag(user.version()))
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(resource);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        writes.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
