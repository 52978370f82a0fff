/**
 * For adapter authors: the ports' contract suites ({@link SessionsContract} and the others, JUnit 5 tests to
 * subclass), in-memory adapters, a {@link MutableClock}, demo data and an embedded PostgreSQL server.
 * {@code docs/extending.md} walks through proving an adapter with them. Public API.
 */
package dev.customertokens.testkit;
