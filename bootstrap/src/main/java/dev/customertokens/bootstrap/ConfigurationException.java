package dev.customertokens.bootstrap;

/**
 * A configuration that cannot work: a setting out of range, a key file that cannot be read, a data folder
 * that cannot be prepared. Its message says what to change, naming the setting as the builder and the
 * command line name it, and never shows a secret.
 */
public final class ConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * A configuration that cannot work.
     *
     * @param message what to change, naming the setting; never a secret
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
