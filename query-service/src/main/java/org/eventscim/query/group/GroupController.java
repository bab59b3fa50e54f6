package org.eventscim.query.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.resource.AttributeSelection;
import org.eventscim.protocol.resource.ScimResources;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.membership.MembershipReferences;
import org.eventscim.query.resource.ResourceReadController;
import org.eventscim.query.search.ListRequest;
import org.eventscim.query.search.SearchResult;
import org.eventscim.query.search.TenantScopedSearch;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM reads of groups (RFC 7644 §3.4, RFC 7643 §4.2) through {@link TenantScopedSearch}. {@code members}
 * comes from the memberships read model, all of them however many, and is not read at all when not returned.
 */
@RestController
@RequestMapping("/scim/v2/Groups")
class GroupController extends ResourceReadController {

    private static final String MEMBERS = "members";

    private final TenantScopedSearch search;
    private final MembershipReferences memberships;

    GroupController(TenantScopedSearch search, MembershipReferences memberships) {
        super("Group", ScimSchemas.GROUP);
        this.search = search;
        this.memberships = memberships;
    }

    @Override
    protected Optional<ResourceDocument> find(String tenant, String id) {
        return search.group(tenant, id);
    }

    @Override
    protected SearchResult list(String tenant, ListRequest request) {
        return search.groups(tenant, request);
    }

    /** One memberships query for all the groups of a page; display names only if they are returned. */
    @Override
    protected Map<String, ArrayNode> derived(List<String> groupIds, AttributeSelection selection, Caller caller) {
        if (!selection.returns(MEMBERS)) {
            return Map.of();
        }
        return memberships.members(caller.tenantId(), groupIds,
                selection.returns(MEMBERS, "display"), caller.baseUrl());
    }

    @Override
    protected ObjectNode render(ResourceDocument group, ArrayNode members, Caller caller) {
        return ScimResources.group(group.resourceId(), group.attributes(), members, group.created(),
                group.lastModified(), group.version(), caller.baseUrl());
    }
}
