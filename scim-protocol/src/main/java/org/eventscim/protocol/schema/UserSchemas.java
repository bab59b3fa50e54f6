package org.eventscim.protocol.schema;

import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.READ_ONLY;
import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.WRITE_ONLY;
import static com.unboundid.scim2.common.types.AttributeDefinition.Returned.NEVER;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.BINARY;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.BOOLEAN;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.COMPLEX;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.REFERENCE;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.STRING;
import static com.unboundid.scim2.common.types.AttributeDefinition.Uniqueness.SERVER;

import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import java.net.URI;
import java.util.List;
import org.eventscim.protocol.ScimSchemas;

/**
 * The core User schema and the Enterprise User extension exactly as RFC 7643 §8.7.1 publishes them
 * (attribute order, descriptions and characteristics included), and the User resource type.
 *
 * <p>Written out by hand on the SDK's model rather than derived with {@code SchemaUtils.getSchema(UserResource.class)}:
 * the SDK's annotations sort attributes alphabetically and differ from §8.7.1 in places (descriptions,
 * {@code groups.$ref} reference types, {@code manager} sub-attributes marked required), and these
 * definitions are what {@code /Schemas} serves. Characteristics the RFC leaves out take the RFC 7643 §7
 * defaults, which are also the SDK builder's: single-valued, optional, caseExact false, readWrite,
 * returned default, uniqueness none.
 *
 * <p>One deliberate addition: {@code addresses.primary}. §4.1.2 defines it like every other multi-valued
 * attribute's {@code primary}, §8.7.1 forgot it, and clients (Okta among them) send it.
 */
public final class UserSchemas {

    private static final String READ_ONLY_DISPLAY = "A human-readable name, primarily used for display purposes.  READ-ONLY.";

