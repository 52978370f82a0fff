package dev.customertokens.testkit;

import dev.customertokens.application.port.out.DpopProofReplays;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
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

    @Override
    public int purgeExpired(Instant now, int batchSize) {
        int purged = 0;
        for (Iterator<Map.Entry<String, Instant>> entries = expiryByProof.entrySet().iterator();
             entries.hasNext() && purged < batchSize; ) {
            Map.Entry<String, Instant> entry = entries.next();
            // removed only if still expired: a proof taken again meanwhile stays
            if (!entry.getValue().isAfter(now) && expiryByProof.remove(entry.getKey(), entry.getValue())) {
                purged++;
            }
        }
        return purged;
    }
}
