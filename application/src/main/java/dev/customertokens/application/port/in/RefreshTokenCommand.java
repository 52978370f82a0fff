package dev.customertokens.application.port.in;

import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.RequestId;

import java.util.Objects;

/**
 * A refresh request, already past the wire's header rules.
 *
 * @param deviceUuid the device reported by the client, or null
 */
public record RefreshTokenCommand(String bearerToken, ApplicationKey applicationKey, RequestId requestId,
                                  DeviceUuid deviceUuid) {
    public RefreshTokenCommand {
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(applicationKey, "applicationKey");
        Objects.requireNonNull(requestId, "requestId");
        if (bearerToken.isBlank()) {
            throw new IllegalArgumentException("bearer token must not be blank");
        }
    }
}
