package dev.customertokens.adapters.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Web origins ({@code scheme://host[:port]}) of issuer URLs, in one normal form: lower-case scheme and host, the
 * default port of the scheme (80 for http, 443 for https) left out. Only {@code http} and {@code https} URLs with a
 * host and without user information have an origin.
 */
public final class IssuerOrigins {

    private IssuerOrigins() {
    }

    /**
     * The origin of an absolute http(s) URL, e.g. {@code "http://menu-core.menu:8084"} for
     * {@code "HTTP://Menu-Core.menu:8084/api/customers/refresh"}; empty when {@code url} is not such a URL.
     *
     * @param url any text, may be null
     * @return the origin in normal form, or empty
     */
    public static Optional<String> originOf(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort;
        switch (scheme) {
            case "http" -> defaultPort = 80;
            case "https" -> defaultPort = 443;
            default -> {
                return Optional.empty();
            }
        }
        int port = uri.getPort();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return Optional.of(port == -1 || port == defaultPort ? scheme + "://" + host : scheme + "://" + host + ":" + port);
    }

    /**
     * A configured trusted origin in normal form. Accepts {@code scheme://host[:port]} with at most a trailing
     * {@code /}; anything with a path, query or fragment is refused, so that nobody believes the path is checked.
     *
     * @param origin the configured origin
     * @return the origin in normal form
     * @throws IllegalArgumentException when {@code origin} is not such an origin
     */
    public static String normalize(String origin) {
        Optional<String> normal = originOf(origin);
        URI uri = normal.isPresent() ? URI.create(origin) : null;
        if (uri == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("not a trusted issuer origin (expected http(s)://host[:port]): '"
                    + origin + "'");
        }
        return normal.get();
    }
}
