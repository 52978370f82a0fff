package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.StrictJson.JSON;
import static dev.customertokens.adapters.jwt.StrictJson.brief;
import static dev.customertokens.adapters.jwt.StrictJson.invalid;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.customertokens.application.port.out.InvalidTokenException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JOSE header: written as {@code {"typ":"JWT","alg":…[,"kid":…]}}, read for {@code alg} and {@code kid} only.
 *
 * @param alg the {@code alg} member, never {@code null}
 * @param kid the {@code kid} member, {@code null} when absent
 */
record JwsHeader(String alg, String kid) {

    /**
     * The header of issued tokens, exactly {@code {"typ":"JWT","alg":"HS256"}} (the seed's) with {@code ,"kid":…}
     * appended when the signing key has an id.
     */
    static byte[] render(String alg, String kid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("typ", "JWT");
            json.writeStringField("alg", alg);
            if (kid != null) {
                json.writeStringField("kid", kid);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: in memory
        }
        return out.toByteArray();
    }

    /**
     * Reads {@code alg} and {@code kid}. Refuses a header that is not one UTF-8 JSON object (duplicate names
     * included), an {@code alg} or {@code kid} that is not a string, a missing {@code alg}, and the members that
     * would let a token choose how it is checked: {@code crit} (extensions we would have to understand) and
     * {@code jku}, {@code jwk}, {@code x5u}, {@code x5c} (a key or a place to fetch one, named by the token itself).
     */
    static JwsHeader parse(byte[] headerBytes) throws InvalidTokenException {
        String alg = null;
        String kid = null;
        try (JsonParser json = JSON.createParser(StrictJson.utf8(headerBytes, "header"))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("header is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "alg" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw invalid("header alg is not a string");
                        }
                        alg = json.getText();
                    }
                    case "kid" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw invalid("header kid is not a string");
                        }
                        kid = json.getText();
                    }
                    case "crit" -> throw invalid("header has crit, which is not supported");
                    case "jku", "jwk", "x5u", "x5c" -> throw invalid("header has " + name
                            + ": a token never names its own key");
                    default -> json.skipChildren();
                }
            }
            StrictJson.requireEnd(json, "header");
        } catch (JsonProcessingException e) {
            throw invalid("header is not valid JSON: " + brief(e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid("header is not valid JSON: " + brief(e.getMessage()));
        }
        if (alg == null) {
            throw invalid("header has no alg");
        }
        return new JwsHeader(alg, kid);
    }
}
