package dev.customertokens.application.port.out;

/**
 * A write was made but the store could not confirm in time that it is durable: it may or may not survive
 * a crash. Unlike its parent, this does not promise that nothing changed. Retrying is still safe: a
 * refresh retried with the same token and {@code X-Request-ID} gets the rotation it may have missed.
 */
public class StorageOutcomeUnknownException extends StorageUnavailableException {

    /**
     * A write whose durability could not be confirmed.
     *
     * @param message what was not confirmed, for logs
     * @param cause   the store's own failure, or null
     */
    public StorageOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
