package dev.customertokens.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

/**
 * The one place that knows the {@code customer_account} object (CONTRACT 1.3): its fields in their canonical
 * order, how each is written, and how one is read from a request body or an import file. The refresh
 * endpoint, the admin API and the command line all go through it.
 */
public final class CustomerAccountJson {

    /** The fields of {@code customer_account}, in the seed's order. */
    public static final List<String> FIELDS = List.of("id", "type_id", "first_name", "last_name", "email",
            "confirmed", "phone_number", "locale", "state", "demographics", "optin_status_email", "optin_status_pn",
            "has_pending_email_change", "has_pending_phone_number_change", "is_social");

    static final IntPredicate EVERY_FIELD = field -> true;

    // written for every refresh: quoted and encoded once
    private static final List<SerializableString> ENCODED_FIELDS = FIELDS.stream()
            .<SerializableString>map(SerializedString::new).toList();
    private static final SerializableString CUSTOMER_ACCOUNT = new SerializedString("customer_account");

    private CustomerAccountJson() {
    }

    /** Writes {@code "customer_account": {…}} with the fields {@code included} selects, in canonical order. */
    static void write(JsonGenerator json, CustomerAccount a, IntPredicate included) throws IOException {
        json.writeFieldName(CUSTOMER_ACCOUNT);
        json.writeStartObject();
        for (int field = 0; field < FIELDS.size(); field++) {
            if (!included.test(field)) {
                continue;
            }
            json.writeFieldName(ENCODED_FIELDS.get(field));
            switch (field) {
                case 0 -> json.writeString(a.id().value());
                case 1 -> json.writeNumber(a.typeId());
                case 2 -> json.writeString(a.firstName());
                case 3 -> json.writeString(a.lastName());
                case 4 -> json.writeString(a.email());
                case 5 -> json.writeBoolean(a.confirmed());
                case 6 -> json.writeString(a.phoneNumber());
                case 7 -> json.writeString(a.locale());
                case 8 -> json.writeNumber(a.state());
                // stored as the JSON array text it was imported as, validated on import
                case 9 -> json.writeRawValue(a.demographicsJson());
                case 10 -> json.writeNumber(a.optinStatusEmail());
                case 11 -> json.writeNumber(a.optinStatusPn());
                case 12 -> json.writeBoolean(a.hasPendingEmailChange());
                case 13 -> json.writeBoolean(a.hasPendingPhoneNumberChange());
                case 14 -> json.writeBoolean(a.isSocial());
                default -> throw new IllegalStateException("no field " + field);
            }
        }
        json.writeEndObject();
    }

    /**
     * Reads an account from an object shaped like {@code customer_account}: {@code id} is required (or given by
     * {@code idFromPath}, which it must then equal), the strings may be null, the rest default as an import does
     * ({@code type_id} 1, {@code state} 1, numbers 0, booleans false, {@code demographics} empty).
     *
     * @param object     the JSON object to read
     * @param idFromPath the id an admin API path gives, which {@code id} may leave out but not contradict; null
     *                   to require {@code id}
     * @param problem    told each field at fault and what is wrong with it
     * @return the account, or null when {@code problem} was told anything
     */
    public static CustomerAccount read(JsonObject object, CustomerId idFromPath, BiConsumer<String, String> problem) {
        Reader reader = new Reader(object, problem);
        for (String name : object.fieldNames()) {
            if (!FIELDS.contains(name)) {
                reader.problem(name, "unknown field");
            }
        }
        CustomerId id = reader.id(idFromPath);
        int typeId = reader.integer("type_id", 1);
        String firstName = reader.string("first_name");
        String lastName = reader.string("last_name");
        String email = reader.string("email");
        boolean confirmed = reader.bool("confirmed");
        String phone = reader.string("phone_number");
        String locale = reader.string("locale");
        int state = reader.integer("state", CustomerAccount.ACTIVE_STATE);
        String demographics = reader.demographics();
        int optinEmail = reader.integer("optin_status_email", 0);
        int optinPn = reader.integer("optin_status_pn", 0);
        boolean pendingEmail = reader.bool("has_pending_email_change");
        boolean pendingPhone = reader.bool("has_pending_phone_number_change");
        boolean social = reader.bool("is_social");
        if (reader.failed) {
            return null;
        }
        return new CustomerAccount(id, typeId, firstName, lastName, email, confirmed, phone, locale, state,
                demographics, optinEmail, optinPn, pendingEmail, pendingPhone, social);
    }

    private static final class Reader {
        private final JsonObject object;
        private final BiConsumer<String, String> problems;
        private boolean failed;

        Reader(JsonObject object, BiConsumer<String, String> problems) {
            this.object = object;
            this.problems = problems;
        }

        void problem(String field, String what) {
            failed = true;
            problems.accept(field, what);
        }

        CustomerId id(CustomerId fromPath) {
            Object raw = object.getValue("id");
            if (raw == null && fromPath != null) {
                return fromPath;
            }
            if (!(raw instanceof String s)) {
                problem("id", "required, a string");
                return null;
            }
            if (!CustomerId.isValid(s)) {
                problem("id", "must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
                return null;
            }
            if (fromPath != null && !fromPath.value().equals(s)) {
                problem("id", "must equal the id in the path, or be left out");
                return null;
            }
            return CustomerId.of(s);
        }

        String string(String field) {
            Object value = object.getValue(field);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            problem(field, "must be a string or null");
            return null;
        }

        boolean bool(String field) {
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

        int integer(String field, int absent) {
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

        String demographics() {
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
