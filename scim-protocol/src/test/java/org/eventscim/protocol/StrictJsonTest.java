package org.eventscim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private final ObjectMapper base = new ObjectMapper();
    private final ObjectMapper strict = StrictJson.of(base);

    @Test
    void aKeyGivenTwiceOrAnythingAfterTheDocumentIsRefused() throws Exception {
        assertThatThrownBy(() -> strict.readTree("{\"userName\":\"a\",\"userName\":\"b\"}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> strict.readTree("{\"userName\":\"a\"}}")).isInstanceOf(JsonProcessingException.class);
        assertThat(strict.readTree("{\"userName\":\"a\"}").path("userName").asText()).isEqualTo("a");
    }

    @Test
    void theBaseMapperIsLeftAsItWas() throws Exception {
        assertThat(base.readTree("{\"a\":1,\"a\":2}").path("a").asInt()).isEqualTo(2);
    }
}
