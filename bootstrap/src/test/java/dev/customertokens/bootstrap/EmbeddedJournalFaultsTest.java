package dev.customertokens.bootstrap;

import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.DemoData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded file's journal on a disk that fills up: refreshes answer 503 {@code unavailable} with
 * {@code Retry-After} (never a 200 that is not durable, never a 500), readiness is DOWN naming the database, and
 * once the disk has room the service answers 200 and is ready again without a restart.
 */
class EmbeddedJournalFaultsTest {

    @TempDir
    Path dataDir;

    @AfterEach
    void roomOnTheDisk() {
        FailingJournalDisk.failing(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "power"})
    void while_the_journal_cannot_be_written_refreshes_answer_503_and_readiness_is_down_until_it_can(String durability) {
        try (TestService node = new TestService(new MutableClock(TestService.START),
                FailingJournalDisk.url(dataDir.resolve("tokens")), "--embedded-durability", durability)) {
            node.tokens().administration().register(DemoData.demoApplication());
            HttpResponse<Buffer> first = node.refresh(node.login().token());
            assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
            String token = tokenOf(first);

            FailingJournalDisk.failing(true);
            for (int attempt = 0; attempt < 3; attempt++) {
                HttpResponse<Buffer> refused = node.refresh(token);
                assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
                assertThat(new JsonObject(refused.bodyAsString()).getString("error")).isEqualTo("unavailable");
                assertThat(refused.getHeader("Retry-After")).matches("\\d+");
            }
            HttpResponse<Buffer> down = node.management(HttpMethod.GET, "/health/ready");
            assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(503);
            JsonObject body = new JsonObject(down.bodyAsString());
            assertThat(body.getString("status")).isEqualTo("DOWN");
            assertThat(body.getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .filter(check -> check.getString("id").equals("database")).findFirst().orElseThrow()
                    .getString("status")).isEqualTo("DOWN");

            FailingJournalDisk.failing(false);
            HttpResponse<Buffer> up = node.management(HttpMethod.GET, "/health/ready");
            assertThat(up.statusCode()).as(up.bodyAsString()).isEqualTo(200);
            HttpResponse<Buffer> again = node.refresh(token);
            assertThat(again.statusCode()).as("the token the refused refreshes presented: " + again.bodyAsString())
                    .isEqualTo(200);
            assertThat(node.refresh(tokenOf(again)).statusCode()).isEqualTo(200);
        }
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }
}
