package dev.customertokens.bootstrap.cli.imports;

import dev.customertokens.domain.CustomerAccount;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import file's parser: one account at a time as the stream arrives, values as Vert.x decodes them. */
class CustomerImportFileTest {

    private static String entry(String id) {
        return "{\"id\": \"" + id + "\", \"first_name\": \"Ana\", \"email\": \"" + id + "@example.com\", \"state\": 1,"
                + " \"demographics\": [{\"key\": \"city\", \"value\": \"Novi Sad\", \"score\": 1.5}]}";
    }

    @Test
    void the_parser_hands_over_each_account_before_it_reads_the_rest_of_the_array() throws IOException {
        int entries = 100_000;
        CountingStream in = new CountingStream(generated(entries));
        List<Long> bytesReadAtEachAccount = new ArrayList<>();

        int read = CustomerImportFile.read(in, account -> {
            if (bytesReadAtEachAccount.size() < 3) {
                bytesReadAtEachAccount.add(in.count);
            }
        });

        assertThat(read).isEqualTo(entries);
        assertThat(in.count).as("the generated file's size").isGreaterThan(10_000_000L);
        assertThat(bytesReadAtEachAccount).as("the first accounts arrive after Jackson's first buffers, not the whole file")
                .allSatisfy(bytes -> assertThat(bytes).isLessThan(64 * 1024L));
    }

    @Test
    void values_are_read_as_vertx_decodes_them_so_demographics_are_stored_as_the_admin_api_stores_them() throws IOException {
        List<CustomerAccount> accounts = new ArrayList<>();
        String text = "[{\"id\": \"x\", \"demographics\": [{\"n\": 1, \"big\": 12345678901, \"f\": 1.50, \"b\": true,"
                + " \"z\": null, \"s\": \"\\u0161\", \"a\": [1, {\"k\": []}]}]}]";

        CustomerImportFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), accounts::add);

        assertThat(accounts).singleElement().extracting(CustomerAccount::demographicsJson).isEqualTo(
                new io.vertx.core.json.JsonObject(text.substring(1, text.length() - 1)).getJsonArray("demographics").encode());
        assertThatThrownBy(() -> CustomerImportFile.read(new ByteArrayInputStream("[{\"id\": \"x\"},".getBytes(StandardCharsets.UTF_8)),
                account -> { })).isInstanceOf(ImportException.class).hasMessageContaining("not valid JSON at line 1");
    }

    /** A JSON array of {@code count} accounts, made as it is read. */
    private static InputStream generated(int count) {
        Iterator<InputStream> parts = IntStream.rangeClosed(-1, count).mapToObj(n -> n == -1 ? "["
                : n == count ? "]" : (n == 0 ? "" : ",\n") + entry("gen-" + n))
                .map(part -> (InputStream) new ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8))).iterator();
        return new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return parts.next();
            }
        });
    }

    private static final class CountingStream extends InputStream {
        private final InputStream in;
        long count;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
