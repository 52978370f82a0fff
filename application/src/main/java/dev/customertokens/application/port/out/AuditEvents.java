package dev.customertokens.application.port.out;

import dev.customertokens.domain.AuditEvent;

/**
 * Where the use cases report what they did to sessions (CONTRACT 4.6). Implementations must be cheap and
 * must not throw: an audit sink that fails never turns a refresh into an error. Embedders implement it
 * to feed their own audit trail.
 */
@FunctionalInterface
public interface AuditEvents {

    /** Reports nothing. */
    AuditEvents NONE = event -> {
    };

    /**
     * Reports one event, on the thread of the use case that made it (a worker thread for a refresh).
     *
     * @param event what happened, never null
     */
    void record(AuditEvent event);

    /**
     * Both this and {@code other}, in that order.
     *
     * @param other the sink that receives each event after this one
     * @return a sink that reports every event to both
     */
    default AuditEvents andThen(AuditEvents other) {
        return event -> {
            record(event);
            other.record(event);
        };
    }
}
