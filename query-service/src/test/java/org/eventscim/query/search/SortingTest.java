package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.GroupSchema;
import org.eventscim.query.index.UserSchema;
import org.junit.jupiter.api.Test;

class SortingTest {

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
