package org.eventscim.query.search.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.eventscim.protocol.ScimSchemas;

/**
 * Users with attributes drawn from small vocabularies, so that random filters hit often: case variants of
 * the same value, non-ASCII letters whose case folds ({@code Ä}/{@code ä}), missing attributes, emails
 * of several types. Everything is derived from one {@link Random}, so a seed reproduces the data set.
 */
final class RandomUsers {

    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    /** The span {@code meta.created} and {@code meta.lastModified} are drawn from. */
    static final long SPAN_MILLIS = 30L * 24 * 3600 * 1000;

    static final List<String> GIVEN_NAMES = List.of("Anna", "anna", "ÄNNE", "änne", "Björn", "BJÖRN", "Zoë", "Élodie",
            "élodie", "Bob");
    static final List<String> FAMILY_NAMES = List.of("Jensen", "jensen", "Müller", "MÜLLER", "Øster", "Smith",
            "Straße", "STRASSE");
    static final List<String> TITLES = List.of("Engineer", "engineer", "ENGINEER", "Ärztin", "ärztin", "CEO",
            "Manager of Ωmega", "Q*A? lead", "say \"hi\" \\ back");
    static final List<String> EMAIL_TYPES = List.of("work", "Work", "home", "other");
    static final List<String> DOMAINS = List.of("example.com", "EXAMPLE.com", "beispiel.de", "müller.de");
    static final List<String> DEPARTMENTS = List.of("Sales", "sales", "Entwicklung", "ÉQUIPE", "équipe", "R&D");
    static final List<String> MANAGERS = List.of("m-1", "M-1", "m-2", "mgr-ä");

    private final Random random;

    RandomUsers(Random random) {
        this.random = random;
    }

    /** One generated user: its id, its SCIM attributes (as a client sends them) and its meta dates. */
    record GeneratedUser(String id, ObjectNode attributes, Instant created, Instant lastModified) {
    }

    GeneratedUser next(int index) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        String given = pick(GIVEN_NAMES);
        String family = pick(FAMILY_NAMES);
        user.put("userName", caseVariant(given) + "." + caseVariant(family) + index + "@" + pick(DOMAINS));
        if (chance(80)) {
            ObjectNode name = user.putObject("name");
            if (chance(85)) {
                name.put("givenName", given);
            }
            if (chance(85)) {
                name.put("familyName", family);
            }
        }
        if (chance(60)) {
            user.put("displayName", given + " " + family);
        }
        if (chance(60)) {
            user.put("title", pick(TITLES));
        }
        if (chance(85)) {
            user.put("active", random.nextBoolean());
        }
        if (chance(70)) {
            // Case-exact: "Ext-7" and "ext-7" are different values.
            user.put("externalId", caseVariant("Ext-") + random.nextInt(40));
        }
        int emails = random.nextInt(4);
        if (emails > 0) {
            ArrayNode list = user.putArray("emails");
            int primary = random.nextInt(emails + 1);
            for (int i = 0; i < emails; i++) {
                ObjectNode email = list.addObject();
                email.put("value", caseVariant(given) + (i == 0 ? "" : "+" + i) + "@" + pick(DOMAINS));
                if (chance(85)) {
                    email.put("type", pick(EMAIL_TYPES));
                }
                if (i == primary) {
                    email.put("primary", true);
                } else if (chance(20)) {
                    email.put("primary", false);
                }
                if (chance(30)) {
                    email.put("display", given + " (" + i + ")");
                }
            }
        }
        if (chance(75)) {
            ObjectNode enterprise = user.putObject(ScimSchemas.ENTERPRISE_USER);
            if (chance(80)) {
                enterprise.put("employeeNumber", String.valueOf(random.nextInt(60)));
            }
            if (chance(80)) {
                enterprise.put("department", pick(DEPARTMENTS));
            }
            if (chance(60)) {
                ObjectNode manager = enterprise.putObject("manager").put("value", pick(MANAGERS));
                if (chance(50)) {
                    manager.put("displayName", pick(GIVEN_NAMES));
                }
            }
        }
        Instant created = EPOCH.plusMillis(Math.floorMod(random.nextLong(), SPAN_MILLIS));
        Instant lastModified = chance(40) ? created.plusMillis(1 + random.nextInt(5 * 24 * 3600 * 1000)) : created;
        return new GeneratedUser(new UUID(random.nextLong(), random.nextLong()).toString(), user, created, lastModified);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String caseVariant(String value) {
        return switch (random.nextInt(4)) {
            case 0 -> value.toUpperCase(Locale.ROOT);
            case 1 -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }
}
