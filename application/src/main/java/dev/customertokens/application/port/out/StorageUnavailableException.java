package dev.customertokens.application.port.out;

/**
 * The store cannot be reached just now; the request may be retried later. Nothing was changed by it,
 * unless it is the subclass {@link StorageOutcomeUnknownException}.
 */
public class StorageUnavailableException extends RuntimeException {

    /**
     * A store that cannot be reached; the refresh answers 503 {@code unavailable}.
     *
     * @param message what failed, for logs
     * @param cause   the store's own failure, or null
     */
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
