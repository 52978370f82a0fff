package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.StrictJson.JSON;
import static dev.customertokens.adapters.jwt.StrictJson.brief;
import static dev.customertokens.adapters.jwt.StrictJson.invalid;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.TokenClaims;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The payload: exactly the seed's nine claims in the seed's order when written
 * ({@code iss, iat, exp, nbf, jti, sub, prv, application_id, session_id}), then {@code cnf} for a session bound to a
 * key; all nine with their types when read, {@code cnf} when present, and the subject hash and issuer checked.
 */
final class ClaimsJson {

    private static final int ISS = 1;
    private static final int IAT = 1 << 1;
    private static final int EXP = 1 << 2;
    private static final int NBF = 1 << 3;
    private static final int JTI = 1 << 4;
    private static final int SUB = 1 << 5;
    private static final int PRV = 1 << 6;
    private static final int APPLICATION_ID = 1 << 7;
    private static final int SESSION_ID = 1 << 8;
    private static final String[] CLAIM_NAMES =
            {"iss", "iat", "exp", "nbf", "jti", "sub", "prv", "application_id", "session_id"};
    private static final int ALL_CLAIMS = (1 << CLAIM_NAMES.length) - 1;
    /** Bounded, so that tokens naming ever new issuers cannot grow it: past the bound, issuers are parsed each time. */
    private static final int MAX_REMEMBERED_ISSUERS = 256;

    private final String subjectHash;
    private final Set<String> trustedIssuerOrigins;
    private final Map<String, Boolean> issuerVerdicts = new ConcurrentHashMap<>();

    ClaimsJson(String subjectHash, Set<String> trustedIssuerOrigins) {
        this.subjectHash = subjectHash;
        this.trustedIssuerOrigins = trustedIssuerOrigins;
    }

    /** Refuses claims that {@link #read} would refuse, so a misconfiguration shows at issue time. */
    void requireVerifiable(TokenClaims claims) {
        if (claims.iss().isEmpty() || claims.jti().isEmpty() || claims.sub().isEmpty()) {
            throw new IllegalArgumentException("the claims iss, jti and sub must not be empty");
        }
        if (!claims.prv().equals(subjectHash)) {
            throw new IllegalArgumentException("prv '" + claims.prv() + "' is not the configured subject hash");
        }
        if (!isTrustedIssuer(claims.iss())) {
            throw new IllegalArgumentException("iss '" + claims.iss() + "' is not under a trusted issuer origin "
                    + trustedIssuerOrigins);
        }
    }

    static byte[] write(TokenClaims claims) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("iss", claims.iss());
            json.writeNumberField("iat", claims.iat());
            json.writeNumberField("exp", claims.exp());
            json.writeNumberField("nbf", claims.nbf());
            json.writeStringField("jti", claims.jti());
            json.writeStringField("sub", claims.sub());
            json.writeStringField("prv", claims.prv());
            json.writeNumberField("application_id", claims.applicationId());
            json.writeNumberField("session_id", claims.sessionId());
            if (claims.cnfJkt() != null) {
                ConfirmationClaim.write(json, claims.cnfJkt());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: in memory
        }
        return out.toByteArray();
    }

    TokenClaims read(byte[] payloadBytes) throws InvalidTokenException {
        String iss = null;
        String jti = null;
        String sub = null;
        String prv = null;
        long iat = 0;
        long exp = 0;
        long nbf = 0;
        long applicationId = 0;
        long sessionId = 0;
        KeyThumbprint cnfJkt = null;
        int seen = 0;
        try (JsonParser json = JSON.createParser(StrictJson.utf8(payloadBytes, "payload"))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("payload is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "iss" -> {
                        iss = string(json, name);
                        seen |= ISS;
                    }
                    case "iat" -> {
                        iat = integer(json, name);
                        seen |= IAT;
                    }
                    case "exp" -> {
                        exp = integer(json, name);
                        seen |= EXP;
                    }
                    case "nbf" -> {
                        nbf = integer(json, name);
                        seen |= NBF;
                    }
                    case "jti" -> {
                        jti = string(json, name);
                        seen |= JTI;
                    }
                    case "sub" -> {
                        sub = string(json, name);
                        seen |= SUB;
                    }
                    case "prv" -> {
                        prv = string(json, name);
                        seen |= PRV;
                    }
                    case "application_id" -> {
                        applicationId = integer(json, name);
                        seen |= APPLICATION_ID;
                    }
                    case "session_id" -> {
                        sessionId = integer(json, name);
                        seen |= SESSION_ID;
                    }
                    case ConfirmationClaim.NAME -> cnfJkt = ConfirmationClaim.read(json);
                    default -> json.skipChildren(); // other claims are ignored
                }
            }
            StrictJson.requireEnd(json, "payload");
        } catch (JsonProcessingException e) {
            throw invalid("payload is not valid JSON: " + brief(e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid("payload is not valid JSON: " + brief(e.getMessage()));
        }
        if (seen != ALL_CLAIMS) {
            int missing = Integer.numberOfTrailingZeros(~seen & ALL_CLAIMS);
            throw invalid("claim " + CLAIM_NAMES[missing] + " is missing");
        }
        if (!prv.equals(subjectHash)) {
            throw invalid("prv is not the customer subject hash");
        }
        if (!isTrustedIssuer(iss)) {
            throw invalid("iss " + brief(iss) + " is not under a trusted origin");
        }
        return new TokenClaims(iss, iat, nbf, exp, jti, sub, prv, applicationId, sessionId, cnfJkt);
    }

    private boolean isTrustedIssuer(String iss) {
        // a deployment's tokens carry a handful of issuers: remember each verdict rather than parse a URI per token
        Boolean known = issuerVerdicts.get(iss);
        if (known != null) {
            return known;
        }
        Optional<String> origin = IssuerOrigins.originOf(iss);
        boolean trusted = origin.isPresent() && trustedIssuerOrigins.contains(origin.get());
        if (issuerVerdicts.size() < MAX_REMEMBERED_ISSUERS) {
            issuerVerdicts.put(iss, trusted);
        }
        return trusted;
    }

    private static String string(JsonParser json, String name) throws IOException, InvalidTokenException {
        if (json.currentToken() != JsonToken.VALUE_STRING) {
            throw invalid("claim " + name + " is not a string");
        }
        String value = json.getText();
        if (value.isEmpty()) {
            throw invalid("claim " + name + " is empty");
        }
        return value;
    }

    private static long integer(JsonParser json, String name) throws IOException, InvalidTokenException {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw invalid("claim " + name + " is not an integer");
        }
        JsonParser.NumberType type = json.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw invalid("claim " + name + " is out of range");
        }
        return json.getLongValue();
    }
}
