/**
 * The use cases' implementations, to wire with your own adapters: each takes its ports and its settings in its
 * constructor. {@link CachingApplications} puts a short cache in front of an {@code Applications} store, as every
 * refresh reads one. Public API.
 */
package dev.customertokens.application.service;
