package dev.customertokens.adapters.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of an access-log line that are not the request's own words. */
class AccessLogTest {

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.04, 0.05, 0.96, 1, 2.25, 9.95, 12.34, 999.99, 123456.789})
    void a_duration_is_written_with_one_decimal_as_string_format_writes_it(double millis) {
        assertThat(AccessLog.oneDecimal(millis)).isEqualTo(String.format(Locale.ROOT, "%.1f", millis));
    }

    @Test
    void only_the_paths_this_service_serves_are_logged_as_they_are() {
        assertThat(AccessLog.printablePath(RefreshRoutes.PATH)).isEqualTo(RefreshRoutes.PATH);
        assertThat(AccessLog.printablePath("/api/customers/refresh/eyJhbGciOiJIUzI1NiJ9")).isEqualTo("<unrouted>");
        assertThat(AccessLog.printablePath("/api/customers/refresh\n")).isEqualTo("<unrouted>");
        assertThat(AccessLog.printablePath(null)).isEqualTo("-");
    }
}
