package dev.customertokens.application.port.in;

import java.util.List;

/** Begins a session, as a login does after it has identified the customer. */
public interface IssueTokenUseCase {

    /** @throws TokenRefusedException for an unknown or disabled application, or an unknown or inactive customer */
    TokenGrant issue(IssueTokenCommand command);

    /**
     * Begins {@code count} sessions of one customer at once (load tests, demos), stored together: far
     * cheaper than {@code count} calls of {@link #issue}.
     *
     * @throws TokenRefusedException as {@link #issue}, before any session is begun
     */
    List<TokenGrant> issueAll(IssueTokenCommand command, int count);

    /**
     * Begins one session for each command, of any customers and applications, stored together: how a load
     * test or an import begins a million sessions spread over many customers. The grants come in the
     * commands' order.
     *
     * @throws TokenRefusedException as {@link #issue}, for the first command refused, before any session is begun
     */
    List<TokenGrant> issueAll(List<IssueTokenCommand> commands);
}
