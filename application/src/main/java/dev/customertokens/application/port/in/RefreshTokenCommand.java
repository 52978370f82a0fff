package dev.customertokens.application.port.in;

import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.RequestId;

import java.util.List;
import java.util.Objects;

/**
 * A refresh request, already past the wire's header rules.
 *
 * @param bearerToken    the token presented, as it came after the scheme
 * @param applicationKey the {@code Application} header
 * @param requestId      the {@code X-Request-ID} header, which tells a retry from reuse
 * @param deviceUuid     the device reported by the client, or null
 * @param scheme         the {@code Authorization} scheme the token came with
 * @param dpopProofs     every {@code DPoP} header of the request, in order: none, one, or (refused) more
 */
public record RefreshTokenCommand(String bearerToken, ApplicationKey applicationKey, RequestId requestId,
                                  DeviceUuid deviceUuid, AuthorizationScheme scheme, List<String> dpopProofs) {
    /**
     * Checks the components and keeps an unmodifiable copy of the proofs.
     *
     * @param bearerToken    the token presented, not null or blank
     * @param applicationKey the application's key, not null
     * @param requestId      the request's id, not null
     * @param deviceUuid     the device, or null
     * @param scheme         the {@code Authorization} scheme, not null
     * @param dpopProofs     the {@code DPoP} headers, possibly empty; not null, and no element null
     * @throws NullPointerException     if a component other than {@code deviceUuid} is null, or a proof is
     * @throws IllegalArgumentException if {@code bearerToken} is blank
     */
    public RefreshTokenCommand {
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(applicationKey, "applicationKey");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(scheme, "scheme");
        dpopProofs = List.copyOf(dpopProofs);
        if (bearerToken.isBlank()) {
            throw new IllegalArgumentException("bearer token must not be blank");
        }
    }

    /**
     * A token with the {@code Bearer} scheme and no proof.
     *
     * @param bearerToken    the token presented, not null or blank
     * @param applicationKey the application's key, not null
     * @param requestId      the request's id, not null
     * @param deviceUuid     the device, or null
     * @throws NullPointerException     if a component other than {@code deviceUuid} is null
     * @throws IllegalArgumentException if {@code bearerToken} is blank
     */
    public RefreshTokenCommand(String bearerToken, ApplicationKey applicationKey, RequestId requestId,
                               DeviceUuid deviceUuid) {
        this(bearerToken, applicationKey, requestId, deviceUuid, AuthorizationScheme.BEARER, List.of());
    }
}
