package dev.customertokens.bootstrap;

import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.service.TokenSettings;
import dev.customertokens.domain.DpopRules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The library's configuration, checked (CONTRACT 3): each part is the record of the module that owns its rules.
 * Made by {@link CustomerTokens#builder()}; reading it has no side effect (key files are read, and secrets
 * generated, when the library opens).
 *
 * @param dataFolder              where the embedded default database and the generated secrets live
 * @param database                the database, as the persistence module takes it
 * @param embeddedDefaultDatabase whether {@code database} is the embedded default in {@code dataFolder}, whose
 *                                password is generated and kept there
 * @param keys                    the signing key and the retired ones, as given
 * @param tokens                  the issuers' public URL, the subject hash and the rotation rules
 * @param trustedIssuerOrigins    the origins whose {@code iss} is accepted
 * @param dpop                    the DPoP proof rules (CONTRACT 2.7)
 * @param dpopNonces              whether every DPoP proof must carry a server nonce (CONTRACT 2.7)
 * @param retention               how long housekeeping keeps a revoked session
 */
public record CustomerTokensSettings(Path dataFolder, DatabaseSettings database, boolean embeddedDefaultDatabase,
                                     SigningKeys keys, TokenSettings tokens, Set<String> trustedIssuerOrigins,
                                     DpopRules dpop, boolean dpopNonces, Duration retention) {

    /**
     * Checks that every part is given, and keeps an unmodifiable copy of the origins.
     *
     * @param dataFolder              the data folder, not null
     * @param database                the database, not null
     * @param embeddedDefaultDatabase whether it is the embedded default
     * @param keys                    the token keys, not null
     * @param tokens                  the token settings, not null
     * @param trustedIssuerOrigins    the trusted origins, not null
     * @param dpop                    the DPoP rules, not null
     * @param dpopNonces              whether proofs need a server nonce
     * @param retention               how long a revoked session is kept, not null
     * @throws NullPointerException if a part is null
     */
    public CustomerTokensSettings {
        Objects.requireNonNull(dataFolder, "dataFolder");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(tokens, "tokens");
        trustedIssuerOrigins = Set.copyOf(trustedIssuerOrigins);
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(retention, "retention");
    }

    /**
     * With the keys given (resolved, once the library opens).
     *
     * @param resolved the keys to run with
     * @return new settings, the rest unchanged
     */
    public CustomerTokensSettings withKeys(SigningKeys resolved) {
        return new CustomerTokensSettings(dataFolder, database, embeddedDefaultDatabase, resolved, tokens,
                trustedIssuerOrigins, dpop, dpopNonces, retention);
    }

    /**
     * With another database configuration (a command's smaller pool, say).
     *
     * @param other the database to open instead
     * @return new settings, the rest unchanged
     */
    public CustomerTokensSettings withDatabase(DatabaseSettings other) {
        return new CustomerTokensSettings(dataFolder, other, embeddedDefaultDatabase, keys, tokens,
                trustedIssuerOrigins, dpop, dpopNonces, retention);
    }
}
