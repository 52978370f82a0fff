package dev.customertokens.adapters.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IssuerOriginsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://menu-core.menu:8084/api/customers/social-sign-up, http://menu-core.menu:8084",
        "HTTP://Menu-Core.MENU:8084/api,                          http://menu-core.menu:8084",
        "http://example.com:80/x,                                 http://example.com",
        "https://example.com:443/x?y=1#z,                         https://example.com",
        "https://example.com:80/x,                                https://example.com:80",
        "http://example.com:443,                                  http://example.com:443",
        "http://127.0.0.1:8080/api/customers/refresh,             http://127.0.0.1:8080",
        "http://[::1]:8080/api,                                   http://[::1]:8080",
    })
    void hasTheOriginOfAnHttpUrl(String url, String origin) {
        assertThat(IssuerOrigins.originOf(url)).contains(origin);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "menu-core.menu:8084/api", "/api/customers/refresh", "ftp://example.com/x",
        "mailto:a@example.com", "http:///x", "http://user:pw@example.com/", "http://exa mple.com/", "http://",
        "javascript:alert(1)", "file:///etc/passwd"})
    void hasNoOriginWhenNotAnHttpUrlWithAHost(String url) {
        assertThat(IssuerOrigins.originOf(url)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"http://example.com/api", "http://example.com?x", "http://example.com#x", "example.com",
        "ftp://example.com"})
    void refusesConfiguredOriginsThatAreNotJustOrigins(String origin) {
        assertThatThrownBy(() -> IssuerOrigins.normalize(origin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(origin);
    }
}
