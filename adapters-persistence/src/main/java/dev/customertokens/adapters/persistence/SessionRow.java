package dev.customertokens.adapters.persistence;

import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A row of {@code sessions}; instants are epoch milliseconds, absent ones null. */
record SessionRow(
        long id,
        String customerId,
        long applicationId,
        String deviceUuid,
        long startedAtMs,
        String currentJti,
        String previousJti,
        Long rotatedAtMs,
        String rotationRequestId,
        long rotations,
        Long revokedAtMs,
        String revocationReason) {

    static final String COLUMNS = "id, customer_id, application_id, device_uuid, started_at_ms, current_jti, "
            + "previous_jti, rotated_at_ms, rotation_request_id, rotations, revoked_at_ms, revocation_reason";
    static final int COLUMN_COUNT = 12;

    static final RowMapper<SessionRow> MAPPER = (rs, ctx) -> read(rs);

    /** Reads the {@link #COLUMNS}, in that order, from the first columns of the current row. */
    static SessionRow read(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), nullableLong(rs, 8), rs.getString(9), rs.getLong(10),
                nullableLong(rs, 11), rs.getString(12));
    }

    static SessionRow from(Session session) {
        return new SessionRow(session.id().value(), session.customerId().value(), session.applicationId().value(),
                session.deviceUuid(), session.startedAt().toEpochMilli(), session.currentJti(),
                session.previousJti(), epochMillis(session.rotatedAt()), session.rotationRequestId(), session.rotations(),
                epochMillis(session.revokedAt()), session.revocationReason() == null ? null : session.revocationReason().name());
    }

    Session toDomain() {
        return new Session(SessionId.of(id), CustomerId.of(customerId), ApplicationId.of(applicationId), deviceUuid,
                Instant.ofEpochMilli(startedAtMs), currentJti, previousJti, instant(rotatedAtMs),
                rotationRequestId, rotations, instant(revokedAtMs),
                revocationReason == null ? null : RevocationReason.valueOf(revocationReason));
    }

    static Long epochMillis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
