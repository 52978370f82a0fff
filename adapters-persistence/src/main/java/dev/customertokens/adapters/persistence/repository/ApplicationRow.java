package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import org.jdbi.v3.core.mapper.RowMapper;

/** A row of {@code applications}. */
record ApplicationRow(long id, String appKey, String name, boolean enabled) {

    static final String COLUMNS = "id, app_key, name, enabled";

    static final RowMapper<ApplicationRow> MAPPER = (rs, ctx) -> new ApplicationRow(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));

    static ApplicationRow from(Application application) {
        return new ApplicationRow(application.id().value(), application.key().value(), application.name(), application.enabled());
    }

    Application toDomain() {
        return new Application(ApplicationId.of(id), ApplicationKey.of(appKey), name, enabled);
    }
}
