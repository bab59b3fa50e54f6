package org.eventscim.query.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A user or a group as its read model stores it: one document per resource and tenant, {@code _id} =
 * {@link #id}. A deleted resource stays as a tombstone ({@code deleted}, the version, no attributes) so
 * that no older, redelivered event can bring it back. A group's members are not part of it: they are
 * the memberships read model ({@link MembershipDocument}).
 *
 * @param tenant          the owning tenant
 * @param resourceId      the SCIM {@code id}
 * @param version         the resource version this document reflects; also its Elasticsearch external version
 * @param deleted         whether this is a tombstone
 * @param created         {@code meta.created}
 * @param lastModified    {@code meta.lastModified}
 * @param resource        the SCIM attributes (without {@code id}, {@code meta}, {@code schemas}); indexed
 * @param unindexedResource the attributes of a resource whose values the index mapping rejected: kept and
 *                        returned, but not searchable, rather than lost (see the projection writer)
 * @param sortValues      the value each multi-valued attribute sorts by ({@link SortValues}); added when written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceDocument(String tenant, String resourceId, long version, boolean deleted, Instant created,
                           Instant lastModified, ObjectNode resource, ObjectNode unindexedResource,
                           ObjectNode sortValues) {

    public static final String TENANT = "tenant";
    public static final String RESOURCE_ID = "resourceId";
    public static final String VERSION = "version";
    public static final String DELETED = "deleted";
    public static final String CREATED = "created";
    public static final String LAST_MODIFIED = "lastModified";
    public static final String RESOURCE = "resource";
    public static final String UNINDEXED_RESOURCE = "unindexedResource";
    public static final String SORT_VALUES = "sortValues";

    public ResourceDocument {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(resourceId, "resourceId");
    }

    public static ResourceDocument live(String tenant, String resourceId, long version, Instant created,
                                    Instant lastModified, ObjectNode resource) {
        return new ResourceDocument(tenant, resourceId, version, false, created, lastModified, resource, null, null);
    }

    public static ResourceDocument tombstone(String tenant, String resourceId, long version, Instant created,
                                         Instant deletedAt) {
        return new ResourceDocument(tenant, resourceId, version, true, created, deletedAt, null, null, null);
    }

    public String id() {
        return id(tenant, resourceId);
    }

    /**
     * {@code <tenant>/<resourceId>}. A '/' or '%' in the tenant is percent-encoded so that the first '/'
     * always ends the tenant and two tenants can never share a document id.
     */
    public static String id(String tenant, String resourceId) {
        return tenant.replace("%", "%25").replace("/", "%2F") + "/" + resourceId;
    }

    /** The SCIM attributes to render, wherever they are kept. */
    public ObjectNode attributes() {
        return resource != null ? resource : unindexedResource;
    }

    /** The same resource with its attributes moved out of the index, for values the mapping rejects. */
    public ResourceDocument withUnindexedAttributes() {
        return new ResourceDocument(tenant, resourceId, version, deleted, created, lastModified, null, attributes(), null);
    }

    /** The same resource with the values its multi-valued attributes sort by. */
    ResourceDocument withSortValues(ObjectNode values) {
        return new ResourceDocument(tenant, resourceId, version, deleted, created, lastModified, resource,
                unindexedResource, values);
    }
}
