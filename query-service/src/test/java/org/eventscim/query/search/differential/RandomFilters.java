package org.eventscim.query.search.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eventscim.protocol.ScimSchemas;

/**
 * Random SCIM filters over the attributes {@link RandomUsers} fills: every operator on every type it
 * applies to, {@code and}/{@code or}/{@code not} nested a few levels, value paths with their own
 * logic, attribute names in random case, and comparison values mostly taken from (parts of, case
 * variants of) values the users really have, so that most filters match some users and miss others.
 */
final class RandomFilters {

    private static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER + ":";
    private static final List<String> MISSES = List.of("zz", "nobody", "Ä", "ß", "q*a", "x?", "\\", "\"");
    private static final List<String> STRING_OPERATORS = List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr");
    private static final List<String> DATE_OPERATORS = List.of("eq", "ne", "gt", "ge", "lt", "le", "pr");
    private static final List<String> BOOLEAN_OPERATORS = List.of("eq", "ne", "pr");

    enum Kind { STRING, BOOLEAN, DATE }

    /**
     * @param path     the attribute path as a filter names it (relative inside a value path)
     * @param valueKey where {@link #values} keeps the values users have for it
     */
    record Target(String path, Kind kind, String valueKey) {
    }

    private record ValuePath(String attribute, List<Target> subAttributes) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("userName", Kind.STRING, "userName"),
            new Target("displayName", Kind.STRING, "displayName"),
            new Target("title", Kind.STRING, "title"),
            new Target("name.givenName", Kind.STRING, "name.givenName"),
            new Target("name.familyName", Kind.STRING, "name.familyName"),
            new Target("externalId", Kind.STRING, "externalId"),
            new Target("id", Kind.STRING, "id"),
            new Target("active", Kind.BOOLEAN, "active"),
            new Target("emails.value", Kind.STRING, "emails.value"),
            new Target("emails.type", Kind.STRING, "emails.type"),
            new Target("emails.display", Kind.STRING, "emails.display"),
            new Target("emails.primary", Kind.BOOLEAN, "emails.primary"),
            new Target(ENTERPRISE + "employeeNumber", Kind.STRING, "employeeNumber"),
            new Target(ENTERPRISE + "department", Kind.STRING, "department"),
            new Target(ENTERPRISE + "manager.value", Kind.STRING, "manager.value"),
            new Target(ENTERPRISE + "manager.displayName", Kind.STRING, "manager.displayName"),
            new Target("meta.created", Kind.DATE, "meta.created"),
            new Target("meta.lastModified", Kind.DATE, "meta.lastModified"));

    private static final List<ValuePath> VALUE_PATHS = List.of(
            new ValuePath("emails", List.of(
                    new Target("value", Kind.STRING, "emails.value"),
                    new Target("type", Kind.STRING, "emails.type"),
                    new Target("display", Kind.STRING, "emails.display"),
                    new Target("primary", Kind.BOOLEAN, "emails.primary"))),
            new ValuePath("name", List.of(
                    new Target("givenName", Kind.STRING, "name.givenName"),
                    new Target("familyName", Kind.STRING, "name.familyName"))),
            new ValuePath(ENTERPRISE + "manager", List.of(
                    new Target("value", Kind.STRING, "manager.value"),
                    new Target("displayName", Kind.STRING, "manager.displayName"))));

    private final Random random;
    private final Map<String, List<String>> values;

    /** @param users the SCIM resources the filters will run against, as the service renders them */
    RandomFilters(Random random, List<JsonNode> users) {
        this.random = random;
        this.values = valuesByKey(users);
    }

    String next() {
        return filter(random.nextInt(4), TARGETS, true);
    }

    private String filter(int depth, List<Target> targets, boolean topLevel) {
        if (depth == 0 || chance(30)) {
            return topLevel && chance(20) ? valuePath() : comparison(pick(targets));
        }
        return switch (random.nextInt(3)) {
            case 0 -> combined(" and ", depth, targets, topLevel);
            case 1 -> combined(" or ", depth, targets, topLevel);
            default -> "not (" + filter(depth - 1, targets, topLevel) + ")";
        };
    }

    private String combined(String operator, int depth, List<Target> targets, boolean topLevel) {
        String joined = IntStream.range(0, 2 + random.nextInt(2))
                .mapToObj(i -> filter(depth - 1, targets, topLevel))
                .collect(Collectors.joining(operator));
        // Without parentheses the precedence of the parser decides, which both sides share.
        return chance(60) ? "(" + joined + ")" : joined;
    }

    private String valuePath() {
        ValuePath path = pick(VALUE_PATHS);
        return randomCase(path.attribute()) + "[" + filter(random.nextInt(3), path.subAttributes(), false) + "]";
    }

    private String comparison(Target target) {
        String attribute = randomCase(target.path());
        List<String> operators = switch (target.kind()) {
            case STRING -> STRING_OPERATORS;
            case DATE -> DATE_OPERATORS;
            case BOOLEAN -> BOOLEAN_OPERATORS;
        };
        String operator = pick(operators);
        if (operator.equals("pr")) {
            return attribute + " " + randomCase(operator);
        }
        if ((operator.equals("eq") || operator.equals("ne")) && chance(5)) {
            return attribute + " " + operator + " null";
        }
        String value = switch (target.kind()) {
            case BOOLEAN -> String.valueOf(random.nextBoolean());
            case DATE -> TextNode.valueOf(date(target.valueKey())).toString();
            case STRING -> string(target.valueKey(), operator);
        };
        return attribute + " " + randomCase(operator) + " " + value;
    }

    private String string(String valueKey, String operator) {
        List<String> seen = values.getOrDefault(valueKey, List.of());
        String value = seen.isEmpty() || chance(15) ? pick(MISSES) : pick(seen);
        int length = value.length();
        int from = random.nextInt(length);
        value = switch (operator) {
            case "co" -> value.substring(from, from + 1 + random.nextInt(length - from));
            case "sw" -> value.substring(0, 1 + random.nextInt(length));
            case "ew" -> value.substring(from);
            default -> value;
        };
        return TextNode.valueOf(caseVariant(value)).toString();
    }

    private String date(String valueKey) {
        List<String> seen = values.getOrDefault(valueKey, List.of());
        Instant instant = !seen.isEmpty() && chance(50)
                ? Instant.parse(pick(seen))
                : RandomUsers.EPOCH.plusMillis(Math.floorMod(random.nextLong(), RandomUsers.SPAN_MILLIS));
        // The same instant written in another offset must compare as that instant, not as text.
        return chance(30) ? instant.atOffset(ZoneOffset.ofHours(2)).toString() : instant.toString();
    }

    private String randomCase(String name) {
        if (name.startsWith(ENTERPRISE)) {
            return ENTERPRISE + randomCase(name.substring(ENTERPRISE.length()));
        }
        return chance(70) ? name : caseVariant(name);
    }

    private String caseVariant(String value) {
        return switch (random.nextInt(4)) {
            case 0 -> value.toUpperCase(Locale.ROOT);
            case 1 -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private static Map<String, List<String>> valuesByKey(List<JsonNode> users) {
        Map<String, List<String>> values = new HashMap<>();
        for (JsonNode user : users) {
            add(values, "id", user.path("id"));
            add(values, "userName", user.path("userName"));
            add(values, "displayName", user.path("displayName"));
            add(values, "title", user.path("title"));
            add(values, "externalId", user.path("externalId"));
            add(values, "name.givenName", user.path("name").path("givenName"));
            add(values, "name.familyName", user.path("name").path("familyName"));
            add(values, "meta.created", user.path("meta").path("created"));
            add(values, "meta.lastModified", user.path("meta").path("lastModified"));
            for (JsonNode email : user.path("emails")) {
                add(values, "emails.value", email.path("value"));
                add(values, "emails.type", email.path("type"));
                add(values, "emails.display", email.path("display"));
            }
            JsonNode enterprise = user.path(ScimSchemas.ENTERPRISE_USER);
            add(values, "employeeNumber", enterprise.path("employeeNumber"));
            add(values, "department", enterprise.path("department"));
            add(values, "manager.value", enterprise.path("manager").path("value"));
            add(values, "manager.displayName", enterprise.path("manager").path("displayName"));
        }
        return values;
    }

    private static void add(Map<String, List<String>> values, String key, JsonNode value) {
        if (value.isTextual()) {
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value.textValue());
        }
    }
}
