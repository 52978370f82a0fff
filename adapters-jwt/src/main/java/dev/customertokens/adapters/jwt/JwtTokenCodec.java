package dev.customertokens.adapters.jwt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.application.port.out.TokenCodec;
import dev.customertokens.domain.TokenClaims;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWS;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link TokenCodec} of customer tokens: compact JWS with an HMAC ({@code HS256} by default), signed and verified
 * with vertx-auth-jwt's {@link JWS}/{@link JWK}, around a strict parse of our own (CONTRACT 2.1, 1.4
 * {@code token_invalid}).
 *
 * <h2>Issued tokens</h2>
 * The header is exactly {@code {"typ":"JWT","alg":"HS256"}} (the seed's), with {@code ,"kid":"<id>"} appended when the
 * signing key has an id. The payload is exactly the seed's nine claims in the seed's order:
 * {@code iss, iat, exp, nbf, jti, sub, prv, application_id, session_id}, integers as JSON numbers, nothing else.
 * {@link #sign} refuses (with {@link IllegalArgumentException}) claims that {@link #verify} would refuse, so a
 * misconfiguration shows at issue time rather than as tokens nobody can refresh.
 *
 * <h2>Which key verifies a token (the kid rule)</h2>
 * <ul>
 *   <li>A token with a {@code kid} header is verified with the key of that id only; an unknown id is invalid.</li>
 *   <li>A token without {@code kid} is verified with the keys <em>without</em> id, tried in configuration order;
 *       when no key lacks an id, it is invalid. There is no fallback to the signing key or to keys with an id.</li>
 * </ul>
 * Rotating a key therefore goes: add the new key with an id and make it the signing key, keep the old key listed
 * (with its id, or without one if it never had one) for as long as tokens signed with it must keep working
 * (the refresh TTL), then remove it.
 *
 * <h2>What {@link #verify} refuses</h2>
 * Checked in this order, every failure an {@link InvalidTokenException} (never anything else, whatever the input):
 * longer than {@value #MAX_TOKEN_LENGTH} characters (before any parsing); not exactly three dot-separated, non-empty
 * segments; a segment that is not strict base64url (padding, whitespace, {@code +} or {@code /}, non-zero trailing
 * bits); a header that is not one UTF-8 JSON object (duplicate names included); {@code alg} missing, not a string,
 * {@code none} in any case, or not the configured algorithm (compared exactly); {@code kid} not a string or unknown;
 * a {@code crit} header; a signature that does not match (compared in constant time by {@link JWS#verify}); a payload
 * that is not one UTF-8 JSON object (duplicate names included); any of the nine claims missing or of the wrong type
 * ({@code iss, jti, sub, prv} non-empty strings; {@code iat, nbf, exp, application_id, session_id} JSON integers
 * within {@code long}: no fraction or exponent, no strings, booleans or null); {@code prv} other than the subject hash;
 * {@code iss} whose {@linkplain IssuerOrigins#originOf origin} is not trusted. Claims beyond the nine are ignored.
 * Times are <em>not</em> checked: the domain does that (an expired token stays refreshable).
 *
 * <h2>Threads and cost</h2>
 * Immutable after construction and safe to share: every key is parsed once, here. Per call, {@code sign} and
 * {@code verify} compute one HMAC (one per candidate key for a token without {@code kid}) and a streaming JSON
 * read or write. Vert.x's {@link JWS} serializes its HMAC on the key's {@code Mac} with a monitor, held for the
 * one-microsecond HMAC.
 */
public final class JwtTokenCodec implements TokenCodec {

    /** The longest token looked at, in characters (8 KiB). */
    public static final int MAX_TOKEN_LENGTH = 8192;

    private static final int MAX_JSON_NESTING = 32;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_JSON_NESTING)
                    .maxStringLength(MAX_TOKEN_LENGTH)
                    .maxNumberLength(MAX_TOKEN_LENGTH)
                    .build())
            .build();

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

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

    private final String algorithm;
    private final String subjectHash;
    private final Set<String> trustedIssuerOrigins;
    private final JWS signer;
    private final String headerSegment;
    private final Map<String, JWS> verifiersById;
    private final JWS[] verifiersWithoutId;

    /**
     * Parses every key once.
     *
     * @throws IllegalArgumentException when a key cannot be used (the settings validate everything else)
     */
    public JwtTokenCodec(JwtSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.algorithm = settings.algorithm();
        this.subjectHash = settings.subjectHash();
        this.trustedIssuerOrigins = settings.trustedIssuerOrigins();
        Map<String, JWS> byId = new HashMap<>();
        List<JWS> withoutId = new ArrayList<>();
        JWS signing = null;
        for (JwtKey key : settings.keys()) {
            JWS jws = jws(settings.algorithm(), key);
            if (key.kid() == null) {
                withoutId.add(jws);
            } else {
                byId.put(key.kid(), jws);
            }
            if (signing == null && Objects.equals(key.kid(), settings.signingKeyId())) {
                signing = jws;
            }
        }
        this.signer = Objects.requireNonNull(signing, "signing key");
        this.verifiersById = Map.copyOf(byId);
        this.verifiersWithoutId = withoutId.toArray(JWS[]::new);
        this.headerSegment = BASE64URL.encodeToString(headerJson(settings.algorithm(), settings.signingKeyId()));
    }

    private static JWS jws(String algorithm, JwtKey key) {
        try {
            return new JWS(new JWK(new PubSecKeyOptions()
                    .setAlgorithm(algorithm)
                    .setBuffer(Buffer.buffer(key.secret())))); // raw key bytes, as the Mac's SecretKeySpec
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unusable JWT key " + key + " for " + algorithm + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- signing

    /**
     * Signs exactly the nine claims.
     *
     * @throws IllegalArgumentException when the claims would not verify: an empty string claim, a {@code prv} other
     *                                  than the subject hash, an untrusted {@code iss}, or a token over 8 KiB
     */
    @Override
    public String sign(TokenClaims claims) {
        Objects.requireNonNull(claims, "claims");
        requireVerifiable(claims);
        String signingInput = headerSegment + '.' + BASE64URL.encodeToString(payloadJson(claims));
        byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + '.' + BASE64URL.encodeToString(signature);
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the signed token would be " + token.length()
                    + " characters long; at most " + MAX_TOKEN_LENGTH + " are accepted");
        }
        return token;
    }

    private void requireVerifiable(TokenClaims claims) {
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

    private static byte[] headerJson(String algorithm, String kid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("typ", "JWT");
            json.writeStringField("alg", algorithm);
            if (kid != null) {
                json.writeStringField("kid", kid);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: in memory
        }
        return out.toByteArray();
    }

    private static byte[] payloadJson(TokenClaims claims) {
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
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: in memory
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------- verifying

    @Override
    public TokenClaims verify(String token) throws InvalidTokenException {
        try {
            return verifyStrictly(token);
        } catch (InvalidTokenException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever the input, nothing but InvalidTokenException leaves verify (CONTRACT 1.4: never a 500).
            throw invalid("token rejected: " + e.getClass().getName());
        }
    }

    private TokenClaims verifyStrictly(String token) throws InvalidTokenException {
        if (token == null) {
            throw invalid("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("token is " + token.length() + " characters long; at most " + MAX_TOKEN_LENGTH);
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw invalid("token is not three dot-separated segments");
        }
        byte[] header = Base64Url.decode(token, 0, firstDot);
        byte[] payload = Base64Url.decode(token, firstDot + 1, secondDot);
        byte[] signature = Base64Url.decode(token, secondDot + 1, token.length());
        if (header == null || payload == null || signature == null) {
            throw invalid((header == null ? "header" : payload == null ? "payload" : "signature")
                    + " segment is empty or not strict base64url");
        }

        JWS[] candidates = candidateKeys(header);

        // The segments are base64url, hence ASCII: the signing input is their chars as bytes.
        byte[] signingInput = new byte[secondDot];
        for (int i = 0; i < secondDot; i++) {
            signingInput[i] = (byte) token.charAt(i);
        }
        boolean signed = false;
        for (JWS candidate : candidates) {
            if (candidate.verify(signature, signingInput)) { // MessageDigest.isEqual: constant time
                signed = true;
                break;
            }
        }
        if (!signed) {
            throw invalid("signature does not match");
        }
        return claims(payload);
    }

    /** Reads the header, checks alg, crit and kid, and returns the keys the signature may be made with. */
    private JWS[] candidateKeys(byte[] headerBytes) throws InvalidTokenException {
        String alg = null;
        String kid = null;
        try (JsonParser json = JSON.createParser(utf8(headerBytes, "header"))) {
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
                    default -> json.skipChildren();
                }
            }
            requireEnd(json, "header");
        } catch (JsonProcessingException e) {
            throw invalid("header is not valid JSON: " + brief(e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid("header is not valid JSON: " + brief(e.getMessage()));
        }
        if (alg == null) {
            throw invalid("header has no alg");
        }
        if (alg.toLowerCase(Locale.ROOT).equals("none")) {
            throw invalid("alg none is refused");
        }
        if (!alg.equals(algorithm)) {
            throw invalid("alg " + brief(alg) + " is not the configured " + algorithm);
        }
        if (kid == null) {
            if (verifiersWithoutId.length == 0) {
                throw invalid("token has no kid and every key has one");
            }
            return verifiersWithoutId;
        }
        JWS byId = verifiersById.get(kid);
        if (byId == null) {
            throw invalid("unknown kid " + brief(kid));
        }
        return new JWS[] {byId};
    }

    private TokenClaims claims(byte[] payloadBytes) throws InvalidTokenException {
        String iss = null;
        String jti = null;
        String sub = null;
        String prv = null;
        long iat = 0;
        long exp = 0;
        long nbf = 0;
        long applicationId = 0;
        long sessionId = 0;
        int seen = 0;
        try (JsonParser json = JSON.createParser(utf8(payloadBytes, "payload"))) {
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
                    default -> json.skipChildren(); // claims beyond the nine are ignored
                }
            }
            requireEnd(json, "payload");
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
        return new TokenClaims(iss, iat, nbf, exp, jti, sub, prv, applicationId, sessionId);
    }

    private boolean isTrustedIssuer(String iss) {
        Optional<String> origin = IssuerOrigins.originOf(iss);
        return origin.isPresent() && trustedIssuerOrigins.contains(origin.get());
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

    /** After the closing brace of the root object: nothing but whitespace. */
    private static void requireEnd(JsonParser json, String part) throws IOException, InvalidTokenException {
        if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
            throw invalid(part + " has content after its JSON object");
        }
    }

    /** Strict UTF-8 (RFC 7515 requires it); Jackson's byte input would otherwise also guess UTF-16 and UTF-32. */
    private static char[] utf8(byte[] bytes, String part) throws InvalidTokenException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] array = new char[chars.remaining()];
            chars.get(array);
            return array;
        } catch (CharacterCodingException e) {
            throw invalid(part + " is not UTF-8");
        }
    }

    private static String brief(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static InvalidTokenException invalid(String message) {
        return new InvalidTokenException(message);
    }
}
