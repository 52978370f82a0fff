package dev.customertokens.application.service;

import dev.customertokens.domain.TokenIds;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Token ids (CONTRACT 2.1: at least 96 bits of entropy): 96 random bits and the issue time, never repeated. */
class SecureRandomTokenIdsTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00.123Z");

    @Test
    void ids_are_24_base64url_characters_carrying_their_issue_time_and_distinct_across_threads() throws Exception {
        SecureRandomTokenIds ids = new SecureRandomTokenIds();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    seen.add(ids.newTokenId(ISSUED));
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(40_000).allMatch(id -> id.matches("[A-Za-z0-9_-]{24}"))
                .allMatch(id -> TokenIds.issuedAt(id).orElseThrow().equals(ISSUED));
    }
}
