package dev.customertokens.bootstrap;

/** A configuration that cannot work; its message tells the operator what to change. */
final class ConfigurationException extends RuntimeException {

    ConfigurationException(String message) {
        super(message);
    }
}
