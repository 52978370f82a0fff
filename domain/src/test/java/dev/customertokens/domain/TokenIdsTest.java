package dev.customertokens.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIdsTest {

    @Test
    void an_id_carries_its_issue_time_to_the_millisecond_and_96_random_bits() {
        Instant issued = Instant.parse("2026-12-07T19:12:34.567Z");
        byte[] random = new byte[TokenIds.RANDOM_BYTES];
        random[11] = 42;
        String id = TokenIds.of(issued, random);
        assertThat(id).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(TokenIds.issuedAt(id)).contains(issued);
        assertThat(TokenIds.of(issued, new byte[TokenIds.RANDOM_BYTES])).isNotEqualTo(id);
    }

    @Test
    void an_id_of_another_form_says_nothing_of_its_time() {
        assertThat(TokenIds.issuedAt("aeU-99mDlHy1kXQlvj98vA")).as("22 characters, before ids carried time").isEmpty();
        assertThat(TokenIds.issuedAt("not base64url at all!!!!")).isEmpty();
        assertThat(TokenIds.issuedAt(null)).isEmpty();
        assertThatThrownBy(() -> TokenIds.of(Instant.now(), new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
