package dev.customertokens.application.port.in;

import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.KeyThumbprint;

import java.util.Objects;

/**
 * A login, once the customer has been identified: begin a session for them in an application.
 *
 * @param deviceUuid the device the session begins on, or null
 * @param dpopJkt    the client key to bind the session to (CONTRACT 2.7), or null for none
 */
public record IssueTokenCommand(CustomerId customerId, ApplicationKey applicationKey, DeviceUuid deviceUuid,
                                KeyThumbprint dpopJkt) {
    public IssueTokenCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(applicationKey, "applicationKey");
    }

    /** A session bound to no key. */
    public IssueTokenCommand(CustomerId customerId, ApplicationKey applicationKey, DeviceUuid deviceUuid) {
        this(customerId, applicationKey, deviceUuid, null);
    }
}
