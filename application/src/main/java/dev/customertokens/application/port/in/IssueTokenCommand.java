package dev.customertokens.application.port.in;

import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.DeviceUuid;

import java.util.Objects;

/** A login, once the customer has been identified: begin a session for them in an application. */
public record IssueTokenCommand(CustomerId customerId, ApplicationKey applicationKey, DeviceUuid deviceUuid) {
    public IssueTokenCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(applicationKey, "applicationKey");
    }
}
