/**
 * The repositories behind the application's ports, and what both engines share: storage and its faults,
 * the durability hook, the SQL dialects, the rows, the refresh's statements and the writes they bind.
 * Internal: not public API, and may change in any release.
 */
package dev.customertokens.adapters.persistence.repository;
