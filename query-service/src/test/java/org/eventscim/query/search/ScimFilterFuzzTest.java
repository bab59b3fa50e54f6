package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.Attribute;
import org.eventscim.query.index.GroupSchema;
import org.eventscim.query.index.ResourceSchema;
import org.eventscim.query.index.UserSchema;

/**
 * Coverage-guided fuzzing (Jazzer) of the SCIM filter parser (UnboundID's) and {@link ScimFilterTranslator}
 * (issue #9). Whatever text a client sends as {@code filter}, for users and for groups, translating it either
 * yields a query or fails with a 400 {@code invalidFilter}, never with any other exception, and within a
 * bound that rules out super-linear blow-ups. The query is built with the client's typed builders only: its
 * JSON is well formed and every member name in it is a query DSL keyword or a field of the schema, so no
 * part of the input can ever become query structure (no injection). {@code ./mvnw verify} replays the
 * committed inputs (plain filter texts); {@code JAZZER_FUZZ=1 ../mvnw test -Dtest=ScimFilterFuzzTest} in
 * {@code query-service} fuzzes for {@code maxDuration}.
 */
class ScimFilterFuzzTest {

    /** Everything the translator's builders may name; the rest of the member names must be schema fields. */
    private static final Set<String> DSL = Set.of("bool", "filter", "should", "must_not", "minimum_should_match",
            "term", "terms", "value", "range", "gt", "gte", "lt", "lte", "wildcard", "prefix", "case_insensitive",
            "nested", "path", "query", "score_mode", "exists", "field", "match_all");
    /** Far beyond any parse of a few kilobytes; a filter this slow would be a denial of service. */
    private static final Duration HANG = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JacksonJsonpMapper MAPPER = new JacksonJsonpMapper();
    private static final MembershipResolver MEMBERSHIPS = value -> List.of("resolved-1", "resolved-2");
    private static final List<Schema> SCHEMAS = List.of(new Schema(UserSchema.SCHEMA), new Schema(GroupSchema.SCHEMA));

    @FuzzTest(maxDuration = "60s")
    void anyFilterTranslatesOrIsAnInvalidFilter(byte[] input) {
        String filter = new String(input, StandardCharsets.UTF_8);
        for (Schema schema : SCHEMAS) {
            long start = System.nanoTime();
            try {
                assertTypedQuery(filter, schema, schema.translator().translate(filter, MEMBERSHIPS));
            } catch (ScimException refused) {
                assertThat(refused.status().value()).as(refused.getMessage()).isEqualTo(400);
                assertThat(refused.scimType()).as(refused.getMessage()).isEqualTo("invalidFilter");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to translate %s", filter).isLessThan(HANG);
        }
    }

    private static void assertTypedQuery(String filter, Schema schema, Query query) {
        String text = JsonpUtils.toJsonString(query, MAPPER);
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException malformed) {
            throw new AssertionError(filter + " → malformed query JSON " + text, malformed);
        }
        memberNames(tree).forEach(name -> assertThat(DSL.contains(name) || schema.fields().contains(name))
                .as("member '%s' of %s → %s", name, filter, text).isTrue());
    }

    private static Stream<String> memberNames(JsonNode node) {
        if (node.isObject()) {
            return node.properties().stream().flatMap(member -> Stream.concat(Stream.of(member.getKey()), memberNames(member.getValue())));
        }
        return node.isArray() ? node.valueStream().flatMap(ScimFilterFuzzTest::memberNames) : Stream.empty();
    }

    private record Schema(ScimFilterTranslator translator, Set<String> fields) {

        Schema(ResourceSchema schema) {
            this(new ScimFilterTranslator(schema), fields(schema));
        }

        private static Set<String> fields(ResourceSchema schema) {
            Set<String> fields = new HashSet<>();
            Stream.concat(Stream.concat(schema.documentAttributes().stream(), schema.coreAttributes().stream()),
                    schema.extensions().values().stream().flatMap(List::stream)).forEach(attribute -> collect(attribute, fields));
            return fields;
        }

        private static void collect(Attribute attribute, Set<String> fields) {
            fields.add(attribute.field());
            attribute.subAttributes().forEach(sub -> collect(sub, fields));
        }
    }
}
