/**
 * The embedded H2 file: URL completion, passwords, the rotation journal, the checkpoint group commit, the
 * idle compaction, and the choice between them. Internal: not public API, and may change in any release.
 */
package dev.customertokens.adapters.persistence.h2;
