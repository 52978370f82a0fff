package dev.customertokens.adapters.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The admin API's gate (CONTRACT 5): a request goes on only with {@code Authorization: Bearer <admin
 * token>}, else 401 {@code admin_unauthorized}; with no token configured every request is 403
 * {@code admin_disabled}. Only the token's SHA-256 is kept, and digests are compared in constant time.
 */
final class AdminAuthorization implements Handler<RoutingContext> {

    /** SHA-256 of the admin token, or null when the admin API is off. */
    private final byte[] tokenDigest;

    /** @param adminToken at least {@link AdminRoutes#MINIMUM_TOKEN_LENGTH} characters, or null: the admin API is off */
    AdminAuthorization(String adminToken) {
        if (adminToken != null && adminToken.length() < AdminRoutes.MINIMUM_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the admin token must be at least " + AdminRoutes.MINIMUM_TOKEN_LENGTH
                    + " characters");
        }
        this.tokenDigest = adminToken == null ? null : sha256(adminToken);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (tokenDigest == null) {
            ctx.fail(new HttpProblem(403, "admin_disabled",
                    "The admin API is off: start the service with --admin-token (CUSTOMER_TOKENS_ADMIN_TOKEN)"));
            return;
        }
        List<String> given = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        String token = given.size() == 1 ? bearerToken(given.get(0)) : null;
        // both sides hashed first: equal lengths, so the comparison's time says nothing about the token
        if (token == null || !MessageDigest.isEqual(tokenDigest, sha256(token))) {
            ctx.fail(new HttpProblem(401, "admin_unauthorized", "A valid admin token is required: Authorization: Bearer <admin token>"));
            return;
        }
        ctx.next();
    }

    private static String bearerToken(String header) {
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            return null;
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
