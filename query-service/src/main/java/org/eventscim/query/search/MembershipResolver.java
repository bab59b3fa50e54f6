package org.eventscim.query.search;

import java.util.List;

/**
 * Resolves a value of a membership attribute ({@code Group.members}, {@code User.groups}) to the ids of
 * the resources that hold it, in the memberships read model of one tenant.
 */
@FunctionalInterface
public interface MembershipResolver {

    /** The ids of the resources whose membership attribute has a value equal to {@code value}. */
    List<String> resourceIds(String value);
}
