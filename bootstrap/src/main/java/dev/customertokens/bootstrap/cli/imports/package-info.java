/**
 * Internal: the file of {@code customers import}, checked, ordered and written in batches. Not public API; it may
 * change in any release.
 */
package dev.customertokens.bootstrap.cli.imports;
