package dev.customertokens.adapters.http;

import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.SessionId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything wrong with one admin request's path and body (CONTRACT 5), collected so that one 400
 * {@code invalid_body} names each field at fault. Each reader returns the value, or null having
 * noted the problem.
 */
final class AdminRequestFields {

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    void add(String field, String problem) {
        List<String> each = problems.computeIfAbsent(field, f -> new ArrayList<>(1));
        if (!each.contains(problem)) {
            each.add(problem);
        }
    }

    boolean ok() {
        return problems.isEmpty();
    }

    boolean failIfAny(RoutingContext ctx) {
        if (problems.isEmpty()) {
            return false;
        }
        ctx.fail(new HttpProblem(400, "invalid_body", "The request is invalid", problems));
        return true;
    }

    <T> T wrongType(String field, String problem) {
        add(field, problem);
        return null;
    }

    JsonObject object(RequestBody body) {
        Buffer buffer = body == null ? null : body.buffer();
        if (buffer == null || buffer.length() == 0) {
            return wrongType("body", "required, a JSON object");
        }
        try {
            Object value = Json.decodeValue(buffer);
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (DecodeException | IllegalArgumentException e) {
            return wrongType("body", "not valid JSON");
        }
        return wrongType("body", "must be a JSON object");
    }

    void onlyKnown(JsonObject body, Set<String> known) {
        for (String name : body.fieldNames()) {
            if (!known.contains(name)) {
                add(name, "unknown field");
            }
        }
    }

    ApplicationId applicationId(String raw) {
        Long value = positive(raw);
        return value == null ? wrongType("id", "must be a positive integer") : ApplicationId.of(value);
    }

    SessionId sessionId(String raw) {
        Long value = positive(raw);
        return value == null ? wrongType("id", "must be a positive integer") : SessionId.of(value);
    }

    private static Long positive(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long value = Long.parseLong(raw);
        return value > 0 ? value : null;
    }

    CustomerId customerId(String field, String raw) {
        return CustomerId.isValid(raw) ? CustomerId.of(raw)
                : wrongType(field, "must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
    }

    ApplicationKey applicationKey(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String s)) {
            return wrongType(field, "required, a string");
        }
        return ApplicationKey.isWellFormed(s) ? ApplicationKey.of(s)
                : wrongType(field, "must be 32 lowercase hex characters");
    }

    String requiredString(JsonObject body, String field, int maxLength) {
        Object value = body.getValue(field);
        if (!(value instanceof String s)) {
            return wrongType(field, "required, a string");
        }
        if (s.isBlank() || s.length() > maxLength) {
            return wrongType(field, "must be 1 to " + maxLength + " characters, not blank");
        }
        return s;
    }

    Boolean requiredBoolean(JsonObject body, String field) {
        Object value = body.getValue(field);
        return value instanceof Boolean b ? b : wrongType(field, "required, true or false");
    }

    /** The client key a session is bound to (CONTRACT 2.7); absent or null for none. */
    KeyThumbprint dpopJkt(JsonObject body) {
        Object value = body.getValue("dpop_jkt");
        if (value == null) {
            return null;
        }
        if (value instanceof String s && KeyThumbprint.isWellFormed(s)) {
            return KeyThumbprint.of(s);
        }
        return wrongType("dpop_jkt", "must be the client key's RFC 7638 SHA-256 thumbprint (43 base64url characters), "
                + "or null");
    }

    DeviceUuid deviceUuid(JsonObject body) {
        Object value = body.getValue("device_uuid");
        if (value == null) {
            return null;
        }
        if (value instanceof String s && DeviceUuid.isWellFormed(s)) {
            return DeviceUuid.of(s);
        }
        return wrongType("device_uuid", "must be 1 to " + DeviceUuid.MAX_LENGTH + " printable characters, or null");
    }
}
