package org.eventscim.query.index;

/** How a SCIM attribute is indexed, and so which filter operators make sense on it. */
public enum AttributeType {
    /** A string compared case-insensitively (RFC 7643 {@code caseExact: false}, the default). */
    STRING,
    /** A string compared exactly ({@code caseExact: true}), such as {@code id} and {@code externalId}. */
    CASE_EXACT_STRING,
    BOOLEAN,
    DATE_TIME,
    /** Has sub-attributes; indexed {@code nested} when multi-valued so one value's sub-attributes stay together. */
    COMPLEX,
    /**
     * Derived from the memberships read model, not stored in the resource ({@code Group.members},
     * {@code User.groups}): filtered by resolving the matching resource ids there, never mapped.
     */
    MEMBERSHIP
}
