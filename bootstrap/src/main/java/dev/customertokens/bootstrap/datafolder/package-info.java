/**
 * Internal: the data folder of the embedded default (mode 700) and the secrets generated in it (mode 600).
 * Not public API; it may change in any release.
 */
package dev.customertokens.bootstrap.datafolder;
