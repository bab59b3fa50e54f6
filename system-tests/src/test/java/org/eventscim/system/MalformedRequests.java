package org.eventscim.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates malformed SCIM requests from a seed: broken and hostile JSON, wrong types, oversized and
 * deeply nested values, invalid UTF-8, bad filters and PATCH paths (injection attempts included), absurd
 * paging values, wrong content types and methods. {@code write} requests must all be refused; reads may
 * also be answered normally (a negative count is read as 0, RFC 7644 §3.4.2.4), never with a 5xx.
 */
final class MalformedRequests {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    record Request(String method, String path, String contentType, byte[] body, boolean write) {

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return method + " " + (path.length() > 160 ? path.substring(0, 160) + "..." : path) + " [" + contentType + "] " + text;
        }
    }

    private static final String[] HOSTILE_STRINGS = {
        "\" or 1=1 or \"", "'; DROP TABLE domain_event_entry; --", "{\"query\":{\"match_all\":{}}}", "*", "\\", "\\\"",
        "${jndi:ldap://x/a}", "<script>alert(1)</script>", "../../etc/passwd", "\u0000", "\uFFFF", "\uD800",
        "userName eq \"x\") or (userName pr", "%00", "\n\r", "😀".repeat(50), "a".repeat(10_000)};

    private static final String[] BAD_FILTERS = {
        "", " ", "userName", "userName eq", "userName eq \"unterminated", "eq \"x\"", "userName xx \"x\"",
        "userName eq x", "(userName eq \"x\"", "userName eq \"x\")", "((((((((((userName pr", "not userName eq \"x\"",
        "userName eq \"x\" and", "or userName pr", "emails[type eq \"work\"", "emails[type eq \"work\"]]",
        "emails[]", "emails[value co]", "name.familyName.extra eq \"x\"", "meta.created gt \"not a date\"",
        "active gt true", "active co \"t\"", "userName gt 5", "nosuchattribute eq \"x\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nosuch eq \"x\"", "members eq", "userName eq \"x\" xor userName pr",
        "userName eq \"\\u0000\"", "userName eq \"x\" or 1=1", "userName eq \"x\" }] , {\"match_all\":{}}",
        "userName sw \"" + "a".repeat(5000) + "\"", "(".repeat(2000) + "userName pr" + ")".repeat(2000),
        "userName pr and ".repeat(500) + "userName pr", "emails[type eq \"work\" and emails[value pr]]"};

    private static final String[] BAD_PATHS = {
        "", "emails[type eq", "emails[type eq \"work\"].value.extra", "name..familyName", "name.", ".name",
"urn:nonsense", "members[value eq \"x\"].display.x",
        "emails[value sw \"" + "b".repeat(3000) + "\"]", "id", "meta.created", "groups", "schemas[0]", "userName[",
        "[value eq \"x\"]", "emails[type eq \"work\"][value eq \"x\"]"};

    private final Random random;
    private final String userId;
    private final String groupId;

    MalformedRequests(long seed, String userId, String groupId) {
        this.random = new Random(seed);
        this.userId = userId;
        this.groupId = groupId;
    }

    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>(count);
        while (requests.size() < count) {
            requests.add(next());
        }
        return requests;
    }

    private Request next() {
        return switch (random.nextInt(12)) {
            case 0 -> write("POST", "/Users", brokenJson(validUser()));
            case 1 -> write("POST", "/Users", wrongTypes());
            case 2 -> write(pick("PUT", "PATCH", "POST"), pick("/Users/" + userId, "/Groups/" + groupId, "/Users", "/Groups"),
                    hostileBytes());
            case 3 -> write("PATCH", "/Users/" + userId, badPatch());
            case 4 -> write("PATCH", "/Groups/" + groupId, badGroupPatch());
            case 5 -> read("GET", pick("/Users", "/Groups") + "?filter=" + encode(badFilter()));
            case 6 -> read("POST", pick("/Users", "/Groups") + "/.search", searchBody());
            case 7 -> read("GET", pick("/Users", "/Groups") + "?" + badPaging());
            case 8 -> wrongContentType();
            case 9 -> wrongMethod();
            case 10 -> write("POST", "/Bulk", badBulk());
            default -> write("PUT", "/Users/" + userId, wrongTypes());
        };
    }

    private Request write(String method, String path, byte[] body) {
        return new Request(method, path, "application/scim+json", body, true);
    }

    private Request write(String method, String path, String body) {
        return write(method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    private Request read(String method, String path) {
        return new Request(method, path, "application/scim+json", null, false);
    }

    private Request read(String method, String path, String body) {
        return new Request(method, path, "application/scim+json", body.getBytes(StandardCharsets.UTF_8), false);
    }

    private String validUser() {
        return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"fuzz-" + random.nextInt(1000)
                + "@example.com\",\"emails\":[{\"value\":\"a@example.com\",\"type\":\"work\"}],\"name\":{\"familyName\":\"X\"}}";
    }

    /** Valid JSON cut short, a character flipped, or a syntax error inserted: never parseable as the original. */
    private String brokenJson(String json) {
        return switch (random.nextInt(6)) {
            case 0 -> json.substring(0, 1 + random.nextInt(json.length() - 2));
            case 1 -> json.replaceFirst(":", "");
            case 2 -> json.replaceFirst("\\{", "[");
            case 3 -> json + "}";
            case 4 -> json.replace("\"userName\"", "userName");
            default -> json.replaceFirst(",", ",,");
        };
    }

    /** A userName of the wrong type, or a good one with another attribute of the wrong type or shape. */
    private String wrongTypes() {
        String[] badUserNames = {"42", "true", "null", "[]", "{}", "[\"a\",\"b\"]", "\"\"", "\"   \"", "\"\\uD800\""};
        String[] badAttributes = {"\"emails\":[1,2,3]", "\"emails\":[[\"a@example.com\"]]",
                "\"active\":\"yes\"", "\"active\":[true]", "\"name\":[\"x\"]", "\"name\":\"x\"", "\"name\":{\"familyName\":7}",
                "\"phoneNumbers\":[{\"value\":{}}]", "\"schemas\":[]", "\"schemas\":[\"urn:nonsense\"]",
                "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":[1]", "\"x509Certificates\":[{\"value\":\"%%%\"}]",
                "\"password\":{}", "\"emails\":[{\"value\":\"a@example.com\",\"primary\":true},{\"value\":\"b@example.com\",\"primary\":true}]",
                "\"title\":\"\\uDC00x\""};
        if (random.nextBoolean()) {
            return "{\"schemas\":[\"" + USER + "\"],\"userName\":" + badUserNames[random.nextInt(badUserNames.length)] + "}";
        }
        String userName = random.nextBoolean() ? quoted(pickHostile()) : quoted("fuzz@example.com");
        String body = "{\"userName\":" + userName + "," + badAttributes[random.nextInt(badAttributes.length)] + "}";
        return body.contains("\"schemas\"") ? body : body.replaceFirst("\\{", "{\"schemas\":[\"" + USER + "\"],");
    }

    /** Deep nesting, invalid UTF-8, duplicate keys, NaN, bare values, a BOM, nothing at all. */
    private byte[] hostileBytes() {
        return switch (random.nextInt(8)) {
            case 0 -> ("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
            case 1 -> ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                byte[] bytes = ("{\"schemas\":[\"" + USER + "\"],\"userName\":\"xx\"}").getBytes(StandardCharsets.UTF_8);
                bytes[bytes.length - 4] = (byte) 0xC3;
                bytes[bytes.length - 3] = (byte) 0x28;
                yield bytes;
            }
            case 3 -> ("{\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"userName\":\"b\",\"userName\":7}").getBytes(StandardCharsets.UTF_8);
            case 4 -> "NaN".getBytes(StandardCharsets.UTF_8);
            case 5 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
            case 6 -> new byte[0];
            default -> {
                byte[] noise = new byte[1 + random.nextInt(2000)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }

    private String badPatch() {
        String[] operations = {
            "{\"op\":\"explode\",\"path\":\"userName\",\"value\":\"x\"}",
            "{\"op\":\"replace\",\"path\":" + quoted(BAD_PATHS[random.nextInt(BAD_PATHS.length)]) + ",\"value\":\"x\"}",
            "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}",
            "{\"op\":\"remove\"}",
            "{\"op\":\"remove\",\"path\":\"userName\"}",
            "{\"op\":\"replace\",\"path\":\"userName\",\"value\":null}",
            "{\"op\":\"replace\",\"path\":\"userName\",\"value\":[1]}",
            "{\"op\":\"add\",\"value\":\"not an object\"}",
            "{\"op\":\"replace\",\"path\":\"emails[value eq " + quoted(pickHostile()) + "].value\",\"value\":7}",
            "{\"path\":\"title\",\"value\":\"x\"}",
            "7"};
        String operation = operations[random.nextInt(operations.length)];
        return switch (random.nextInt(4)) {
            case 0 -> "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + operation + "}";
            case 1 -> "{\"schemas\":[\"" + PATCH_OP + "\"]}";
            case 2 -> "{\"schemas\":[\"" + USER + "\"],\"Operations\":[" + operation + "]}";
            default -> "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operation + "]}";
        };
    }

    private String badGroupPatch() {
        String[] operations = {
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":" + quoted(pickHostile()) + "}]}",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + groupId + "\"}]}",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":{\"value\":7}}",
            "{\"op\":\"remove\",\"path\":\"members[value eq \"}",
            "{\"op\":\"remove\",\"path\":\"members[" + BAD_FILTERS[random.nextInt(BAD_FILTERS.length)].replace("\"", "\\\"") + "]\"}",
            "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\"}",
            "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":{}}",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[" + "{\"value\":\"missing\"},".repeat(5000) + "{\"value\":\"x\"}]}"};
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations[random.nextInt(operations.length)] + "]}";
    }

    private String badFilter() {
        if (random.nextInt(4) == 0) {
            return "userName eq " + quoted(pickHostile());
        }
        return BAD_FILTERS[random.nextInt(BAD_FILTERS.length)];
    }

    private String searchBody() {
        String[] bodies = {
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":" + quoted(badFilter()) + "}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":7}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"count\":\"many\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"startIndex\":-99999999999}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"attributes\":\"userName\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"sortBy\":" + quoted(pickHostile()) + "}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"sortOrder\":\"sideways\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"cursor\":" + quoted(pickHostile()) + "}",
            "[", "{}", "null"};
        return bodies[random.nextInt(bodies.length)];
    }

    private String badPaging() {
        String[] values = {"-1", "-2147483649", "0", "99999999999999999999", "abc", "1e5", "1.5", "", "%00", "+1",
                "2147483648", "-0", "NaN"};
        String value = values[random.nextInt(values.length)];
        return switch (random.nextInt(7)) {
            case 0 -> "startIndex=" + value;
            case 1 -> "count=" + value;
            case 2 -> "startIndex=" + value + "&count=" + values[random.nextInt(values.length)];
            case 3 -> "cursor=" + encode(pickHostile());
            case 4 -> "sortBy=" + encode(pickHostile()) + "&sortOrder=" + value;
            case 5 -> "attributes=" + encode(BAD_PATHS[random.nextInt(BAD_PATHS.length)]);
            default -> "excludedAttributes=" + encode(pickHostile()) + "&count=" + value;
        };
    }

    private Request wrongContentType() {
        String[] types = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "application/octet-stream", "application/scim+xml", "text/html; charset=utf-8"};
        return new Request(pick("POST", "PUT", "PATCH"), pick("/Users", "/Users/" + userId, "/Groups/" + groupId, "/Bulk"),
                types[random.nextInt(types.length)], validUser().getBytes(StandardCharsets.UTF_8), true);
    }

    private Request wrongMethod() {
        String[] targets = {"PATCH /Users", "PUT /Users", "DELETE /Users", "POST /Users/" + userId, "PUT /Groups",
                "DELETE /Groups", "POST /Groups/" + groupId, "PUT /Bulk", "DELETE /ServiceProviderConfig",
                "POST /Schemas", "PATCH /ResourceTypes", "PUT /Users/.search", "DELETE /Users/" + encode(pickHostile())};
        String[] target = targets[random.nextInt(targets.length)].split(" ", 2);
        return write(target[0], target[1], validUser());
    }

    private String badBulk() {
        String[] bodies = {
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":\"all\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"failOnErrors\":-1,\"Operations\":[]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[{\"method\":\"POST\",\"path\":\"/Users\","
                    + "\"bulkId\":\"a\",\"data\":" + wrongTypes() + "}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[{\"method\":\"PATCH\",\"path\":\"/Users/"
                    + userId + "\",\"data\":" + badPatch() + "}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[{\"method\":\"DELETE\",\"path\":"
                    + quoted("/Users/" + pickHostile()) + "}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[7,null]}"};
        return bodies[random.nextInt(bodies.length)];
    }

    private String pickHostile() {
        return HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)];
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static String encode(String text) {
        return ScimClient.encode(text);
    }
}