    private static final List<AttributeDefinition> USER_ATTRIBUTES = List.of(
            builder("userName", STRING, "Unique identifier for the User, typically used by the user to directly "
                    + "authenticate to the service provider.  Each User MUST include a non-empty userName value.  "
                    + "This identifier MUST be unique across the service provider's entire set of Users.  REQUIRED.")
                    .setRequired(true).setUniqueness(SERVER).build(),
            builder("name", COMPLEX, "The components of the user's real name.  Providers MAY return just the full "
                    + "name as a single string in the formatted sub-attribute, or they MAY return just the individual "
                    + "component attributes using the other sub-attributes, or they MAY return both.  If both variants "
                    + "are returned, they SHOULD be describing the same name, with the formatted name indicating how "
                    + "the component attributes should be combined.")
                    .addSubAttributes(
                            string("formatted", "The full name, including all middle names, titles, and suffixes as "
                                    + "appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III')."),
                            string("familyName", "The family name of the User, or last name in most Western languages "
                                    + "(e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III')."),
                            string("givenName", "The given name of the User, or first name in most Western languages "
                                    + "(e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III')."),
                            string("middleName", "The middle name(s) of the User (e.g., 'Jane' given the full name "
                                    + "'Ms. Barbara J Jensen, III')."),
                            string("honorificPrefix", "The honorific prefix(es) of the User, or title in most Western "
                                    + "languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III')."),
                            string("honorificSuffix", "The honorific suffix(es) of the User, or suffix in most Western "
                                    + "languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III')."))
                    .build(),
            string("displayName", "The name of the User, suitable for display to end-users.  The name SHOULD be the "
                    + "full name of the User being described, if known."),
            string("nickName", "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of "
                    + "'Robert'.  This attribute SHOULD NOT be used to represent a User's username (e.g., 'bjensen' or "
                    + "'mpepperidge')."),
            builder("profileUrl", REFERENCE, "A fully qualified URL pointing to a page representing the User's "
                    + "online profile.")
                    .addReferenceTypes("external").build(),
            string("title", "The user's title, such as \"Vice President.\""),
            string("userType", "Used to identify the relationship between the organization and the user.  Typical "
                    + "values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but "
                    + "any value may be used."),
            string("preferredLanguage", "Indicates the User's preferred written or spoken language.  Generally used "
                    + "for selecting a localized user interface; e.g., 'en_US' specifies the language English and "
                    + "country US."),
            string("locale", "Used to indicate the User's default location for purposes of localizing items such as "
                    + "currency, date time format, or numerical representations."),
            string("timezone", "The User's time zone in the 'Olson' time zone database format, e.g., "
                    + "'America/Los_Angeles'."),
            builder("active", BOOLEAN, "A Boolean value indicating the User's administrative status.").build(),
            builder("password", STRING, "The User's cleartext password.  This attribute is intended to be used as a "
                    + "means to specify an initial password when creating a new User or to reset an existing User's "
                    + "password.")
                    .setMutability(WRITE_ONLY).setReturned(NEVER).build(),
            multiValued("emails", "Email addresses for the user.  The value SHOULD be canonicalized by the service "
                    + "provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'.  Canonical type values "
                    + "of 'work', 'home', and 'other'.")
                    .addSubAttributes(
                            string("value", "Email addresses for the user.  The value SHOULD be canonicalized by the "
                                    + "service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'.  "
                                    + "Canonical type values of 'work', 'home', and 'other'."),
                            string("display", READ_ONLY_DISPLAY),
                            type("A label indicating the attribute's function, e.g., 'work' or 'home'.",
                                    "work", "home", "other"),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute, e.g., the preferred mailing address or primary email address.  The "
                                    + "primary attribute value 'true' MUST appear no more than once."))
                    .build(),
            multiValued("phoneNumbers", "Phone numbers for the User.  The value SHOULD be canonicalized by the service "
                    + "provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'.  Canonical "
                    + "type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.")
                    .addSubAttributes(
                            string("value", "Phone number of the User."),
                            string("display", READ_ONLY_DISPLAY),
                            type("A label indicating the attribute's function, e.g., 'work', 'home', 'mobile'.",
                                    "work", "home", "mobile", "fax", "pager", "other"),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute, e.g., the preferred phone number or primary phone number.  The "
                                    + "primary attribute value 'true' MUST appear no more than once."))
                    .build(),
            multiValued("ims", "Instant messaging addresses for the User.")
                    .addSubAttributes(
                            string("value", "Instant messaging address for the User."),
                            string("display", READ_ONLY_DISPLAY),
                            type("A label indicating the attribute's function, e.g., 'aim', 'gtalk', 'xmpp'.",
                                    "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute, e.g., the preferred messenger or primary messenger.  The primary "
                                    + "attribute value 'true' MUST appear no more than once."))
                    .build(),
            multiValued("photos", "URLs of photos of the User.")
                    .addSubAttributes(
                            builder("value", REFERENCE, "URL of a photo of the User.")
                                    .addReferenceTypes("external").build(),
                            string("display", READ_ONLY_DISPLAY),
                            type("A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.",
                                    "photo", "thumbnail"),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute, e.g., the preferred photo or thumbnail.  The primary attribute value "
                                    + "'true' MUST appear no more than once."))
                    .build(),
            multiValued("addresses", "A physical mailing address for this User.  Canonical type values of 'work', "
                    + "'home', and 'other'.  This attribute is a complex type with the following sub-attributes.")
                    .addSubAttributes(
                            string("formatted", "The full mailing address, formatted for display or use with a "
                                    + "mailing label.  This attribute MAY contain newlines."),
                            string("streetAddress", "The full street address component, which may include house "
                                    + "number, street name, P.O. box, and multi-line extended street address "
                                    + "information.  This attribute MAY contain newlines."),
                            string("locality", "The city or locality component."),
                            string("region", "The state or region component."),
                            string("postalCode", "The zip code or postal code component."),
                            string("country", "The country name component."),
                            type("A label indicating the attribute's function, e.g., 'work' or 'home'.",
                                    "work", "home", "other"),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute, e.g., the preferred mailing address.  The primary attribute value 'true' "
                                    + "MUST appear no more than once."))
                    .build(),
            multiValued("groups", "A list of groups to which the user belongs, either through direct membership, "
                    + "through nested groups, or dynamically calculated.")
                    .setMutability(READ_ONLY)
                    .addSubAttributes(
                            builder("value", STRING, "The identifier of the User's group.")
                                    .setMutability(READ_ONLY).build(),
                            builder("$ref", REFERENCE, "The URI of the corresponding 'Group' resource to which the "
                                    + "user belongs.")
                                    .addReferenceTypes("User", "Group").setMutability(READ_ONLY).build(),
                            builder("display", STRING, READ_ONLY_DISPLAY).setMutability(READ_ONLY).build(),
                            builder("type", STRING, "A label indicating the attribute's function, e.g., 'direct' or "
                                    + "'indirect'.")
                                    .addCanonicalValues("direct", "indirect").setMutability(READ_ONLY).build())
                    .build(),
            multiValued("entitlements", "A list of entitlements for the User that represent a thing the User has.")
                    .addSubAttributes(
                            string("value", "The value of an entitlement."),
                            string("display", READ_ONLY_DISPLAY),
                            string("type", "A label indicating the attribute's function."),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute.  The primary attribute value 'true' MUST appear no more than once."))
                    .build(),
            multiValued("roles", "A list of roles for the User that collectively represent who the User is, e.g., "
                    + "'Student', 'Faculty'.")
                    .addSubAttributes(
                            string("value", "The value of a role."),
                            string("display", READ_ONLY_DISPLAY),
                            string("type", "A label indicating the attribute's function."),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute.  The primary attribute value 'true' MUST appear no more than once."))
                    .build(),
            multiValued("x509Certificates", "A list of certificates issued to the User.")
                    .addSubAttributes(
                            builder("value", BINARY, "The value of an X.509 certificate.").build(),
                            string("display", READ_ONLY_DISPLAY),
                            string("type", "A label indicating the attribute's function."),
                            primary("A Boolean value indicating the 'primary' or preferred attribute value for this "
                                    + "attribute.  The primary attribute value 'true' MUST appear no more than once."))
                    .build());

    private static final List<AttributeDefinition> ENTERPRISE_USER_ATTRIBUTES = List.of(
            string("employeeNumber", "Numeric or alphanumeric identifier assigned to a person, typically based on "
                    + "order of hire or association with an organization."),
            string("costCenter", "Identifies the name of a cost center."),
            string("organization", "Identifies the name of an organization."),
            string("division", "Identifies the name of a division."),
            string("department", "Identifies the name of a department."),
            builder("manager", COMPLEX, "The User's manager.  A complex type that optionally allows service providers "
                    + "to represent organizational hierarchy by referencing the 'id' attribute of another User.")
                    .addSubAttributes(
                            string("value", "The id of the SCIM resource representing the User's manager.  REQUIRED."),
                            builder("$ref", REFERENCE, "The URI of the SCIM resource representing the User's "
                                    + "manager.  REQUIRED.")
                                    .addReferenceTypes("User").build(),
                            builder("displayName", STRING, "The displayName of the User's manager.  OPTIONAL and "
                                    + "READ-ONLY.")
                                    .setMutability(READ_ONLY).build())
                    .build());

    private UserSchemas() {
    }

    /** {@code urn:ietf:params:scim:schemas:core:2.0:User}. A new instance each time: SDK resources carry a settable meta. */
    public static SchemaResource user() {
        return new SchemaResource(ScimSchemas.USER, "User", "User Account", USER_ATTRIBUTES);
    }

    /** {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}. */
    public static SchemaResource enterpriseUser() {
        return new SchemaResource(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User",
                ENTERPRISE_USER_ATTRIBUTES);
    }

    /**
     * The User resource type. The enterprise extension is optional (RFC 7643 §8.6's example marks it required,
     * but most provisioned users carry none of its attributes, and every IdP expects it to be optional).
     */
    public static ResourceTypeResource userResourceType() {
        return new ResourceTypeResource("User", "User", "User Account", URI.create("/Users"), URI.create(ScimSchemas.USER),
                List.of(new ResourceTypeResource.SchemaExtension(URI.create(ScimSchemas.ENTERPRISE_USER), false)));
    }

    private static AttributeDefinition.Builder builder(String name, AttributeDefinition.Type type, String description) {
        return new AttributeDefinition.Builder().setName(name).setType(type).setDescription(description);
    }

    private static AttributeDefinition string(String name, String description) {
        return builder(name, STRING, description).build();
    }

    private static AttributeDefinition.Builder multiValued(String name, String description) {
        return builder(name, COMPLEX, description).setMultiValued(true);
    }

    private static AttributeDefinition type(String description, String... canonicalValues) {
        return builder("type", STRING, description).addCanonicalValues(canonicalValues).build();
    }

    private static AttributeDefinition primary(String description) {
        return builder("primary", BOOLEAN, description).build();
    }
}
