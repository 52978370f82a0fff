package dev.customertokens.application.port.out;

/** The store cannot be reached just now; the request may be retried later and nothing was changed by it. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
