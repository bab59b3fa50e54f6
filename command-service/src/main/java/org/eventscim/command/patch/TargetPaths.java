package org.eventscim.command.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.Locale;
import java.util.Set;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.schema.ResourceType;
import org.eventscim.protocol.schema.ScimSyntax;

/**
 * Turns a client's attribute path into the SDK {@link Path} that addresses the stored user, spelled as
 * the user spells it. Parsing is the SDK's; what is done around it fixes how it reads URNs:
 * <ul>
 *   <li>the SDK takes the last {@code :} segment as the attribute, so a bare extension URN
 *       ({@code urn:...:enterprise:2.0:User}) would become attribute {@code User} of schema
 *       {@code urn:...:enterprise:2.0}; here it addresses the extension object itself;</li>
 *   <li>a core-schema URN prefix is dropped, because core attributes are stored top-level while the SDK
 *       would nest them under the URN.</li>
 * </ul>
 */
final class TargetPaths {

    /** RFC 7643 §4.1 / §3.1: attributes the service provider owns. */
    private static final Set<String> READ_ONLY = Set.of("id", "meta", "groups");

    private TargetPaths() {
    }

    /** The path {@code text} of a resource of {@code type}; it must name one of the type's attributes. */
    static Path resolve(String text, ObjectNode user, ResourceType type) throws BadRequestException {
        Path parsed;
        try {
            parsed = ScimSyntax.path(text);
        } catch (BadRequestException e) {
            // The SDK reports a bad filter inside a path as invalidFilter or invalidPath; for a PATCH
            // path RFC 7644 §3.5.2 allows invalidPath, which tells the client the path is at fault.
            throw BadRequestException.invalidPath("'" + text + "' is not a valid attribute path: " + e.getMessage());
        }
        if (parsed.size() == 0) {
            throw BadRequestException.invalidPath("'" + text + "' names no attribute");
        }
        // A sub-attribute's value filter may only compare its values; the SDK checks so by reading the filter's
        // attribute, which an and, or or not has none of: a NullPointerException (found by fuzzing).
        if (parsed.size() == 2 && parsed.getElement(1).getValueFilter() != null
                && parsed.getElement(1).getValueFilter().getAttributePath() == null) {
            throw BadRequestException.invalidPath("'" + text + "': a value filter on a sub-attribute can only compare its value");
        }
        // RFC 7644 §3.5.2: a path names an attribute of the resource; a patch of one the schema does not define
        // would be answered 200 and change nothing, which a client takes for success.
        boolean bareExtension = isBareExtension(parsed);
        if (!bareExtension && type.resolve(parsed).isEmpty()) {
            throw BadRequestException.invalidPath("'" + text + "' names no attribute of the " + type.name() + " schemas");
        }
        Path path = bareExtension
                ? Path.root().attribute(CanonicalNames.of(ScimSchemas.ENTERPRISE_USER, user))
                : canonical(parsed, user);
        if (path.getSchemaUrn() == null && READ_ONLY.contains(path.getElement(0).getAttribute().toLowerCase(Locale.ROOT))) {
            throw BadRequestException.mutability("'" + text + "' is read-only");
        }
        return path;
    }

    /** The stored value the path addresses, ignoring value filters; null where there is none. */
    static JsonNode existing(Path path, ObjectNode user) {
        JsonNode node = path.getSchemaUrn() == null ? user : user.get(path.getSchemaUrn());
        for (Path.Element element : path) {
            node = node != null && node.isObject() ? node.get(element.getAttribute()) : null;
        }
        return node;
    }

    /** For {@code emails[type eq "work"].value}: {@code emails[type eq "work"]}, else null. */
    static Path filteredValues(Path path) {
        if (path.size() != 2 || path.getElement(0).getValueFilter() == null) {
            return null;
        }
        Path.Element element = path.getElement(0);
        return root(path.getSchemaUrn()).attribute(element.getAttribute(), element.getValueFilter());
    }

    private static boolean isBareExtension(Path parsed) {
        return parsed.getSchemaUrn() != null && parsed.size() == 1 && parsed.getElement(0).getValueFilter() == null
                && (parsed.getSchemaUrn() + ":" + parsed.getElement(0).getAttribute()).equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER);
    }

    private static Path canonical(Path parsed, ObjectNode user) {
        String urn = parsed.getSchemaUrn();
        if (urn != null && (urn.equalsIgnoreCase(ScimSchemas.USER) || urn.equalsIgnoreCase(ScimSchemas.GROUP))) {
            urn = null;
        } else if (urn != null) {
            urn = CanonicalNames.of(urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER) ? ScimSchemas.ENTERPRISE_USER : urn, user);
        }
        Path path = root(urn);
        JsonNode existing = urn == null ? user : user.get(urn);
        for (Path.Element element : parsed) {
            String name = CanonicalNames.of(element.getAttribute(), existing);
            existing = existing != null && existing.isObject() ? existing.get(name) : null;
            path = path.attribute(name, canonical(element.getValueFilter(), existing));
        }
        return path;
    }

    /**
     * Respells the attribute of an equality filter: when such a filter selects nothing, the SDK's add
     * creates the element with the filter's attribute as a key ({@code {"type":"work",...}}).
     */
    private static Filter canonical(Filter filter, JsonNode values) {
        if (filter == null || filter.getFilterType() != FilterType.EQUAL || filter.getAttributePath().size() != 1
                || filter.getAttributePath().getSchemaUrn() != null) {
            return filter;
        }
        String name = CanonicalNames.of(filter.getAttributePath().getElement(0).getAttribute(), values);
        return Filter.eq(Path.root().attribute(name), filter.getComparisonValue());
    }

    private static Path root(String schemaUrn) {
        return schemaUrn == null ? Path.root() : Path.root(schemaUrn);
    }
}
