package dev.customertokens.application.port.in;

import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.KeyThumbprint;

import java.util.Objects;

/**
 * A login, once the customer has been identified: begin a session for them in an application.
 *
 * @param customerId     the customer who logged in
 * @param applicationKey the key of the application they logged in through
 * @param deviceUuid     the device the session begins on, or null
 * @param dpopJkt        the client key to bind the session to (CONTRACT 2.7), or null for none
 */
public record IssueTokenCommand(CustomerId customerId, ApplicationKey applicationKey, DeviceUuid deviceUuid,
                                KeyThumbprint dpopJkt) {
    /**
     * Checks that the customer and the application are named.
     *
     * @param customerId     the customer, not null
     * @param applicationKey the application's key, not null
     * @param deviceUuid     the device, or null
     * @param dpopJkt        the client key to bind the session to, or null
     * @throws NullPointerException if {@code customerId} or {@code applicationKey} is null
     */
    public IssueTokenCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(applicationKey, "applicationKey");
    }

    /**
     * A session bound to no key.
     *
     * @param customerId     the customer, not null
     * @param applicationKey the application's key, not null
     * @param deviceUuid     the device, or null
     * @throws NullPointerException if {@code customerId} or {@code applicationKey} is null
     */
    public IssueTokenCommand(CustomerId customerId, ApplicationKey applicationKey, DeviceUuid deviceUuid) {
        this(customerId, applicationKey, deviceUuid, null);
    }
}
