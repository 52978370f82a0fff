package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.adapters.http.WireJson;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code sessions revoke}, {@code sessions list} and {@code sessions purge}. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "Manages sessions.")
final class SessionsCommand extends CommandGroup {

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes one session, or every session of a customer; their tokens stop working for good.")
    static final class Revoke extends StoreCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--session", required = true, description = "The session id.")
            Long session;
            @Option(names = "--customer", required = true, description = "The customer account id: all their sessions.")
            String customer;
        }

        @Override
        int run(CustomerTokens tokens) {
            int revoked = target.session != null
                    ? (tokens.revokeSessions().revokeSession(SessionId.of(target.session)) ? 1 : 0)
                    : tokens.revokeSessions().revokeCustomerSessions(CustomerId.of(target.customer));
            out().println(new JsonObject().put("revoked", revoked).encode());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Prints the customer's sessions, live and revoked, one JSON object a line (never a token).")
    static final class List extends StoreCommand {
        @Option(names = "--customer", required = true, description = "The customer account id.")
        String customer;

        @Override
        int run(CustomerTokens tokens) {
            PrintWriter out = out();
            for (Session session : tokens.listSessions().sessionsOf(CustomerId.of(customer))) {
                out.println(WireJson.session(session));
            }
            return 0;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Deletes now the sessions housekeeping would delete (refresh window ended, or revoked "
                    + "more than --retention-days ago) and prints how many.")
    static final class Purge extends StoreCommand {
        @Override
        int run(CustomerTokens tokens) {
            out().println(tokens.purgeSessions().purge());
            return 0;
        }
    }
}
