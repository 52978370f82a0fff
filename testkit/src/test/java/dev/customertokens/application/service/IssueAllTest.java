package dev.customertokens.application.service;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.NamingCodec;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.SessionId;
import dev.customertokens.domain.TokenClaims;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions begun in bulk: many customers at once, each session its customer's, nothing begun when one is refused. */
class IssueAllTest {

    private static final CustomerId ANA = CustomerId.of("ana");
    private static final CustomerId INACTIVE = CustomerId.of("gone");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApplications applications = new InMemoryApplications();
    private final InMemoryCustomerAccounts customers = new InMemoryCustomerAccounts();
    private final InMemorySessions sessions = new InMemorySessions(customers);
    private final NamingCodec codec = new NamingCodec();
    private final List<AuditEvent> events = new ArrayList<>();
    private final IssueTokenService issue = new IssueTokenService(applications, customers, sessions, codec,
            new SecureRandomTokenIds(), clock, new TokenSettings("http://tokens.test", DemoData.SEED_SUBJECT_HASH,
            RotationPolicy.defaults()), events::add);

    IssueAllTest() {
        applications.save(DemoData.demoApplication());
        applications.save(DemoData.otherApplication());
        customers.save(DemoData.ivan());
        customers.save(DemoData.customer(ANA.value(), 1));
        customers.save(DemoData.customer(INACTIVE.value(), 0));
    }

    @Test
    void each_command_begins_one_session_of_its_own_customer_and_application_in_the_commands_order() {
        List<IssueTokenCommand> commands = List.of(
                new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null),
                new IssueTokenCommand(ANA, DemoData.OTHER_KEY, null),
                new IssueTokenCommand(DemoData.IVAN_ID, DemoData.OTHER_KEY, null));

        List<TokenGrant> grants = issue.issueAll(commands);

        assertThat(grants).hasSize(3);
        List<TokenClaims> claims = grants.stream().map(grant -> codec.claimsOf(grant.token())).toList();
        assertThat(claims).extracting(TokenClaims::sub).containsExactly(DemoData.IVAN_ID.value(), ANA.value(),
                DemoData.IVAN_ID.value());
        assertThat(claims).extracting(TokenClaims::applicationId).containsExactly(DemoData.demoApplication().id().value(),
                DemoData.otherApplication().id().value(), DemoData.otherApplication().id().value());
        assertThat(claims).extracting(TokenClaims::sessionId).doesNotHaveDuplicates();
        for (TokenClaims claim : claims) {
            assertThat(sessions.find(SessionId.of(claim.sessionId()))).hasValueSatisfying(session ->
                    assertThat(session.customerId().value()).isEqualTo(claim.sub()));
        }
        assertThat(grants).extracting(grant -> grant.customerAccount().id()).containsExactly(DemoData.IVAN_ID, ANA, DemoData.IVAN_ID);
        assertThat(events).extracting(AuditEvent::customer).containsExactly(DemoData.IVAN_ID, ANA, DemoData.IVAN_ID);
    }

    @Test
    void one_refused_command_begins_no_session_at_all() {
        List<IssueTokenCommand> commands = List.of(
                new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null),
                new IssueTokenCommand(INACTIVE, DemoData.DEMO_KEY, null));

        assertThatThrownBy(() -> issue.issueAll(commands)).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(Refusal.CUSTOMER_INACTIVE));
        assertThat(sessions.listOf(DemoData.IVAN_ID)).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void an_empty_list_is_a_programming_error() {
        assertThatThrownBy(() -> issue.issueAll(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
