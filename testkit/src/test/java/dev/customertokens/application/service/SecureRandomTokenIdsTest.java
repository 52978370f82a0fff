package dev.customertokens.application.service;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Token ids (CONTRACT 2.1: at least 96 bits of entropy): 128 random bits, never repeated across threads. */
class SecureRandomTokenIdsTest {

    @Test
    void ids_are_22_base64url_characters_and_distinct_across_threads() throws Exception {
        SecureRandomTokenIds ids = new SecureRandomTokenIds();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    seen.add(ids.newTokenId());
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(40_000).allMatch(id -> id.matches("[A-Za-z0-9_-]{22}"));
    }
}
