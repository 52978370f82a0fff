package com.example.sessions;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

/** The tests' databases: H2 in memory, one per name, with the adapter's schema, alive until the JVM ends. */
final class H2InMemory {

    private H2InMemory() {
    }

    static DataSource withSchema(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        Schema.createIfAbsent(dataSource);
        return dataSource;
    }
}
