/**
 * PostgreSQL: pgjdbc's pool defaults, and a refresh's statements coalesced with other requests' into one
 * round trip. Internal: not public API, and may change in any release.
 */
package dev.customertokens.adapters.persistence.postgres;
