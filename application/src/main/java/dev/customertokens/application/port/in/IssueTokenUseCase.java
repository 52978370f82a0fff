package dev.customertokens.application.port.in;

import java.util.List;

/**
 * Begins a session, as a login does after it has identified the customer. It blocks on storage; the session is
 * durable before a grant is returned.
 */
public interface IssueTokenUseCase {

    /**
     * Begins one session and signs its first token.
     *
     * @param command who logs in, through which application
     * @return the customer's account and the first token, with the configured lifetimes in minutes
     * @throws TokenRefusedException for an unknown or disabled application, or an unknown or inactive customer
     */
    TokenGrant issue(IssueTokenCommand command);

    /**
     * Begins {@code count} sessions of one customer at once (load tests, demos), stored together: far
     * cheaper than {@code count} calls of {@link #issue}.
     *
     * @param command who logs in, through which application
     * @param count   how many sessions, at least 1
     * @return one grant per session
     * @throws TokenRefusedException as {@link #issue}, before any session is begun
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    List<TokenGrant> issueAll(IssueTokenCommand command, int count);

    /**
     * Begins one session for each command, of any customers and applications, stored together: how a load
     * test or an import begins a million sessions spread over many customers. The grants come in the
     * commands' order.
     *
     * @param commands the logins, at least one
     * @return one grant per command, in the commands' order
     * @throws TokenRefusedException as {@link #issue}, for the first command refused, before any session is begun
     * @throws IllegalArgumentException if {@code commands} is empty
     */
    List<TokenGrant> issueAll(List<IssueTokenCommand> commands);
}
