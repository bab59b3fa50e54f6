package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.eventscim.query.index.GroupSchema;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.index.ResourceIndex;
import org.eventscim.query.index.UserSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EqualityLookupTest {

    @ParameterizedTest
    @ValueSource(strings = {"userName eq \"bjensen\"", "USERNAME eq \"x\"", "externalId eq \"e\"", "id eq \"i\"",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"", "displayName eq \"x\"", "title eq \"t\""})
    void singularStringsOfTheCoreSchemaAndIdAreLookups(String filter) {
        assertThat(EqualityLookup.of(UserSchema.SCHEMA, filter)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName ne \"x\"", "userName sw \"x\"", "userName eq \"x\" and active eq true",
            "not (userName eq \"x\")", "active eq true", "userName eq null", "emails eq \"a@b.c\"",
            "emails.value eq \"a@b.c\"", "name.givenName eq \"x\"", "emails[type eq \"work\"]",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"1\"",
            "groups eq \"g\"", "meta.created eq \"2026-01-01T00:00:00Z\"", "unknown eq \"x\"", "userName eq", ""})
    void everythingElseIsLeftToTheIndex(String filter) {
        assertThat(EqualityLookup.of(UserSchema.SCHEMA, filter)).isEmpty();
    }

    @Test
    void aCaseInsensitiveAttributeMatchesInAnyCaseCodePointByCodePoint() {
        ResourceDocument user = user("u1", attributes().put("userName", "Ärger.ΣΑΣ@Corp.test"));

        assertThat(matches("userName eq \"ärger.σασ@corp.TEST\"", user)).isTrue();
        assertThat(matches("userName eq \"ärger.σας@corp.test\"", user)).as("final sigma is its own letter").isFalse();
        assertThat(matches("userName eq \"ärger\"", user)).isFalse();
        // Lucene lower-cases the capital dotted I to a plain i, where String.toLowerCase would add a combining dot.
        assertThat(matches("userName eq \"istanbul\"", user("u2", attributes().put("userName", "İSTANBUL")))).isTrue();
    }

    @Test
    void aCaseExactAttributeMatchesOnlyAsItIs() {
        ResourceDocument user = user("Id-1", attributes().put("userName", "u").put("externalId", "Ext-1"));

        assertThat(matches("externalId eq \"Ext-1\"", user)).isTrue();
        assertThat(matches("externalId eq \"ext-1\"", user)).isFalse();
        assertThat(matches("id eq \"Id-1\"", user)).isTrue();
        assertThat(matches("id eq \"id-1\"", user)).isFalse();
    }

    @Test
    void tombstonesUnindexedDocumentsAbsentAndOverlongValuesNeverMatch() {
        String overlong = "a".repeat(ResourceIndex.IGNORE_ABOVE + 1);
        ResourceDocument user = user("u1", attributes().put("userName", "alice"));

        assertThat(matches("userName eq \"alice\"", ResourceDocument.tombstone("t", "u1", 2, Instant.EPOCH,
                Instant.EPOCH))).isFalse();
        assertThat(matches("userName eq \"alice\"", user.withUnindexedAttributes())).isFalse();
        assertThat(matches("title eq \"alice\"", user)).isFalse();
        assertThat(matches("userName eq \"" + overlong + "\"", user("u2", attributes().put("userName", overlong))))
                .isFalse();
    }

    @Test
    void groupsAreLookedUpByDisplayNameCaseInsensitively() {
        ResourceDocument group = user("g1", attributes().put("displayName", "Finance"));

        assertThat(EqualityLookup.of(GroupSchema.SCHEMA, "displayName eq \"FINANCE\"")).hasValueSatisfying(
                lookup -> assertThat(lookup.matches(group)).isTrue());
        assertThat(EqualityLookup.of(GroupSchema.SCHEMA, "members eq \"u1\"")).isEmpty();
    }

    private static boolean matches(String filter, ResourceDocument document) {
        return EqualityLookup.of(UserSchema.SCHEMA, filter).orElseThrow().matches(document);
    }

    private static ObjectNode attributes() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ResourceDocument user(String id, ObjectNode attributes) {
        return ResourceDocument.live("t", id, 1, Instant.EPOCH, Instant.EPOCH, attributes);
    }
}
