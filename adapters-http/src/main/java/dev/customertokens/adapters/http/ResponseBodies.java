package dev.customertokens.adapters.http;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.customertokens.application.port.in.TokenGrant;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;

/** Writes the envelopes of CONTRACT 1.3 and 1.4 straight to bytes; the objects inside come from {@link WireJson}. */
final class ResponseBodies {

    private static final SerializableString OK = new SerializedString("OK");

    private ResponseBodies() {
    }

    static Buffer success(TokenGrant grant, ResponseShape shape) {
        return Buffer.buffer(WireJson.bytes(json -> {
            json.writeStartObject();
            json.writeFieldName(WireJson.STATUS);
            json.writeString(OK);
            json.writeFieldName(WireJson.CODE);
            json.writeNumber(200);
            json.writeFieldName(WireJson.DATA);
            json.writeStartObject();
            WireJson.writeGrant(json, grant, shape::includesAccountField, shape::includesTokenField);
            json.writeEndObject();
            json.writeEndObject();
        }, 1024));
    }

    /** {@code {"status":"OK","code":status,"data":{name: …}}}, the answers of the admin API (CONTRACT 5). */
    static Buffer ok(int status, String name, WireJson.Writing value) {
        return data(status, json -> {
            json.writeFieldName(name);
            value.write(json);
        });
    }

    /** {@code {"status":"OK","code":status,"data":{…}}} with the fields {@code fields} writes inside {@code data}. */
    static Buffer data(int status, WireJson.Writing fields) {
        return Buffer.buffer(WireJson.bytes(json -> {
            json.writeStartObject();
            json.writeStringField("status", "OK");
            json.writeNumberField("code", status);
            json.writeObjectFieldStart("data");
            fields.write(json);
            json.writeEndObject();
            json.writeEndObject();
        }, 1024));
    }

    /** As {@link #success}, for a login through the admin API: every field, with its own status code. */
    static Buffer grant(int status, TokenGrant grant) {
        return Buffer.buffer(WireJson.bytes(json -> {
            json.writeStartObject();
            json.writeStringField("status", "OK");
            json.writeNumberField("code", status);
            json.writeObjectFieldStart("data");
            WireJson.writeGrant(json, grant, CustomerAccountJson.EVERY_FIELD, CustomerAccountJson.EVERY_FIELD);
            json.writeEndObject();
            json.writeEndObject();
        }, 1024));
    }

    static Buffer error(int status, String error, String message, Map<String, List<String>> errors) {
        return Buffer.buffer(WireJson.bytes(json -> {
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
        }, 256));
    }
}
