package org.eventscim.command.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    @Test
    void aHashMatchesItsPasswordOnlyAndNeverContainsIt() {
        String hash = PasswordHashes.hash("correct horse battery staple");

        assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain("correct horse");
        assertThat(PasswordHashes.matches("correct horse battery staple", hash)).isTrue();
        assertThat(PasswordHashes.matches("Correct horse battery staple", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHashes.hash("secret")).isNotEqualTo(PasswordHashes.hash("secret"));
    }

    @Test
    void malformedOrMissingHashesMatchNothing() {
        assertThat(PasswordHashes.matches("secret", null)).isFalse();
        assertThat(PasswordHashes.matches("secret", "plain")).isFalse();
    }
}
