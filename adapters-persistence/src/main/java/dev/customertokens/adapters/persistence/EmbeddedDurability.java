package dev.customertokens.adapters.persistence;

/**
 * What a write acknowledged on an embedded H2 file survives (CONTRACT 3, {@code --embedded-durability}). It
 * changes nothing on PostgreSQL, where a write is as durable as the database's own commit makes it.
 */
public enum EmbeddedDurability {
    /** A killed process: the write is in the journal file (the operating system's cache) before it is acknowledged. */
    PROCESS,
    /**
     * The machine losing power as well: the journal's record is {@code fsync}ed before the write is acknowledged
     * (one sync for many concurrent writes), and a journal segment goes only after a synced checkpoint.
     */
    POWER
}
