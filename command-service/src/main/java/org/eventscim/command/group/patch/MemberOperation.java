package org.eventscim.command.group.patch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One PATCH operation on a group's {@code members}, applied to a model of the member set (id → type). */
sealed interface MemberOperation {

    /** Ids whose membership this operation depends on. */
    Set<String> ids();

    /** Whether it concerns every member, so the whole member set must be known. */
    boolean needsAllMembers();

    void applyTo(Map<String, String> members);

    /** {@code add} members: existing ones stay as they are. */
    record Add(Set<String> ids) implements MemberOperation {
        public boolean needsAllMembers() {
            return false;
        }

        public void applyTo(Map<String, String> members) {
            ids.forEach(id -> members.putIfAbsent(id, null));
        }
    }

    /** {@code remove} of listed members ({@code members[value eq "x"]}, or Entra's value list): absent ones are no change. */
    record Remove(Set<String> ids) implements MemberOperation {
        public boolean needsAllMembers() {
            return false;
        }

        public void applyTo(Map<String, String> members) {
            members.keySet().removeAll(ids);
        }
    }

    /** {@code replace} of the whole list, {@code []} included, or {@code remove} of {@code members} without a value. */
    record Replace(Set<String> ids) implements MemberOperation {
        public boolean needsAllMembers() {
            return true;
        }

        public void applyTo(Map<String, String> members) {
            members.keySet().retainAll(ids);
            ids.forEach(id -> members.putIfAbsent(id, null));
        }
    }

    /**
     * {@code remove} with a filter other than value equality, e.g. {@code members[type eq "Group"]}. The filter
     * may name only a member's own sub-attributes: another name matches nothing, and removing nothing
     * without a word would hide the client's mistake.
     */
    record RemoveMatching(Filter filter) implements MemberOperation {

        private static final Set<String> MEMBER_ATTRIBUTES = Set.of("value", "display", "type", "$ref");

        public RemoveMatching {
            requireMemberAttributes(filter);
        }

        private static void requireMemberAttributes(Filter filter) {
            if (filter.isCombiningFilter()) {
                filter.getCombinedFilters().forEach(RemoveMatching::requireMemberAttributes);
            } else if (filter.isNotFilter()) {
                requireMemberAttributes(filter.getInvertedFilter());
            } else {
                Path path = filter.getAttributePath();
                String name = path == null || path.size() != 1 || path.getSchemaUrn() != null ? null
                        : path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
                if (filter.isComplexValueFilter() || name == null || !MEMBER_ATTRIBUTES.contains(name)) {
                    throw org.eventscim.protocol.error.ScimException.invalidFilter("members[" + filter
                            + "] may only test value, display, type or $ref of a member.");
                }
            }
        }

        public Set<String> ids() {
            return Set.of();
        }

        public boolean needsAllMembers() {
            return true;
        }

        public void applyTo(Map<String, String> members) {
            members.entrySet().removeIf(member -> matches(member.getKey(), member.getValue()));
        }

        private boolean matches(String id, String type) {
            ObjectNode member = JsonNodeFactory.instance.objectNode().put("value", id);
            if (type != null) {
                member.put("type", type);
            }
            try {
                return FilterEvaluator.evaluate(filter, member);
            } catch (ScimException e) {
                throw org.eventscim.protocol.error.ScimException.invalidFilter(
                        "members[" + filter + "] cannot be evaluated: " + e.getMessage());
            }
        }
    }
}
