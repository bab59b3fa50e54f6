package org.eventscim.query.index;

import static org.eventscim.query.index.AttributeType.BOOLEAN;
import static org.eventscim.query.index.AttributeType.CASE_EXACT_STRING;
import static org.eventscim.query.index.AttributeType.COMPLEX;
import static org.eventscim.query.index.AttributeType.STRING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eventscim.protocol.ScimSchemas;

/**
 * The User attributes of RFC 7643 §4.1 and the enterprise extension (§4.3), with their {@code caseExact}
 * and multi-valued characteristics. {@code password} is absent on purpose: it never reaches the read side.
 * Attributes not listed here are kept and returned, but not indexed, so they cannot be filtered on.
 * {@code groups} is not stored with the user: it comes from the memberships read model.
 */
public final class UserSchema {

    public static final ResourceSchema SCHEMA = new ResourceSchema(
            "User",
            ScimSchemas.USER,
            ResourceSchema.ID_AND_META,
            core(ResourceDocument.RESOURCE + "."),
            Map.of(ScimSchemas.ENTERPRISE_USER, enterprise(ResourceDocument.RESOURCE + "." + ScimSchemas.ENTERPRISE_USER + ".")));

    private UserSchema() {
    }

    private static List<Attribute> core(String prefix) {
        return List.of(
                string(prefix, "userName"),
                complex(prefix, "name", false,
                        "formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"),
                string(prefix, "displayName"),
                string(prefix, "nickName"),
                string(prefix, "profileUrl"),
                string(prefix, "title"),
                string(prefix, "userType"),
                string(prefix, "preferredLanguage"),
                string(prefix, "locale"),
                string(prefix, "timezone"),
                new Attribute("active", BOOLEAN, false, prefix + "active", List.of()),
                new Attribute("externalId", CASE_EXACT_STRING, false, prefix + "externalId", List.of()),
                multiValued(prefix, "emails"),
                multiValued(prefix, "phoneNumbers"),
                multiValued(prefix, "ims"),
                multiValued(prefix, "photos"),
                withPrimary(prefix, "addresses", "formatted", "streetAddress", "locality", "region", "postalCode",
                        "country", "type"),
                // Derived from the memberships read model: "groups eq <group id>" finds the group's users.
                Attribute.membership("groups"),
                multiValued(prefix, "entitlements"),
                multiValued(prefix, "roles"),
                // Certificates are binary (base64): compared exactly.
                new Attribute("x509Certificates", COMPLEX, true, prefix + "x509Certificates", List.of(
                        new Attribute("value", CASE_EXACT_STRING, false, prefix + "x509Certificates.value", List.of()),
                        sub(prefix + "x509Certificates.", "display"),
                        sub(prefix + "x509Certificates.", "type"),
                        primary(prefix + "x509Certificates."))));
    }

    private static List<Attribute> enterprise(String prefix) {
        return List.of(
                string(prefix, "employeeNumber"),
                string(prefix, "costCenter"),
                string(prefix, "organization"),
                string(prefix, "division"),
                string(prefix, "department"),
                complex(prefix, "manager", false, "value", "$ref", "displayName"));
    }

    private static Attribute string(String prefix, String name) {
        return new Attribute(name, STRING, false, prefix + name, List.of());
    }

    private static Attribute sub(String parentPrefix, String name) {
        return string(parentPrefix, name);
    }

    private static Attribute primary(String parentPrefix) {
        return new Attribute("primary", BOOLEAN, false, parentPrefix + "primary", List.of());
    }

    private static Attribute complex(String prefix, String name, boolean multiValued, String... subNames) {
        String parent = prefix + name;
        List<Attribute> subs = Arrays.stream(subNames).map(sub -> sub(parent + ".", sub)).toList();
        return new Attribute(name, COMPLEX, multiValued, parent, subs);
    }

    /** The common shape of RFC 7643 multi-valued attributes: value, display, type, primary. */
    private static Attribute multiValued(String prefix, String name) {
        return withPrimary(prefix, name, "value", "display", "type");
    }

    private static Attribute withPrimary(String prefix, String name, String... subNames) {
        Attribute base = complex(prefix, name, true, subNames);
        List<Attribute> subs = new ArrayList<>(base.subAttributes());
        subs.add(primary(base.field() + "."));
        return new Attribute(name, COMPLEX, true, base.field(), subs);
    }
}
