package dev.customertokens.adapters.persistence;

/**
 * A service refused on an embedded H2 file because another service has it open ({@link DatabaseSettings#service()}):
 * two would each take the other's commits for durable. The message names the one running (its pid and start time).
 */
public final class ServiceAlreadyRunningException extends IllegalStateException {

    /** @param message what runs on the file, and what to do */
    public ServiceAlreadyRunningException(String message) {
        super(message);
    }
}
