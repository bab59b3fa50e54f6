package org.eventscim.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetadataTenantTest {

    @Test
    void readsTheTenantFieldWhereverItStands() {
        assertThat(tenant("{\"actorId\":\"t\",\"nested\":{\"tenant\":\"no\"},\"tenant\":\"acme\"}")).isEqualTo("acme");
    }

    @Test
    void metadataWithoutATenantBelongsToTheChainOfNone() {
        assertThat(tenant("{\"actorId\":\"t\"}")).isEqualTo(MetadataTenant.NONE);
        assertThat(tenant("not json")).isEqualTo(MetadataTenant.NONE);
        assertThat(MetadataTenant.of(null)).isEqualTo(MetadataTenant.NONE);
    }

    private static String tenant(String json) {
        return MetadataTenant.of(json.getBytes(StandardCharsets.UTF_8));
    }
}
