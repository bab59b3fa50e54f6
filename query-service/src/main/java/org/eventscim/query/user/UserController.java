package org.eventscim.query.user;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.resource.AttributeSelection;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.membership.MembershipReferences;
import org.eventscim.query.resource.ResourceReadController;
import org.eventscim.query.search.ListRequest;
import org.eventscim.query.search.SearchResult;
import org.eventscim.query.search.TenantScopedSearch;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM reads of users (RFC 7644 §3.4) through {@link TenantScopedSearch}. {@code groups} (the user's
 * direct memberships) comes from the memberships read model.
 */
@RestController
@RequestMapping("/scim/v2/Users")
class UserController extends ResourceReadController {

    private static final String GROUPS = "groups";

    private final TenantScopedSearch search;
    private final MembershipReferences memberships;

    UserController(TenantScopedSearch search, MembershipReferences memberships) {
        super("User", ScimSchemas.USER);
        this.search = search;
        this.memberships = memberships;
    }

    @Override
    protected Optional<ResourceDocument> find(String tenant, String id) {
        return search.user(tenant, id);
    }

    @Override
    protected SearchResult list(String tenant, ListRequest request) {
        return search.users(tenant, request);
    }

    /** One memberships query for all the users of a page, none if groups are not returned. */
    @Override
    protected Map<String, ArrayNode> derived(List<String> userIds, AttributeSelection selection, Caller caller) {
        if (!selection.returns(GROUPS)) {
            return Map.of();
        }
        return memberships.groups(caller.tenantId(), userIds,
                caller.baseUrl());
    }

    @Override
    protected ObjectNode render(ResourceDocument user, ArrayNode groups, Caller caller) {
        return UserRendering.render(user, groups, caller.baseUrl());
    }
}
