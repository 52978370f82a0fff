package dev.customertokens.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The headers of a valid {@code GET /api/customers/refresh} (CONTRACT 1.1) for the demo application,
 * which tests then break one at a time. Each call carries a fresh {@code X-Request-ID}, so that no two
 * requests are taken for retries of each other.
 */
public final class RefreshRequestHeaders {

    private RefreshRequestHeaders() {
    }

    /**
     * The headers of a valid refresh of {@code token}.
     *
     * @param token the token to send with the {@code Bearer} scheme
     * @return name to value, in the order a client would send them; unmodifiable
     */
    public static Map<String, String> valid(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("API-VERSION", "5.0.0");
        headers.put("Application", DemoData.DEMO_KEY.value());
        headers.put("X-QB-Enabled", "false");
        headers.put("X-Request-ID", UUID.randomUUID().toString());
        return Collections.unmodifiableMap(headers);
    }
}
