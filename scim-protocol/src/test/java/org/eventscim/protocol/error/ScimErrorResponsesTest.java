package org.eventscim.protocol.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

/** RFC 7231 §7.1.3: a 503 says when to retry; other errors do not. */
class ScimErrorResponsesTest {

    private static final ScimException UNAVAILABLE =
            new ScimException(HttpStatus.SERVICE_UNAVAILABLE, null, "The read model is unavailable; retry later.");

    @Test
    void aServiceUnavailableAnswerCarriesRetryAfterAndTheScimBody() {
        var response = ScimErrorResponses.entity(UNAVAILABLE);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(response.getBody().status()).isEqualTo("503");
    }

    @Test
    void aFilterWritesRetryAfterWithA503Too() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ScimErrorResponses.write(response, new ObjectMapper(), UNAVAILABLE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    @Test
    void otherErrorsSayNothingAboutRetrying() {
        assertThat(ScimErrorResponses.entity(ScimException.notFound("No such user.")).getHeaders().containsKey("Retry-After"))
                .isFalse();
    }
}
