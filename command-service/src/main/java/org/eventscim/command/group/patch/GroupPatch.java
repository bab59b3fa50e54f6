package org.eventscim.command.group.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eventscim.command.patch.ClientOperation;
import org.eventscim.command.patch.ResourcePatch;
import org.eventscim.command.resource.ResourceIds;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.ResourceType;
import org.eventscim.protocol.schema.SchemaRegistry;
import org.eventscim.protocol.schema.ScimSyntax;
import org.springframework.http.HttpStatus;

/**
 * A SCIM PATCH request on a group, split in two: operations on the group's own attributes (displayName,
 * externalId), which the generic {@link ResourcePatch} applies, and operations on {@code members}, which
 * become a {@link MemberDelta} without ever loading the member list unless an operation concerns all
 * members. Every form clients send is read:
 * <ul>
 *   <li>{@code add} with path {@code members} and a value array (RFC 7644 §3.5.2.1; authentik sends one
 *       operation per member);</li>
 *   <li>{@code remove} with path {@code members[value eq "id"]} (Okta, RFC 7644 §3.5.2.2), and Entra ID's
 *       {@code remove} with path {@code members} and the members to remove as its value;</li>
 *   <li>{@code remove} of {@code members} without a value, and {@code replace} of {@code members}
 *       (including {@code []});</li>
 *   <li>path-less {@code add}/{@code replace} whose value holds {@code members}, {@code displayName}, or
 *       Okta's {@code {"id", "displayName"}}.</li>
 * </ul>
 */
public record GroupPatch(List<ClientOperation> attributeOperations, List<MemberOperation> memberOperations) {

    private static final String MEMBERS = "members";
    private static final ResourceType GROUP = SchemaRegistry.standard().group();

    public static GroupPatch read(JsonNode request) {
        List<ClientOperation> attributeOperations = new ArrayList<>();
        List<MemberOperation> memberOperations = new ArrayList<>();
        for (ClientOperation operation : ResourcePatch.operations(request)) {
            if (operation.path() == null) {
                splitPathless(operation, attributeOperations, memberOperations);
            } else {
                Path path = parse(operation);
                if (isMembers(path)) {
                    memberOperations.add(memberOperation(operation, path));
                } else {
                    attributeOperations.add(operation);
                }
            }
        }
        return new GroupPatch(attributeOperations, memberOperations);
    }

    /** A PUT's member list as a patch: the members become exactly these. */
    public static GroupPatch replacingMembers(Collection<String> ids) {
        return new GroupPatch(List.of(), List.of(new MemberOperation.Replace(Set.copyOf(ids))));
    }

    /** The group's own attributes after the attribute operations; not yet validated. */
    public ObjectNode applyToAttributes(ObjectNode attributes) {
        return attributeOperations.isEmpty() ? attributes.deepCopy() : ResourcePatch.apply(GROUP, attributes, attributeOperations);
    }

    /** The membership change of the member operations, applied in order on what the group has now. */
    public MemberDelta memberDelta(CurrentMembers current) {
        if (memberOperations.isEmpty()) {
            return new MemberDelta(List.of(), List.of());
        }
        Map<String, String> before = memberOperations.stream().anyMatch(MemberOperation::needsAllMembers)
                ? current.all() : current.among(referencedIds());
        Map<String, String> after = new HashMap<>(before);
        memberOperations.forEach(operation -> operation.applyTo(after));
        List<String> added = after.keySet().stream().filter(id -> !before.containsKey(id)).sorted().toList();
        List<String> removed = before.keySet().stream().filter(id -> !after.containsKey(id)).sorted().toList();
        return new MemberDelta(added, removed);
    }

    private Set<String> referencedIds() {
        Set<String> ids = new HashSet<>();
        memberOperations.forEach(operation -> ids.addAll(operation.ids()));
        return ids;
    }

