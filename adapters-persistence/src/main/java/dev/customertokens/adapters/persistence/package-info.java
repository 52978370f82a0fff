/**
 * The persistence adapter's public face: {@link Database}, opened on {@link DatabaseSettings}, gives the stores
 * of the application's ports on H2 (embedded file or in memory) or PostgreSQL, over a URL it pools or a host's
 * DataSource. The sub-packages are internal. Public API.
 */
package dev.customertokens.adapters.persistence;
