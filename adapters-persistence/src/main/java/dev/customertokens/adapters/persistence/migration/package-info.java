/**
 * The schema's migrations: the Flyway runner and the migrations written in Java (the SQL ones are in
 * {@code db/migration}). Internal: not public API, and may change in any release.
 */
package dev.customertokens.adapters.persistence.migration;