    private static void splitPathless(ClientOperation operation, List<ClientOperation> attributeOperations,
                                      List<MemberOperation> memberOperations) {
        if (operation.type() == PatchOpType.REMOVE || operation.value() == null || !operation.value().isObject()) {
            attributeOperations.add(operation);
            return;
        }
        ObjectNode rest = ((ObjectNode) operation.value()).deepCopy();
        List<String> memberKeys = new ArrayList<>();
        rest.fieldNames().forEachRemaining(name -> {
            if (name.equalsIgnoreCase(MEMBERS) || name.equalsIgnoreCase(ScimSchemas.GROUP + ":" + MEMBERS)) {
                memberKeys.add(name);
            }
        });
        for (String key : memberKeys) {
            Set<String> ids = MemberValues.ids(rest.get(key), operation.where());
            memberOperations.add(operation.type() == PatchOpType.ADD ? new MemberOperation.Add(ids) : new MemberOperation.Replace(ids));
            rest.remove(key);
        }
        if (memberKeys.isEmpty() || !rest.isEmpty()) {
            attributeOperations.add(operation.withValue(rest));
        }
    }

    private static MemberOperation memberOperation(ClientOperation operation, Path path) {
        Path.Element members = path.getElement(0);
        if (path.size() > 1) {
            throw new ScimException(HttpStatus.BAD_REQUEST, "mutability", operation.where()
                    + ": a member's sub-attributes cannot be changed; add or remove the member instead.");
        }
        Filter filter = members.getValueFilter();
        if (filter != null) {
            if (operation.type() != PatchOpType.REMOVE) {
                throw new ScimException(HttpStatus.BAD_REQUEST, "invalidPath", operation.where()
                        + ": members are added or replaced with path \"members\" and a list of members.");
            }
            Set<String> ids = equalValues(filter);
            // An id that could not be stored is no one's: removing it is removing nothing.
            return ids != null ? new MemberOperation.Remove(ids.stream().filter(ResourceIds::possible).collect(Collectors.toSet()))
                    : new MemberOperation.RemoveMatching(filter);
        }
        JsonNode value = operation.value();
        return switch (operation.type()) {
            case ADD -> new MemberOperation.Add(MemberValues.ids(value, operation.where()));
            case REMOVE -> value == null || value.isNull()
                    ? new MemberOperation.Replace(Set.of())
                    : new MemberOperation.Remove(MemberValues.ids(value, operation.where()));
            case REPLACE -> new MemberOperation.Replace(MemberValues.ids(value, operation.where()));
        };
    }

    /** The ids of {@code value eq "a"}, or {@code value eq "a" or value eq "b"}; null for any other filter. */
    private static Set<String> equalValues(Filter filter) {
        if (filter.getFilterType() == FilterType.OR) {
            Set<String> ids = new LinkedHashSet<>();
            for (Filter part : filter.getCombinedFilters()) {
                Set<String> partIds = equalValues(part);
                if (partIds == null) {
                    return null;
                }
                ids.addAll(partIds);
            }
            return ids;
        }
        boolean valueEquality = filter.getFilterType() == FilterType.EQUAL
                && filter.getAttributePath().size() == 1
                && filter.getAttributePath().getElement(0).getAttribute().equalsIgnoreCase("value")
                && filter.getComparisonValue() != null && filter.getComparisonValue().isTextual();
        return valueEquality ? Set.of(filter.getComparisonValue().asText()) : null;
    }

    private static boolean isMembers(Path path) {
        String urn = path.getSchemaUrn();
        return (urn == null || urn.equalsIgnoreCase(ScimSchemas.GROUP))
                && path.size() > 0 && path.getElement(0).getAttribute().equalsIgnoreCase(MEMBERS);
    }

    private static Path parse(ClientOperation operation) {
        try {
            return ScimSyntax.path(operation.path());
        } catch (BadRequestException e) {
            throw new ScimException(HttpStatus.BAD_REQUEST, "invalidPath",
                    operation.where() + ": not a valid attribute path: " + e.getMessage());
        }
    }
}
