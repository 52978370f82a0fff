package dev.customertokens.application.port.out;

/**
 * The store cannot be reached just now; the request may be retried later. Nothing was changed by it,
 * unless it is the subclass {@link StorageOutcomeUnknownException}.
 */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
