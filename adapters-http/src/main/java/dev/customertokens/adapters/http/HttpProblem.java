package dev.customertokens.adapters.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal decided by the HTTP layer itself (headers, query, token presence, route), carried to the
 * router's failure handler like any use-case exception so that one place writes every error.
 *
 * @param errors what is wrong with each header or query parameter; empty except for 400
 */
final class HttpProblem extends RuntimeException {

    private final int status;
    private final String error;
    private final String humanMessage;
    private final Map<String, List<String>> errors;

    HttpProblem(int status, String error, String humanMessage, Map<String, List<String>> errors) {
        super(error, null, false, false);
        this.status = status;
        this.error = Objects.requireNonNull(error);
        this.humanMessage = Objects.requireNonNull(humanMessage);
        // in the order the problems were found (Map.copyOf would shuffle them)
        this.errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
    }

    HttpProblem(int status, String error, String humanMessage) {
        this(status, error, humanMessage, Map.of());
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String humanMessage() {
        return humanMessage;
    }

    Map<String, List<String>> errors() {
        return errors;
    }
}
