package dev.customertokens.application.port.out;

/** Fresh, unguessable token ids ({@code jti}), at least 96 bits of entropy each. */
@FunctionalInterface
public interface TokenIdGenerator {

    /**
     * A new token id; safe to call from many threads at once.
     *
     * @return a fresh id with at least 96 bits of entropy
     */
    String newTokenId();
}
