package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.StrictJson.invalid;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.domain.KeyThumbprint;
import java.io.IOException;

/**
 * The {@code cnf} claim of a bound session's tokens (RFC 7800, RFC 9449 6.1; CONTRACT 2.7): exactly
 * {@code {"jkt":"<thumbprint>"}}. Read strictly: this service issues no other confirmation method, so any other
 * shape is a token it did not issue.
 */
final class ConfirmationClaim {

    static final String NAME = "cnf";

    private ConfirmationClaim() {
    }

    static void write(JsonGenerator json, KeyThumbprint jkt) throws IOException {
        json.writeObjectFieldStart(NAME);
        json.writeStringField("jkt", jkt.value());
        json.writeEndObject();
    }

    /** Reads the value the parser stands on. */
    static KeyThumbprint read(JsonParser json) throws IOException, InvalidTokenException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw invalid("claim cnf is not an object");
        }
        String jkt = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            if (!name.equals("jkt")) {
                throw invalid("claim cnf holds something other than jkt");
            }
            if (json.currentToken() != JsonToken.VALUE_STRING) {
                throw invalid("claim cnf.jkt is not a string");
            }
            jkt = json.getText();
        }
        if (jkt == null) {
            throw invalid("claim cnf has no jkt");
        }
        if (!KeyThumbprint.isWellFormed(jkt)) {
            throw invalid("claim cnf.jkt is not a key thumbprint");
        }
        return KeyThumbprint.of(jkt);
    }
}
