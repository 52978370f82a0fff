package dev.customertokens.application.port.in;

/** The refresh endpoint: trade a token of a live session for its successor. */
public interface RefreshTokenUseCase {

    /**
     * Checks the token and, when the rules allow, rotates its session or replays its successor. Blocks on
     * storage; call it from a worker thread, never an event loop. A grant is returned only once its rotation
     * is durable.
     *
     * @param command the request
     * @return the customer's account, read fresh, and the successor token
     * @throws TokenRefusedException when a rule of CONTRACT 1.2 or 2 refuses the token
     * @throws dev.customertokens.application.port.out.StorageUnavailableException when the store cannot be reached
     */
    TokenGrant refresh(RefreshTokenCommand command);
}
