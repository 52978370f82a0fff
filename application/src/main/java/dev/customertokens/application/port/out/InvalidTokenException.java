package dev.customertokens.application.port.out;

/** A token that is not a well-formed, correctly signed customer token. The message is for logs, never the wire. */
public class InvalidTokenException extends Exception {

    /**
     * A refusal without a stack trace: it is an answer, not a fault.
     *
     * @param message what is wrong, for logs; never a token or a key
     */
    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
