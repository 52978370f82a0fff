package dev.customertokens.bootstrap;

import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the file of {@code customers import}: a JSON array of objects shaped like {@code customer_account}.
 * The whole file is checked before anything is written, so a mistake on line 900 does not leave the
 * first 899 accounts half imported; every problem is reported, with the entry it is in.
 */
final class CustomerImportFile {

    static final Set<String> FIELDS = Set.of("id", "type_id", "first_name", "last_name", "email", "confirmed",
            "phone_number", "locale", "state", "demographics", "optin_status_email", "optin_status_pn",
            "has_pending_email_change", "has_pending_phone_number_change", "is_social");

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
            Entry reader = new Entry(i, object, problems);
            CustomerAccount account = reader.toAccount();
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

    private static final class Entry {
        private final int index;
        private final JsonObject object;
        private final List<String> problems;
        private final int problemsBefore;

        Entry(int index, JsonObject object, List<String> problems) {
            this.index = index;
            this.object = object;
            this.problems = problems;
            this.problemsBefore = problems.size();
        }

        CustomerAccount toAccount() {
            for (String name : object.fieldNames()) {
                if (!FIELDS.contains(name)) {
                    problem(name, "unknown field");
                }
            }
            CustomerId id = null;
            Object rawId = object.getValue("id");
            if (!(rawId instanceof String s)) {
                problem("id", "required, a string");
            } else {
                try {
                    id = CustomerId.of(s);
                } catch (IllegalArgumentException e) {
                    problem("id", e.getMessage());
                }
            }
            int typeId = integer("type_id", 1);
            String firstName = string("first_name");
            String lastName = string("last_name");
            String email = string("email");
            boolean confirmed = bool("confirmed");
            String phone = string("phone_number");
            String locale = string("locale");
            int state = integer("state", CustomerAccount.ACTIVE_STATE);
            String demographics = demographics();
            int optinEmail = integer("optin_status_email", 0);
            int optinPn = integer("optin_status_pn", 0);
            boolean pendingEmail = bool("has_pending_email_change");
            boolean pendingPhone = bool("has_pending_phone_number_change");
            boolean social = bool("is_social");
            if (problems.size() > problemsBefore) {
                return null;
            }
            return new CustomerAccount(id, typeId, firstName, lastName, email, confirmed, phone, locale, state,
                    demographics, optinEmail, optinPn, pendingEmail, pendingPhone, social);
        }

        private void problem(String field, String what) {
            problems.add("entry " + index + ", " + field + ": " + what);
        }

        private String string(String field) {
            Object value = object.getValue(field);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            problem(field, "must be a string or null");
            return null;
        }

        private boolean bool(String field) {
            Object value = object.getValue(field);
            if (value == null) {
                return false;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            problem(field, "must be true or false");
            return false;
        }

        private int integer(String field, int absent) {
            Object value = object.getValue(field);
            if (value == null) {
                return absent;
            }
            if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() == ((Number) value).intValue()) {
                return ((Number) value).intValue();
            }
            problem(field, "must be an integer");
            return absent;
        }

        private String demographics() {
            Object value = object.getValue("demographics");
            if (value == null) {
                return "[]";
            }
            if (!(value instanceof JsonArray array)) {
                problem("demographics", "must be an array of objects");
                return "[]";
            }
            for (Object element : array) {
                if (!(element instanceof JsonObject) && !(element instanceof Map)) {
                    problem("demographics", "must be an array of objects");
                    return "[]";
                }
            }
            return array.encode();
        }
    }
}
