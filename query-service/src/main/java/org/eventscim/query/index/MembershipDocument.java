package org.eventscim.query.index;

import java.util.Objects;

/**
 * One direct membership: a user or group ({@code memberId}, {@code memberType}) in a group of a tenant.
 * One document per membership, {@code _id} = {@link #id}, so a group with 100,000 members and a user in
 * 1,000 groups are many small documents rather than one huge one to rewrite on every change.
 *
 * @param tenant     the owning tenant
 * @param groupId    the group's SCIM {@code id}
 * @param memberId   the member's SCIM {@code id} ({@code members.value})
 * @param memberType {@code User} or {@code Group} ({@code members.type})
 */
public record MembershipDocument(String tenant, String groupId, String memberId, String memberType) {

    public static final String TENANT = "tenant";
    public static final String GROUP_ID = "groupId";
    public static final String MEMBER_ID = "memberId";
    public static final String MEMBER_TYPE = "memberType";

    public MembershipDocument {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    /**
     * {@code <tenant>/<groupId>/<memberId>}, tenant and group encoded as in {@link ResourceDocument#id}, so
     * the first two '/' always end them and no two memberships share a document id.
     */
    public String id() {
        return ResourceDocument.id(tenant, groupId.replace("%", "%25").replace("/", "%2F")) + "/" + memberId;
    }
}
