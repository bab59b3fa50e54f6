package org.eventscim.command.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One user or group being rebuilt from its stored events, oldest first: its attributes, versions and times,
 * and (a group) its direct members by id with their type. Mutable: it lives for one aggregate of a replay.
 */
final class PastResource {

    final String id;
    final String type;
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    final Map<String, String> members = new TreeMap<>();
    Instant created;
    Instant lastModified;
    long version;
    boolean exists;

    PastResource(String id, String type) {
        this.id = id;
        this.type = type;
    }
}
