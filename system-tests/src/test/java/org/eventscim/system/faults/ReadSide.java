package org.eventscim.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the read API shows of the resources a load wrote. */
final class ReadSide {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScimHttp scim;

    ReadSide(ScimHttp scim) {
        this.scim = scim;
    }

    /**
     * Polls until GET shows every resource at least at its version, or the timeout passes; returns the
     * resources still behind (resource → the version GET showed, 0 when it showed none).
     */
    Map<Resource, Long> awaitVersions(Map<Resource, Long> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Resource, Long> behind = new HashMap<>(wanted);
        while (true) {
            Map<Resource, Long> stillBehind = new HashMap<>();
            for (Map.Entry<Resource, Long> entry : behind.entrySet()) {
                long shown = version(entry.getKey());
                if (shown < entry.getValue()) {
                    stillBehind.put(entry.getKey(), shown);
                }
            }
            if (stillBehind.isEmpty() || System.nanoTime() > deadline) {
                return stillBehind;
            }
            behind.keySet().retainAll(stillBehind.keySet());
            Thread.sleep(200);
        }
    }

    /** The member ids GET shows for a group. */
    Set<String> members(String groupId) throws Exception {
        Set<String> members = new HashSet<>();
        read(new Resource("Group", groupId)).path("members").forEach(member -> members.add(member.path("value").asText()));
        return members;
    }

    private long version(Resource resource) {
        try {
            String version = read(resource).path("meta").path("version").asText("");
            return version.matches("W/\"\\d+\"") ? Long.parseLong(version.substring(3, version.length() - 1)) : 0;
        } catch (Exception unanswered) {
            return 0;
        }
    }

    private JsonNode read(Resource resource) throws Exception {
        HttpResponse<String> response = scim.send("GET", "/" + resource.type() + "s/" + resource.id(), null);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    record Resource(String type, String id) {
    }
}
