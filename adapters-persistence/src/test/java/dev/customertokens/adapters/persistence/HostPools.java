package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Pools such as a host service keeps, with its own limits and no meters of the adapter's, to hand over. */
final class HostPools {

    private HostPools() {
    }

    static HikariDataSource of(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("host");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
