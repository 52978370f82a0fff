package dev.customertokens.bootstrap;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds tokens by hand, right or wrong, to probe the verifier from outside. */
final class Jws {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jws() {
    }

    static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String hs256(String secret, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        return signingInput + "." + signature("HmacSHA256", secret, signingInput);
    }

    static String hs512(String secret, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        return signingInput + "." + signature("HmacSHA512", secret, signingInput);
    }

    static String signature(String algorithm, String secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject payload(String token) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonObject header(String token) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    /** A correctly signed token with the given payload, as the service would sign it. */
    static String valid(JsonObject payload) {
        return hs256(TestService.SECRET, "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", payload.encode());
    }
}
