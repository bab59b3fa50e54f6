package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.DateRangeQuery;
import java.util.List;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.GroupSchema;
import org.eventscim.query.index.UserSchema;
import org.junit.jupiter.api.Test;

class SortingTest {

    @Test
    void aPageAfterAnotherInDateOrderIsLookedForFromTheLastDateWithinTheWindow() {
        List<FieldValue> after = List.of(FieldValue.of(1_700_000_000_123L), FieldValue.of("id-9"));
        DateRangeQuery windowed = new Sorting("created", false).resumingAfter(after, 4_000L).orElseThrow().range().date();
        assertThat(windowed.field()).isEqualTo("created");
        assertThat(windowed.gte()).isEqualTo("1700000000123");
        assertThat(windowed.lte()).isEqualTo("1700000004123");
        assertThat(windowed.format()).isEqualTo("epoch_millis");

        DateRangeQuery open = new Sorting("created", false).resumingAfter(after, null).orElseThrow().range().date();
        assertThat(open.gte()).isEqualTo("1700000000123");
        assertThat(open.lte()).isNull();

        DateRangeQuery descending = new Sorting("lastModified", true)
                .resumingAfter(List.of(FieldValue.of(5_000L), FieldValue.of("id-1")), 1_000L).orElseThrow().range().date();
        assertThat(descending.lte()).isEqualTo("5000");
        assertThat(descending.gte()).isEqualTo("4000");
    }

    @Test
    void theWindowIsFourTimesWhatThePageSpannedAndAtLeastASecond() {
        Sorting created = new Sorting("created", false);
        assertThat(created.nextWindow(List.of(FieldValue.of(10_000L), FieldValue.of("a")),
                List.of(FieldValue.of(12_500L), FieldValue.of("b")))).isEqualTo(10_000L);
        assertThat(created.nextWindow(List.of(FieldValue.of(7L), FieldValue.of("a")),
                List.of(FieldValue.of(7L), FieldValue.of("b")))).isEqualTo(1_000L);
        assertThat(new Sorting("created", true).nextWindow(List.of(FieldValue.of(12_500L), FieldValue.of("a")),
                List.of(FieldValue.of(10_000L), FieldValue.of("b")))).isEqualTo(10_000L);
    }

    @Test
    void otherOrdersAndTheFirstPageAreNotNarrowed() {
        // A user name may be missing (sorted last), so a range on it would drop those users.
        Sorting userName = new Sorting("resource.userName", false);
        assertThat(userName.resumingAfter(List.of(FieldValue.of("a"), FieldValue.of("id")), 1_000L)).isEmpty();
        assertThat(userName.nextWindow(List.of(FieldValue.of("a")), List.of(FieldValue.of("b")))).isNull();
        assertThat(new Sorting("created", false).resumingAfter(List.of(), 1_000L)).isEmpty();
    }

    @Test
    void withoutSortByListsAreInCreationOrder() {
        assertThat(Sorting.of(UserSchema.SCHEMA, null, null)).isEqualTo(new Sorting("created", false));
        assertThat(Sorting.of(UserSchema.SCHEMA, " ", "DESCENDING")).isEqualTo(new Sorting("created", true));
    }

    @Test
    void singularAttributesSubAttributesAndMetaSortByTheirFields() {
        assertThat(Sorting.of(UserSchema.SCHEMA, "USERNAME", "Ascending")).isEqualTo(new Sorting("resource.userName", false));
        assertThat(Sorting.of(UserSchema.SCHEMA, "name.familyName", "descending"))
                .isEqualTo(new Sorting("resource.name.familyName", true));
        assertThat(Sorting.of(UserSchema.SCHEMA, "meta.lastModified", null)).isEqualTo(new Sorting("lastModified", false));
        assertThat(Sorting.of(UserSchema.SCHEMA, "id", null)).isEqualTo(new Sorting("resourceId", false));
        assertThat(Sorting.of(UserSchema.SCHEMA, ScimSchemas.USER + ":externalId", null))
                .isEqualTo(new Sorting("resource.externalId", false));
        assertThat(Sorting.of(UserSchema.SCHEMA, ScimSchemas.ENTERPRISE_USER + ":employeeNumber", null))
                .isEqualTo(new Sorting("resource." + ScimSchemas.ENTERPRISE_USER + ".employeeNumber", false));
        assertThat(Sorting.of(GroupSchema.SCHEMA, "displayName", null)).isEqualTo(new Sorting("resource.displayName", false));
    }

    @Test
    void multiValuedAttributesSortByTheStoredPrimaryOrFirstValue() {
        assertThat(Sorting.of(UserSchema.SCHEMA, "emails", null)).isEqualTo(new Sorting("sortValues.emails.value", false));
        assertThat(Sorting.of(UserSchema.SCHEMA, "emails.type", null)).isEqualTo(new Sorting("sortValues.emails.type", false));
    }

    @Test
    void whatCannotBeSortedByIsAnInvalidValue() {
        for (String sortBy : new String[] {"nickname2", "name", "meta", "members", "groups", "emails[type eq \"work\"]",
                "name.unknown", "userName.sub", "a.b.c", "(("}) {
            assertThatThrownBy(() -> Sorting.of(sortBy.equals("members") ? GroupSchema.SCHEMA : UserSchema.SCHEMA, sortBy, null))
                    .as(sortBy)
                    .isInstanceOfSatisfying(ScimException.class, failure -> {
                        assertThat(failure.status().value()).isEqualTo(400);
                        assertThat(failure.scimType()).isEqualTo("invalidValue");
                    });
        }
        assertThatThrownBy(() -> Sorting.of(UserSchema.SCHEMA, "userName", "up"))
                .isInstanceOfSatisfying(ScimException.class, failure -> assertThat(failure.getMessage()).contains("sortOrder"));
    }
}
