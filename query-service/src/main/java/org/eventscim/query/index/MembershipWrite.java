package org.eventscim.query.index;

/**
 * A membership written to the memberships read model: added ({@code member}), or deleted.
 *
 * @param membership the membership document, or the one deleted
 * @param member     whether it now exists
 */
public record MembershipWrite(MembershipDocument membership, boolean member) {
}
