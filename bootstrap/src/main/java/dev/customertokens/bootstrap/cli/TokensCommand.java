package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.adapters.http.WireJson;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.KeyThumbprint;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** {@code tokens issue}: logins from the command line, signed as the {@code serve} beside it signs. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Issues tokens.")
final class TokensCommand extends CommandGroup {

    static final int MAX_COUNT = 100_000;

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Begins a session (a login) and prints the refresh endpoint's data: customer_account and token; "
                    + "with --count N, N sessions, one JSON object a line. Run beside serve on the same data folder, it "
                    + "takes serve's public settings (issuer, subject hash, lifetimes, key) from the folder.")
    static final class Issue extends StoreCommand {
        @Option(names = "--customer", required = true, description = "The customer account id.")
        String customer;
        @Option(names = "--application", required = true, description = "The application key (32 lowercase hex).")
        String application;
        @Option(names = "--device-uuid", description = "The device the session begins on.")
        String deviceUuid;
        @Option(names = "--dpop-jkt", description = "Binds the session to the client key of this RFC 7638 SHA-256 "
                + "thumbprint (43 base64url characters): refreshing it then needs a DPoP proof of that key.")
        String dpopJkt;
        @Option(names = "--count", defaultValue = "1", description = "How many sessions to begin (default: ${DEFAULT-VALUE}).")
        int count;

        private IssueTokenCommand command;
        private Optional<JsonObject> serve = Optional.empty();

        @Override
        Settings settings() {
            if (count < 1 || count > MAX_COUNT) {
                throw new ConfigurationException("--count must be between 1 and " + MAX_COUNT + ", not " + count);
            }
            if (dpopJkt != null && !KeyThumbprint.isWellFormed(dpopJkt)) {
                throw new ConfigurationException("--dpop-jkt must be the client key's RFC 7638 SHA-256 thumbprint: "
                        + "43 base64url characters");
            }
            command = new IssueTokenCommand(CustomerId.of(customer), ApplicationKey.of(application),
                    deviceUuid == null ? null : DeviceUuid.of(deviceUuid), dpopJkt == null ? null : KeyThumbprint.of(dpopJkt));
            serve = ServeSettingsFile.complete(config);
            return super.settings();
        }

        @Override
        int run(CustomerTokens tokens) {
            serve.ifPresent(recorded -> ServeSettingsFile.checkSigningKey(recorded, tokens.settings()));
            List<TokenGrant> grants = tokens.issueToken().issueAll(command, count);
            PrintWriter out = out();
            for (TokenGrant grant : grants) {
                out.println(WireJson.grantData(grant));
            }
            return 0;
        }
    }
}
