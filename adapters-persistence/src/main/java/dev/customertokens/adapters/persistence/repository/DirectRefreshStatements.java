package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.SessionId;

import java.util.Optional;

/**
 * Each refresh's statements on a connection of its own from the pool, the rotation journalled where the
 * store journals (the embedded H2 file).
 */
public final class DirectRefreshStatements implements RefreshStatements {

    private final Storage storage;

    public DirectRefreshStatements(Storage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer) {
        return storage.withConnection(connection -> SessionStatements.find(connection, id.value(), customer.value()));
    }

    @Override
    public boolean rotate(SessionWrite.Rotation rotation) {
        return storage.journaledWrite(connection -> SessionStatements.rotate(connection, rotation) ? rotation : null);
    }

    @Override
    public void close() {
    }
}
