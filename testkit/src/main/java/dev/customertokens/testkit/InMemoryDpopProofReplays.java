package dev.customertokens.testkit;

import dev.customertokens.application.port.out.DpopProofReplays;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The DPoP replay store in memory: one JVM's, so only for tests and single-node embedders. */
public final class InMemoryDpopProofReplays implements DpopProofReplays {

    private final ConcurrentMap<String, Instant> expiryByProof = new ConcurrentHashMap<>();

    @Override
    public boolean recordFirstUse(String jkt, String jti, Instant now, Instant expiresAt) {
        boolean[] first = {false};
        expiryByProof.compute(jkt + ' ' + jti, (key, expiry) -> {
            if (expiry != null && expiry.isAfter(now)) {
                return expiry;
            }
            first[0] = true;
            return expiresAt;
        });
        return first[0];
    }

    @Override
    public boolean wasUsed(String jkt, String jti, Instant now) {
        Instant expiry = expiryByProof.get(jkt + ' ' + jti);
        return expiry != null && expiry.isAfter(now);
    }
}
