package dev.customertokens.bootstrap.cli.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order an import writes its accounts in: by id within runs, the runs in the file's order, none lost. */
class ImportOrderTest {

    @TempDir
    Path folder;

    /** The offsets {@code order} gives, in its order. */
    private static List<Long> offsets(ImportOrder order) throws IOException {
        List<Long> given = new ArrayList<>();
        order.forEachInOrder((offset, length) -> given.add(offset));
        return given;
    }

    @Test
    void entries_come_in_the_order_of_their_ids_with_their_offsets_and_lengths() throws IOException {
        List<String> ids = IntStream.range(0, 5_000).mapToObj(n -> UUID.nameUUIDFromBytes(new byte[] {(byte) n,
                (byte) (n >> 8)}).toString()).toList();
        List<long[]> given = new ArrayList<>();
        try (ImportOrder order = new ImportOrder(ImportOrder.RUN, folder)) {
            for (int n = 0; n < ids.size(); n++) {
                order.add(ids.get(n), 1_000L * n, 100 + n);
            }
            order.forEachInOrder((offset, length) -> given.add(new long[] {offset, length}));
        }

        List<String> written = given.stream().map(entry -> ids.get((int) (entry[0] / 1_000))).toList();
        assertThat(written).hasSize(ids.size()).isSorted().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(given).allSatisfy(entry -> assertThat(entry[1]).isEqualTo(100 + entry[0] / 1_000));
    }

    @Test
    void the_key_keeps_the_order_of_the_ids_characters() {
        List<String> ids = new ArrayList<>(List.of("-", ".", "0", "9", "A", "Z", "_", "a", "z", "a-", "a.", "a0",
                "customer-00000000001", "customer-00000000002", "x".repeat(64)));
        Collections.shuffle(ids, new Random(1));
        List<String> byKey = new ArrayList<>(ids);
        byKey.sort((a, b) -> {
            int first = Long.compare(ImportOrder.keyPart(a, 0), ImportOrder.keyPart(b, 0));
            return first != 0 ? first : Long.compare(ImportOrder.keyPart(a, 10), ImportOrder.keyPart(b, 10));
        });

        assertThat(byKey).isSorted();
    }

    @Test
    void equal_keys_keep_the_files_order_so_the_later_of_an_id_given_twice_comes_last() throws IOException {
        try (ImportOrder order = new ImportOrder(ImportOrder.RUN, folder)) {
            order.add("b", 0, 10);
            order.add("twice", 10, 10);
            order.add("a", 20, 10);
            order.add("twice", 30, 10);
            order.add("same-first-twenty-characters-1", 40, 10);
            order.add("same-first-twenty-characters-0", 50, 10);

            assertThat(offsets(order)).containsExactly(20L, 0L, 40L, 50L, 10L, 30L);
        }
    }

    @Test
    void a_file_longer_than_a_run_is_ordered_run_by_run_in_the_files_order() throws IOException {
        try (ImportOrder order = new ImportOrder(3, folder)) {
            String[] ids = {"c", "a", "b", "twice", "e", "d", "twice", "a"};
            for (int n = 0; n < ids.length; n++) {
                order.add(ids[n], n, 1);
            }

            assertThat(offsets(order)).as("runs {c a b} {twice e d} {twice a}")
                    .containsExactly(1L, 2L, 0L, 5L, 4L, 3L, 7L, 6L);
        }
    }

    @Test
    void files_made_of_sorted_stretches_come_out_in_order() throws IOException {
        int n = 20_000;
        List<String> ascendingThenDescending = new ArrayList<>();
        List<String> twoSortedExports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ascendingThenDescending.add(String.format("id-%08d", i < n / 2 ? i : n - i));
            twoSortedExports.add(String.format("id-%08d", i < n / 2 ? 2 * i : 2 * (i - n / 2) + 1));
        }
        for (List<String> ids : List.of(ascendingThenDescending, twoSortedExports)) {
            try (ImportOrder order = new ImportOrder(ImportOrder.RUN, folder)) {
                for (int i = 0; i < ids.size(); i++) {
                    order.add(ids.get(i), i, 1);
                }
                List<String> written = offsets(order).stream().map(offset -> ids.get(offset.intValue())).toList();

                assertThat(written).hasSize(n).isSorted();
            }
        }
    }

    @Test
    void a_run_set_aside_is_a_temporary_file_deleted_on_close() throws IOException {
        ImportOrder order = new ImportOrder(2, folder);
        order.add("b", 0, 1);
        order.add("a", 1, 1);
        assertThat(folder).isEmptyDirectory();

        order.add("c", 2, 1);
        assertThat(Files.list(folder)).hasSize(1);
        assertThat(offsets(order)).containsExactly(1L, 0L, 2L);

        order.close();
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void an_entry_too_long_or_too_far_to_place_is_refused_naming_it() throws IOException {
        try (ImportOrder order = new ImportOrder(ImportOrder.RUN, folder)) {
            assertThatThrownBy(() -> order.add("x", 123, ImportOrder.LONGEST_ENTRY + 1))
                    .isInstanceOf(ImportException.class).hasMessageContaining("byte 123");
            assertThatThrownBy(() -> order.add("x", ImportOrder.LARGEST_FILE, 1))
                    .isInstanceOf(ImportException.class).hasMessageContaining("larger than");
        }
    }

    @Test
    void offsets_up_to_the_largest_file_keep_their_order() throws IOException {
        try (ImportOrder order = new ImportOrder(ImportOrder.RUN, folder)) {
            long far = ImportOrder.LARGEST_FILE - 100;
            order.add("twice", far, 10);
            order.add("twice", 10, 10);
            order.add("twice", 1L << 39, 10);

            assertThat(offsets(order)).containsExactly(10L, 1L << 39, far);
        }
    }
}
