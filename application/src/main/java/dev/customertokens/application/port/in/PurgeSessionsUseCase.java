package dev.customertokens.application.port.in;

/** Housekeeping (CONTRACT 4.4): deletes the sessions whose refresh window has ended or that were revoked long ago. */
public interface PurgeSessionsUseCase {

    /**
     * Deletes every such session now, in batches; safe while other nodes do the same.
     *
     * @return how many sessions were deleted
     */
    long purge();
}
