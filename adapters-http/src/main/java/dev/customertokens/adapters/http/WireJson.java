package dev.customertokens.adapters.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The objects of the wire, each written in one place and shared by the refresh endpoint, the admin API
 * (CONTRACT 5) and the command line, which prints exactly what the API answers under {@code data}.
 */
public final class WireJson {

    // thread-safe and costly to build: one for the whole process
    static final JsonFactory JSON = JsonFactory.builder().build();

    // the names every refresh writes, quoted and encoded once
    static final SerializableString STATUS = new SerializedString("status");
    static final SerializableString CODE = new SerializedString("code");
    static final SerializableString DATA = new SerializedString("data");
    private static final SerializableString TOKEN = new SerializedString("token");
    private static final SerializableString TOKEN_VALUE = new SerializedString("value");
    private static final SerializableString TOKEN_TTL = new SerializedString("ttl");
    private static final SerializableString TOKEN_REFRESH_TTL = new SerializedString("refresh_ttl");

    private WireJson() {
    }

    /**
     * {@code {"customer_account":…,"token":…}}: the {@code data} of the refresh 200 and of a login.
     *
     * @param grant what the refresh or login handed out
     * @return the JSON text, every field included
     */
    public static String grantData(TokenGrant grant) {
        return text(json -> {
            json.writeStartObject();
            writeGrant(json, grant, CustomerAccountJson.EVERY_FIELD, CustomerAccountJson.EVERY_FIELD);
            json.writeEndObject();
        });
    }

    /**
     * An application as the admin API answers it: {@code {"id","key","name","enabled"}}.
     *
     * @param application the application
     * @return the JSON text
     */
    public static String application(Application application) {
        return text(json -> writeApplication(json, application));
    }

    /**
     * A session as the admin API lists it, never with a token id:
     * {@code {"id","application_id","device_uuid","started_at","last_rotated_at","rotations","revoked_at","revoked_reason"}}.
     *
     * @param session the session
     * @return the JSON text, times in ISO 8601 UTC or null
     */
    public static String session(Session session) {
        return text(json -> writeSession(json, session));
    }

    /** The fields of {@code data} of a grant, inside an object already started. */
    static void writeGrant(JsonGenerator json, TokenGrant grant, IntPredicate accountFields, IntPredicate tokenFields)
            throws IOException {
        CustomerAccountJson.write(json, grant.customerAccount(), accountFields);
        json.writeFieldName(TOKEN);
        json.writeStartObject();
        if (tokenFields.test(0)) {
            json.writeFieldName(TOKEN_VALUE);
            json.writeString(grant.token());
        }
        if (tokenFields.test(1)) {
            json.writeFieldName(TOKEN_TTL);
            json.writeNumber(grant.ttlMinutes());
        }
        if (tokenFields.test(2)) {
            json.writeFieldName(TOKEN_REFRESH_TTL);
            json.writeNumber(grant.refreshTtlMinutes());
        }
        json.writeEndObject();
    }

    static void writeApplication(JsonGenerator json, Application application) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", application.id().value());
        json.writeStringField("key", application.key().value());
        json.writeStringField("name", application.name());
        json.writeBooleanField("enabled", application.enabled());
        json.writeEndObject();
    }

    /** Never the token ids: a session is listed, not handed out. The key it is bound to is public: a thumbprint. */
    static void writeSession(JsonGenerator json, Session session) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", session.id().value());
        json.writeNumberField("application_id", session.applicationId().value());
        json.writeStringField("device_uuid", session.deviceUuid());
        json.writeStringField("started_at", iso(session.startedAt()));
        json.writeStringField("last_rotated_at", iso(session.rotatedAt()));
        json.writeNumberField("rotations", session.rotations());
        json.writeStringField("revoked_at", iso(session.revokedAt()));
        json.writeStringField("revoked_reason", session.revocationReason() == null ? null
                : session.revocationReason().name().toLowerCase(Locale.ROOT));
        json.writeStringField("dpop_jkt", session.dpopJkt() == null ? null : session.dpopJkt().value());
        json.writeEndObject();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @FunctionalInterface
    interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] bytes(Writing writing, int sizeHint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String text(Writing writing) {
        return new String(bytes(writing, 512), StandardCharsets.UTF_8);
    }
}
