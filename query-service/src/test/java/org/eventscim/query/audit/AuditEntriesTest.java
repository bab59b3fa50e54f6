package org.eventscim.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditEntriesTest {

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        assertThat(AuditEntries.field("plain")).isEqualTo("plain");
        assertThat(AuditEntries.field(null)).isEmpty();
        assertThat(AuditEntries.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditEntries.field("[{\"attribute\":\"title\"}]")).isEqualTo("\"[{\"\"attribute\"\":\"\"title\"\"}]\"");
        assertThat(AuditEntries.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
    }
}
