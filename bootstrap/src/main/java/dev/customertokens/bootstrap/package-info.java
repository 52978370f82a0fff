/**
 * The library's entry points: {@link dev.customertokens.bootstrap.CustomerTokens} (built with
 * {@link dev.customertokens.bootstrap.CustomerTokens#builder()}), the stand-alone
 * {@link dev.customertokens.bootstrap.HttpService}, and {@link dev.customertokens.bootstrap.CustomerTokensRoutes}
 * to mount the endpoint on a host's Vert.x router. Public API (docs/api.md); the sub-packages are internal.
 */
package dev.customertokens.bootstrap;
