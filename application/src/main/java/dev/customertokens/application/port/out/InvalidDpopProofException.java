package dev.customertokens.application.port.out;

/** A DPoP proof that cannot be read or whose signature does not verify; the message names the rule, never a key. */
public class InvalidDpopProofException extends Exception {

    public InvalidDpopProofException(String message) {
        super(message, null, false, false);
    }
}
