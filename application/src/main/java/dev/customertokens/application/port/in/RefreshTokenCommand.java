package dev.customertokens.application.port.in;

import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.RequestId;

import java.util.List;
import java.util.Objects;

/**
 * A refresh request, already past the wire's header rules.
 *
 * @param deviceUuid the device reported by the client, or null
 * @param scheme     the {@code Authorization} scheme the token came with
 * @param dpopProofs every {@code DPoP} header of the request, in order: none, one, or (refused) more
 */
public record RefreshTokenCommand(String bearerToken, ApplicationKey applicationKey, RequestId requestId,
                                  DeviceUuid deviceUuid, AuthorizationScheme scheme, List<String> dpopProofs) {
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

    /** A token with the {@code Bearer} scheme and no proof. */
    public RefreshTokenCommand(String bearerToken, ApplicationKey applicationKey, RequestId requestId,
                               DeviceUuid deviceUuid) {
        this(bearerToken, applicationKey, requestId, deviceUuid, AuthorizationScheme.BEARER, List.of());
    }
}
