package dev.customertokens.adapters.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/**
 * How our routes join a router the host owns: on each of our paths, our first handlers and our failure
 * handler come ahead of every route of the host's, whenever the host added them, so that a host's
 * catch-all failure handler never answers our errors. No route of ours matches another path.
 */
final class HostRouter {

    private static final int AHEAD_OF_THE_HOSTS_ROUTES = Integer.MIN_VALUE;

    private HostRouter() {
    }

    /** A route on {@code path} ahead of the host's; add its handlers next. */
    static Route ahead(Router router, String path) {
        return router.route(path).order(AHEAD_OF_THE_HOSTS_ROUTES);
    }

    /** A route on the paths {@code regex} matches whole, for {@code method} or every method if null, ahead of the host's. */
    static Route aheadMatching(Router router, HttpMethod method, String regex) {
        Route route = router.routeWithRegex(regex).order(AHEAD_OF_THE_HOSTS_ROUTES);
        return method == null ? route : route.method(method);
    }
}
