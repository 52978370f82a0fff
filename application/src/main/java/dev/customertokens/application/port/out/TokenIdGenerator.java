package dev.customertokens.application.port.out;

import java.time.Instant;

/**
 * Fresh, unguessable token ids ({@code jti}): the domain's {@code TokenIds} form, at least 96 random bits each,
 * with the millisecond the token is issued.
 */
@FunctionalInterface
public interface TokenIdGenerator {

    /**
     * @param issuedAt when the token that carries the id is issued
     * @return a new id, never returned before
     */
    String newTokenId(Instant issuedAt);
}
