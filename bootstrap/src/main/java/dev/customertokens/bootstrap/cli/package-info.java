/**
 * Internal: the {@code customer-tokens} command line (CONTRACT 3), one client of the public builders. Not public
 * API; it may change in any release.
 */
package dev.customertokens.bootstrap.cli;
