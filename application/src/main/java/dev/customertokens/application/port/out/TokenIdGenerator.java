package dev.customertokens.application.port.out;

/** Fresh, unguessable token ids ({@code jti}), at least 96 bits of entropy each. */
@FunctionalInterface
public interface TokenIdGenerator {

    String newTokenId();
}
