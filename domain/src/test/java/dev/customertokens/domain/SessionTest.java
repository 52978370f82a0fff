package dev.customertokens.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Session session = Session.begin(SessionId.of(1), CustomerId.of("c1"), ApplicationId.of(2), "device-a",
            T0, "jti-0");

    @Test
    void a_rotation_makes_the_current_token_previous_and_records_who_rotated_it() {
        Session next = session.rotatedBy(new Rotation(SessionId.of(1), CustomerId.of("c1"), "jti-0", "jti-1", T0.plusSeconds(5),
                RequestId.of("r1"), null));
        assertThat(next.currentJti()).isEqualTo("jti-1");
        assertThat(next.previousJti()).isEqualTo("jti-0");
        assertThat(next.rotatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(next.rotationRequestId()).isEqualTo("r1");
        assertThat(next.rotations()).isEqualTo(1);
        assertThat(next.deviceUuid()).isEqualTo("device-a");
        assertThat(next.startedAt()).isEqualTo(T0);
    }

    @Test
    void a_rotation_records_a_newly_reported_device() {
        Session next = session.rotatedBy(new Rotation(SessionId.of(1), CustomerId.of("c1"), "jti-0", "jti-1", T0,
                RequestId.of("r1"), "device-b"));
        assertThat(next.deviceUuid()).isEqualTo("device-b");
    }

    @Test
    void a_stale_rotation_is_refused() {
        assertThatThrownBy(() -> session.rotatedBy(new Rotation(SessionId.of(1), CustomerId.of("c1"), "jti-x", "jti-1", T0,
                RequestId.of("r1"), null))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void revocation_is_kept_once_made() {
        Session revoked = session.revoked(T0.plusSeconds(1), RevocationReason.OPERATOR);
        assertThat(revoked.isRevoked()).isTrue();
        assertThat(revoked.revoked(T0.plusSeconds(9), RevocationReason.LOGOUT)).isSameAs(revoked);
    }
}
