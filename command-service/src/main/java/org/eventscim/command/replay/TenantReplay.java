package org.eventscim.command.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventTypes;
import org.eventscim.events.group.GroupMember;
import org.eventscim.protocol.resource.ScimResources;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds a tenant's users and groups as they were at an instant from the event store alone, without the
 * read side: every User and Group event of the tenant up to the instant, read with a cursor in (aggregate,
 * sequence) order, folded one aggregate at a time and handed out as SCIM JSON. Groups come first (their
 * type sorts first): the memberships they end with are kept, so each user is rendered with its
 * {@code groups}. Memory holds one aggregate and the tenant's memberships, not its events.
 */
@Component
class TenantReplay {

    private static final String EVENTS = """
            SELECT type, aggregate_identifier, sequence_number, time_stamp, payload_type, payload
              FROM scim_events.domain_event_entry
             WHERE type IN ('Group', 'User') AND convert_from(meta_data, 'UTF8')::jsonb ->> 'tenant' = ?
             ORDER BY type, aggregate_identifier, sequence_number""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TenantReplay(DataSource dataSource, ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        // PostgreSQL streams rows with a cursor only with a fetch size, inside a transaction.
        this.jdbc.setFetchSize(1_000);
        this.json = json;
    }

    /** Hands each user and group of the tenant that existed at {@code asOf} to {@code out}, groups first. */
    @Transactional(readOnly = true)
    public void replay(String tenant, Instant asOf, String baseUrl, Consumer<ObjectNode> out) {
        Fold fold = new Fold(asOf, baseUrl, out);
        jdbc.query(EVENTS, row -> {
            try {
                fold.event(row);
            } catch (IOException unreadable) {
                throw new IllegalStateException("Unreadable event " + row.getString("aggregate_identifier") + "#"
                        + row.getLong("sequence_number"), unreadable);
            }
        }, tenant);
        fold.finish();
    }

    /** The fold over the rows of one replay. */
    private final class Fold {

        private final Instant asOf;
        private final String baseUrl;
        private final Consumer<ObjectNode> out;
        /** The groups each user was in at the end, from the groups folded before the users. */
        private final Map<String, Set<String>> groupsOfUsers = new HashMap<>();
        private PastResource current;

        Fold(Instant asOf, String baseUrl, Consumer<ObjectNode> out) {
            this.asOf = asOf;
            this.baseUrl = baseUrl;
            this.out = out;
        }

        void event(ResultSet row) throws SQLException, IOException {
            String id = row.getString("aggregate_identifier");
            if (current == null || !current.id.equals(id)) {
                finish();
                current = new PastResource(id, row.getString("type"));
            }
            Instant at = Instant.parse(row.getString("time_stamp"));
            if (at.isAfter(asOf)) {
                return;
            }
            current.version = row.getLong("sequence_number") + 1;
            current.lastModified = at;
            apply(EventTypes.nameOfStoredType(row.getString("payload_type")), json.readTree(row.getBytes("payload")), at);
        }

        private void apply(String type, JsonNode payload, Instant at) throws IOException {
            switch (type) {
                case "UserCreated", "GroupCreated" -> {
                    current.attributes = payload.path("attributes").isObject()
                            ? (ObjectNode) payload.get("attributes").deepCopy() : json.createObjectNode();
                    current.created = at;
                    current.exists = true;
                }
                case "UserChanged", "GroupChanged" -> AttributeChange.applyAll(current.attributes,
                        json.readerForListOf(AttributeChange.class).readValue(payload.path("changes")));
                case "GroupMembersAdded" -> payload.path("members").forEach(member ->
                        current.members.put(member.path("value").asText(), member.path("type").asText(GroupMember.USER)));
                case "GroupMembersRemoved" -> payload.path("members").forEach(member ->
                        current.members.remove(member.path("value").asText()));
                case "UserDeleted", "GroupDeleted" -> {
                    current.exists = false;
                    current.members.clear();
                }
                default -> {
                    // A password change is a new version of the user, nothing to show.
                }
            }
        }

        void finish() {
            if (current == null || !current.exists) {
                return;
            }
            if (GroupMember.GROUP.equals(current.type)) {
                ArrayNode members = json.createArrayNode();
                current.members.forEach((member, memberType) -> {
                    members.addObject().put("value", member)
                            .put("$ref", ScimResources.location(memberType, member, baseUrl)).put("type", memberType);
                    if (GroupMember.USER.equals(memberType)) {
                        groupsOfUsers.computeIfAbsent(member, user -> new TreeSet<>()).add(current.id);
                    }
                });
                out.accept(ScimResources.group(current.id, current.attributes, members.isEmpty() ? null : members,
                        current.created, current.lastModified, current.version, baseUrl));
                return;
            }
            ObjectNode user = ScimResources.user(current.id, current.attributes, current.created, current.lastModified,
                    current.version, baseUrl);
            Set<String> groups = groupsOfUsers.get(current.id);
            if (groups != null) {
                // Before meta, as the query-service renders a user.
                JsonNode meta = user.remove("meta");
                ArrayNode references = user.putArray("groups");
                groups.forEach(group -> references.addObject().put("value", group)
                        .put("$ref", ScimResources.location(GroupMember.GROUP, group, baseUrl)).put("type", "direct"));
                user.set("meta", meta);
            }
            out.accept(user);
        }
    }
}
