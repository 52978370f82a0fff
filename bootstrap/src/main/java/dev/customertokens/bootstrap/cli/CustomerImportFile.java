package dev.customertokens.bootstrap.cli;

import dev.customertokens.adapters.http.CustomerAccountJson;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the file of {@code customers import}: a JSON array of objects shaped like {@code customer_account}.
 * The whole file is checked before anything is written, so a mistake on line 900 does not leave the
 * first 899 accounts half imported; every problem is reported, with the entry it is in. Each entry is read
 * by {@link CustomerAccountJson}, as the admin API reads one.
 */
final class CustomerImportFile {

    private CustomerImportFile() {
    }

    static List<CustomerAccount> parse(String text) {
        JsonArray array;
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(text);
            if (!(parsed instanceof JsonArray a)) {
                throw new ImportException(List.of("the file must hold a JSON array of customer accounts"));
            }
            array = a;
        } catch (DecodeException e) {
            throw new ImportException(List.of("the file is not valid JSON: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        List<CustomerAccount> accounts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object entry = array.getValue(i);
            if (!(entry instanceof JsonObject object)) {
                problems.add("entry " + i + ": must be an object");
                continue;
            }
            int index = i;
            CustomerAccount account = CustomerAccountJson.read(object, null,
                    (field, problem) -> problems.add("entry " + index + ", " + field + ": " + problem));
            if (account != null) {
                accounts.add(account);
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return accounts;
    }

    static final class ImportException extends RuntimeException {
        private final List<String> problems;

        ImportException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

}
