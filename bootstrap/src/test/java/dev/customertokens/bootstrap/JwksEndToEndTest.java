package dev.customertokens.bootstrap;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.adapters.jwt.testing.TokenForge.Keys;
import dev.customertokens.application.port.in.TokenGrant;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment on RS256 or EdDSA (CONTRACT 2.4): other services verify its tokens from the JWKS alone, a rotation
 * from one key to the next logs nobody out, and hostile tokens answer 401 token_invalid, never a 500.
 */
class JwksEndToEndTest {

    @TempDir
    Path keys;

    private TestService service(String... flags) {
        TestService service = new TestService(new dev.customertokens.testkit.MutableClock(TestService.START),
                "jdbc:h2:mem:jwks-" + UUID.randomUUID(), flags);
        service.tokens().administration().register(dev.customertokens.testkit.DemoData.demoApplication());
        return service;
    }

    private JsonObject jwks(TestService service) {
        HttpResponse<Buffer> response = service.send(HttpMethod.GET, "/.well-known/jwks.json", MultiMap.caseInsensitiveMultiMap());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return new JsonObject(response.bodyAsString());
    }

    @Test
    void an_rs256_token_verifies_with_the_served_jwks_and_nimbus_alone() throws Exception {
        Path key = TokenForge.writePem(keys.resolve("rsa.pem"), Keys.RSA.getPrivate());
        try (TestService service = service("--jwt-algorithm", "RS256", "--jwt-private-key-file", key.toString())) {
            TokenGrant login = service.login();
            String refreshed = new JsonObject(service.refresh(login.token()).bodyAsString())
                    .getJsonObject("data").getJsonObject("token").getString("value");

            JWKSet published = JWKSet.parse(jwks(service).encode());
            for (String token : List.of(login.token(), refreshed)) {
                JWSObject jws = JWSObject.parse(token);
                assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
                assertThat(jws.verify(new RSASSAVerifier(published.getKeyByKeyId(jws.getHeader().getKeyID()).toRSAKey())))
                        .isTrue();
            }
        }
    }

    @Test
    void an_eddsa_token_verifies_with_the_served_jwks_and_the_jdk_alone() throws Exception {
        Path key = TokenForge.writePem(keys.resolve("ed.pem"), Keys.ED25519.getPrivate());
        try (TestService service = service("--jwt-algorithm", "EdDSA", "--jwt-private-key-file", key.toString())) {
            String token = service.login().token();
            JsonObject jwk = jwks(service).getJsonArray("keys").getJsonObject(0);
            assertThat(jwk.getString("kid")).isEqualTo(TokenForge.headerOf(token).getString("kid"));
            assertThat(jwk.containsKey("d")).isFalse();

            byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(
                    TokenForge.unb64(jwk.getString("x"))));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            String[] parts = token.split("\\.");
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(verifier.verify(TokenForge.unb64(parts[2]))).isTrue();
        }
    }

    @Test
    void under_hs256_the_key_set_is_empty() {
        try (TestService service = new TestService()) {
            assertThat(jwks(service)).isEqualTo(new JsonObject("{\"keys\":[]}"));
        }
    }

    @Test
    void rotating_from_hs256_to_rs256_to_eddsa_logs_nobody_out() throws Exception {
        String db = "jdbc:h2:mem:rotation-" + UUID.randomUUID();
        var clock = new dev.customertokens.testkit.MutableClock(TestService.START);
        Path rsa = TokenForge.writePem(keys.resolve("rsa.pem"), Keys.RSA.getPrivate());
        Path rsaPublic = TokenForge.writePem(keys.resolve("rsa.pub.pem"), Keys.RSA.getPublic());
        Path ed = TokenForge.writePem(keys.resolve("ed.pem"), Keys.ED25519.getPrivate());
        Path secrets = java.nio.file.Files.writeString(keys.resolve("previous-secrets"),
                "# the HS256 secret before the move to asymmetric keys\n=" + TestService.SECRET + "\n");

        String hsToken;
        String rsToken;
        try (TestService hs = new TestService(clock, db)) {
            hs.tokens().administration().register(dev.customertokens.testkit.DemoData.demoApplication());
            hsToken = hs.login().token();
            rsToken = hs.login().token(); // a second session, to be refreshed under RS256
        }
        try (TestService rs = new TestService(clock, db, "--jwt-algorithm", "RS256", "--jwt-private-key-file",
                rsa.toString(), "--jwt-previous-secrets-file", secrets.toString())) {
            HttpResponse<Buffer> refreshed = rs.refresh(rsToken);
            assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
            rsToken = new JsonObject(refreshed.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
            assertThat(TokenForge.headerOf(rsToken).getString("alg")).isEqualTo("RS256");
        }
        try (TestService eddsa = new TestService(clock, db, "--jwt-algorithm", "EdDSA", "--jwt-private-key-file",
                ed.toString(), "--jwt-previous-public-key-files", rsaPublic.toString(),
                "--jwt-previous-secrets-file", secrets.toString())) {
            assertThat(eddsa.refresh(hsToken).statusCode()).isEqualTo(200);
            HttpResponse<Buffer> refreshed = eddsa.refresh(rsToken);
            assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
            String edToken = new JsonObject(refreshed.bodyAsString()).getJsonObject("data").getJsonObject("token")
                    .getString("value");
            assertThat(TokenForge.headerOf(edToken).getString("alg")).isEqualTo("EdDSA");
            assertThat(jwks(eddsa).getJsonArray("keys")).hasSize(2);
        }
    }

    @Test
    void hostile_tokens_answer_401_token_invalid_never_500() {
        Path key = TokenForge.writePem(keys.resolve("rsa.pem"), Keys.RSA.getPrivate());
        try (TestService service = service("--jwt-algorithm", "RS256", "--jwt-private-key-file", key.toString())) {
            String good = service.login().token();
            String kid = TokenForge.headerOf(good).getString("kid");
            JsonObject claims = TokenForge.payloadOf(good);
            String[] parts = good.split("\\.");
            String hsHeader = "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}";
            List<String> hostile = List.of(
                    TokenForge.hs256(TokenForge.pem(Keys.RSA.getPublic()), hsHeader, claims.encode()),
                    TokenForge.eddsa(Keys.ED25519.getPrivate(), "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}",
                            claims.encode()),
                    TokenForge.rs256(Keys.OTHER_RSA.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"" + kid
                            + "\",\"jwk\":{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"AQAB\"}}", claims.encode()),
                    parts[0] + "." + parts[1] + "." + TokenForge.b64(new byte[255]),
                    TokenForge.rs256(Keys.RSA.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"someone-else\"}",
                            claims.encode()));
            for (String token : hostile) {
                HttpResponse<Buffer> response = service.refresh(token);
                assertThat(response.statusCode()).as(token).isEqualTo(401);
                assertThat(new JsonObject(response.bodyAsString()).getString("error")).isEqualTo("token_invalid");
            }
        }
    }
}
