package dev.customertokens.application.port.in;

/** Begins a session, as a login does after it has identified the customer. */
public interface IssueTokenUseCase {

    /** @throws TokenRefusedException for an unknown or disabled application, or an unknown or inactive customer */
    TokenGrant issue(IssueTokenCommand command);
}
