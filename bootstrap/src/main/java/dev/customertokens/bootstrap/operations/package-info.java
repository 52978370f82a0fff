/**
 * Internal: what operating the service needs beside its API: meters, the audit log, housekeeping, the graceful
 * drain, the log format and the API description. Not public API; it may change in any release.
 */
package dev.customertokens.bootstrap.operations;
