package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A session as stored: its row of {@code sessions} (what is set when it begins, and its revocation) joined
 * with its row of {@code session_chains} (what each rotation changes). Instants are epoch milliseconds,
 * absent ones null.
 */
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
        int graceReplays,
        Long revokedAtMs,
        String revocationReason,
        String dpopJkt) {

    /** Both tables, {@code s} and {@code h}, joined on the session and its customer, the key they share. */
    static final String FROM = "sessions s JOIN session_chains h ON h.id = s.id AND h.customer_id = s.customer_id";
    /** The columns of the record, in its order, from {@link #FROM}. */
    static final String SELECTED = "s.id, s.customer_id, s.application_id, h.device_uuid, s.started_at_ms, "
            + "h.current_jti, h.previous_jti, h.rotated_at_ms, h.rotation_request_id, h.rotations, h.grace_replays, "
            + "s.revoked_at_ms, s.revocation_reason, s.dpop_jkt";
    static final int COLUMN_COUNT = 14;

    static final RowMapper<SessionRow> MAPPER = (rs, ctx) -> read(rs);

    /** Reads the {@link #SELECTED} columns, in that order, from the first columns of the current row. */
    static SessionRow read(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), nullableLong(rs, 8), rs.getString(9), rs.getLong(10), rs.getInt(11),
                nullableLong(rs, 12), rs.getString(13), rs.getString(14));
    }

    static SessionRow from(Session session) {
        return new SessionRow(session.id().value(), session.customerId().value(), session.applicationId().value(),
                session.deviceUuid(), session.startedAt().toEpochMilli(), session.currentJti(),
                session.previousJti(), epochMillis(session.rotatedAt()), session.rotationRequestId(), session.rotations(),
                session.graceReplays(), epochMillis(session.revokedAt()),
                session.revocationReason() == null ? null : session.revocationReason().name(),
                session.dpopJkt() == null ? null : session.dpopJkt().value());
    }

    Session toDomain() {
        return new Session(SessionId.of(id), CustomerId.of(customerId), ApplicationId.of(applicationId), deviceUuid,
                Instant.ofEpochMilli(startedAtMs), currentJti, previousJti, instant(rotatedAtMs),
                rotationRequestId, rotations, graceReplays, instant(revokedAtMs),
                revocationReason == null ? null : RevocationReason.valueOf(revocationReason),
                dpopJkt == null ? null : KeyThumbprint.of(dpopJkt));
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
