package dev.customertokens.application.port.out;

/** A token that is not a well-formed, correctly signed customer token. The message is for logs, never the wire. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
