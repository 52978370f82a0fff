/**
 * The HTTP adapter on Vert.x Web: the refresh endpoint and the JWKS ({@link RefreshRoutes}), health, metrics and
 * the API description ({@link ManagementRoutes}) and the admin API ({@link AdminRoutes}), each either a router of
 * its own or mounted on a router the host owns, with the options records they take. The rest of the package is
 * package-private. Public API.
 */
package dev.customertokens.adapters.http;
