package dev.customertokens.application.port.out;

/** A DPoP proof that cannot be read or whose signature does not verify; the message names the rule, never a key. */
public class InvalidDpopProofException extends Exception {

    /**
     * A refusal without a stack trace: it is an answer, not a fault.
     *
     * @param message the rule the proof breaks, fit for the client
     */
    public InvalidDpopProofException(String message) {
        super(message, null, false, false);
    }
}
