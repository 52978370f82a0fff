package dev.customertokens.application.port.out;

import java.time.Instant;

/**
 * Fresh, unguessable token ids ({@code jti}): the domain's {@code TokenIds} form, at least 96 random bits each,
 * with the millisecond the token is issued.
 */
@FunctionalInterface
public interface TokenIdGenerator {

    /**
     * A new token id; safe to call from many threads at once.
     *
     * @param issuedAt when the token that carries the id is issued, not null
     * @return a fresh id, never returned before, with at least 96 bits of entropy
     */
    String newTokenId(Instant issuedAt);
}
