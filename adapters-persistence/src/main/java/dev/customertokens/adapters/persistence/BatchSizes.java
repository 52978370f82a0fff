package dev.customertokens.adapters.persistence;

/**
 * Where the database tells the service's meters how much each of its batches carried; both are 1 at light
 * load and grow with it, so they say how much the batching saves.
 */
public interface BatchSizes {

    BatchSizes NONE = new BatchSizes() {
        @Override
        public void durableWrites(int writes) {
        }

        @Override
        public void refreshStatements(RefreshStatement statement, int statements) {
        }
    };

    /** The statements of a refresh that PostgreSQL receives in batches. */
    enum RefreshStatement {
        READ, ROTATION
    }

    /** Writes made durable by one checkpoint of the embedded H2 file (the group commit). */
    void durableWrites(int writes);

    /** Refresh statements of one kind sent to PostgreSQL in one round trip. */
    void refreshStatements(RefreshStatement statement, int statements);
}
