package com.example.sessions;

import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A {@link Session} to and from a row of the {@code sessions} table: instants as epoch milliseconds,
 * the revocation reason by its name, absent values as SQL NULL.
 */
final class SessionRows {

    /** The columns {@link #read} maps, of {@code sessions} aliased {@code s}. */
    static final String COLUMNS = "s.id, s.customer_id, s.application_id, s.device_uuid, s.started_at_ms, "
            + "s.current_jti, s.previous_jti, s.rotated_at_ms, s.rotation_request_id, s.rotations, s.grace_replays, "
            + "s.revoked_at_ms, s.revocation_reason, s.dpop_jkt";

    static final String INSERT = """
            INSERT INTO sessions (id, customer_id, application_id, device_uuid, started_at_ms,
                   current_jti, previous_jti, rotated_at_ms, rotation_request_id, rotations, grace_replays,
                   revoked_at_ms, revocation_reason, dpop_jkt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private SessionRows() {
    }

    static void bindInsert(PreparedStatement statement, Session session) throws SQLException {
        statement.setLong(1, session.id().value());
        statement.setString(2, session.customerId().value());
        statement.setLong(3, session.applicationId().value());
        Jdbc.setNullableString(statement, 4, session.deviceUuid());
        statement.setLong(5, session.startedAt().toEpochMilli());
        statement.setString(6, session.currentJti());
        Jdbc.setNullableString(statement, 7, session.previousJti());
        Jdbc.setNullableLong(statement, 8, epochMillis(session.rotatedAt()));
        Jdbc.setNullableString(statement, 9, session.rotationRequestId());
        statement.setLong(10, session.rotations());
        statement.setInt(11, session.graceReplays());
        Jdbc.setNullableLong(statement, 12, epochMillis(session.revokedAt()));
        Jdbc.setNullableString(statement, 13, session.isRevoked() ? session.revocationReason().name() : null);
        Jdbc.setNullableString(statement, 14, session.dpopJkt() == null ? null : session.dpopJkt().value());
    }

    static Session read(ResultSet row) throws SQLException {
        String reason = row.getString("revocation_reason");
        String dpopJkt = row.getString("dpop_jkt");
        return new Session(
                SessionId.of(row.getLong("id")),
                CustomerId.of(row.getString("customer_id")),
                ApplicationId.of(row.getLong("application_id")),
                row.getString("device_uuid"),
                Instant.ofEpochMilli(row.getLong("started_at_ms")),
                row.getString("current_jti"),
                row.getString("previous_jti"),
                instant(row, "rotated_at_ms"),
                row.getString("rotation_request_id"),
                row.getLong("rotations"),
                row.getInt("grace_replays"),
                instant(row, "revoked_at_ms"),
                reason == null ? null : RevocationReason.valueOf(reason),
                dpopJkt == null ? null : KeyThumbprint.of(dpopJkt));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Long millis = row.getObject(column, Long.class);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long epochMillis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
