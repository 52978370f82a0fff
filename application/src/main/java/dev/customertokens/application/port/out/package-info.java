/**
 * The ports an adapter implements: the stores ({@link Sessions}, {@link Applications}, {@link CustomerAccounts},
 * ...), the token codec, the DPoP ports and the audit sink. The testkit's contract suites hold the rules a store
 * must keep as tests ({@code docs/extending.md}). Public API.
 */
package dev.customertokens.application.port.out;
