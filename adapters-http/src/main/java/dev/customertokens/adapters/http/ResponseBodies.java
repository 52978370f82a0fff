package dev.customertokens.adapters.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes the bodies of CONTRACT 1.3 and 1.4 straight to bytes, in the seed's field order. */
final class ResponseBodies {

    // thread-safe and costly to build: one for the whole process
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ResponseBodies() {
    }

    static Buffer success(TokenGrant grant, ResponseShape shape) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("status", "OK");
            json.writeNumberField("code", 200);
            json.writeObjectFieldStart("data");
            writeAccount(json, grant.customerAccount(), shape);
            json.writeObjectFieldStart("token");
            if (shape.includesTokenField(0)) {
                json.writeStringField("value", grant.token());
            }
            if (shape.includesTokenField(1)) {
                json.writeNumberField("ttl", grant.ttlMinutes());
            }
            if (shape.includesTokenField(2)) {
                json.writeNumberField("refresh_ttl", grant.refreshTtlMinutes());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(bytes.toByteArray());
    }

    private static void writeAccount(JsonGenerator json, CustomerAccount a, ResponseShape shape) throws IOException {
        json.writeObjectFieldStart("customer_account");
        int field = 0;
        if (shape.includesAccountField(field++)) {
            json.writeStringField("id", a.id().value());
        }
        if (shape.includesAccountField(field++)) {
            json.writeNumberField("type_id", a.typeId());
        }
        if (shape.includesAccountField(field++)) {
            json.writeStringField("first_name", a.firstName());
        }
        if (shape.includesAccountField(field++)) {
            json.writeStringField("last_name", a.lastName());
        }
        if (shape.includesAccountField(field++)) {
            json.writeStringField("email", a.email());
        }
        if (shape.includesAccountField(field++)) {
            json.writeBooleanField("confirmed", a.confirmed());
        }
        if (shape.includesAccountField(field++)) {
            json.writeStringField("phone_number", a.phoneNumber());
        }
        if (shape.includesAccountField(field++)) {
            json.writeStringField("locale", a.locale());
        }
        if (shape.includesAccountField(field++)) {
            json.writeNumberField("state", a.state());
        }
        if (shape.includesAccountField(field++)) {
            // stored as the JSON array text it was imported as, validated on import
            json.writeFieldName("demographics");
            json.writeRawValue(a.demographicsJson());
        }
        if (shape.includesAccountField(field++)) {
            json.writeNumberField("optin_status_email", a.optinStatusEmail());
        }
        if (shape.includesAccountField(field++)) {
            json.writeNumberField("optin_status_pn", a.optinStatusPn());
        }
        if (shape.includesAccountField(field++)) {
            json.writeBooleanField("has_pending_email_change", a.hasPendingEmailChange());
        }
        if (shape.includesAccountField(field++)) {
            json.writeBooleanField("has_pending_phone_number_change", a.hasPendingPhoneNumberChange());
        }
        if (shape.includesAccountField(field)) {
            json.writeBooleanField("is_social", a.isSocial());
        }
        json.writeEndObject();
    }

    static Buffer error(int status, String error, String message, Map<String, List<String>> errors) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("status", "ERROR");
            json.writeNumberField("code", status);
            json.writeStringField("error", error);
            json.writeStringField("message", message);
            if (status == 400) {
                json.writeObjectFieldStart("errors");
                for (Map.Entry<String, List<String>> entry : errors.entrySet()) {
                    json.writeArrayFieldStart(entry.getKey());
                    for (String problem : entry.getValue()) {
                        json.writeString(problem);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(bytes.toByteArray());
    }
}
