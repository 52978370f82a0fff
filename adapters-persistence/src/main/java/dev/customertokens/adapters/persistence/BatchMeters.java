package dev.customertokens.adapters.persistence;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.IntConsumer;

/**
 * The adapter's batch sizes as distribution summaries in the host's registry: the writes each checkpoint
 * of the embedded file made durable, the reads and the rotations each round trip to PostgreSQL carried.
 * Each is 1 at light load and grows with it. Without a registry nothing is recorded.
 */
final class BatchMeters {

    private static final BatchMeters NONE = new BatchMeters(writes -> { }, reads -> { }, rotations -> { });

    private final IntConsumer durableWrites;
    private final IntConsumer readBatches;
    private final IntConsumer rotationBatches;

    private BatchMeters(IntConsumer durableWrites, IntConsumer readBatches, IntConsumer rotationBatches) {
        this.durableWrites = durableWrites;
        this.readBatches = readBatches;
        this.rotationBatches = rotationBatches;
    }

    /** The meters registered in {@code registry}, or none when it is null. */
    static BatchMeters in(MeterRegistry registry) {
        if (registry == null) {
            return NONE;
        }
        DistributionSummary durableWrites = DistributionSummary.builder("customer_tokens_durable_write_batch_size")
                .description("Writes made durable by one checkpoint of the embedded database file "
                        + "(the group commit's batch size; rotations are journalled one by one instead)")
                .register(registry);
        return new BatchMeters(durableWrites::record, refreshStatements(registry, "read")::record,
                refreshStatements(registry, "rotation")::record);
    }

    private static DistributionSummary refreshStatements(MeterRegistry registry, String statement) {
        return DistributionSummary.builder("customer_tokens_refresh_statement_batch_size")
                .description("A refresh's statements of one kind sent to PostgreSQL in one round trip")
                .tag("statement", statement)
                .register(registry);
    }

    /** Told the writes each checkpoint of the embedded file made durable. */
    IntConsumer durableWrites() {
        return durableWrites;
    }

    /** Told the reads each round trip to PostgreSQL carried. */
    IntConsumer readBatches() {
        return readBatches;
    }

    /** Told the rotations each round trip to PostgreSQL carried. */
    IntConsumer rotationBatches() {
        return rotationBatches;
    }
}
