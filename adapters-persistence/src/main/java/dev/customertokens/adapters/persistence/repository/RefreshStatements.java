package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.SessionId;

import java.util.Optional;

/**
 * The two statements of a refresh, the read and the compare-and-set: run one by one on a pooled connection
 * ({@link DirectRefreshStatements}), or coalesced with other requests' into one round trip on PostgreSQL
 * (package {@code postgres}).
 */
public interface RefreshStatements extends AutoCloseable {

    Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer);

    /** Applies the rotation if its expected token is still current; true when this call won. Durable on return. */
    boolean rotate(SessionWrite.Rotation rotation);

    @Override
    void close();
}
