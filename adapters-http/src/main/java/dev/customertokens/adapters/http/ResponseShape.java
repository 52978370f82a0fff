package dev.customertokens.adapters.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which fields of the 200 body a client asked for with sparse fieldsets (CONTRACT 1.5).
 *
 * <p>Fields are kept as bit sets over the canonical order, so whatever order or repetition the query
 * used, the body is written in the order of CONTRACT 1.3.
 */
final class ResponseShape {

    static final List<String> CUSTOMER_ACCOUNT_FIELDS = CustomerAccountJson.FIELDS;
    static final List<String> TOKEN_FIELDS = List.of("value", "ttl", "refresh_ttl");

    private static final String CUSTOMER_ACCOUNT = "customer_account";
    private static final String TOKEN = "token";
    private static final int TOKEN_VALUE = 0;

    static final ResponseShape FULL = new ResponseShape(all(CUSTOMER_ACCOUNT_FIELDS), all(TOKEN_FIELDS));

    private final BitSet accountFields;
    private final BitSet tokenFields;

    private ResponseShape(BitSet accountFields, BitSet tokenFields) {
        this.accountFields = accountFields;
        this.tokenFields = tokenFields;
    }

    boolean includesAccountField(int canonicalIndex) {
        return accountFields.get(canonicalIndex);
    }

    boolean includesTokenField(int canonicalIndex) {
        return tokenFields.get(canonicalIndex);
    }

    /**
     * Reads the raw query string; every problem goes to {@code problems} under the parameter's name.
     *
     * @return the shape, meaningful only when no problem was added
     */
    static ResponseShape fromQuery(String rawQuery, Problems problems) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return FULL;
        }
        BitSet account = null;
        BitSet token = null;
        Set<String> seen = new HashSet<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String name;
            String value;
            try {
                name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.query(rawName, "malformed percent-encoding");
                continue;
            }
            try {
                value = URLDecoder.decode(rawValue, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.query(name, "malformed percent-encoding");
                continue;
            }
            if (!seen.add(name)) {
                problems.query(name, "given more than once; list every field in one parameter");
                continue;
            }
            String resource = resourceOf(name);
            if (resource == null) {
                problems.query(name, "unknown query parameter; only fields[customer_account] and fields[token] are accepted");
            } else if (resource.equals(CUSTOMER_ACCOUNT)) {
                account = fields(name, value, CUSTOMER_ACCOUNT_FIELDS, problems);
            } else if (resource.equals(TOKEN)) {
                token = fields(name, value, TOKEN_FIELDS, problems);
                // losing the rotated token would lose the session, so it is always sent
                token.set(TOKEN_VALUE);
            } else {
                problems.query(name, "unknown resource: " + resource + "; known: customer_account, token");
            }
        }
        return new ResponseShape(account == null ? FULL.accountFields : account, token == null ? FULL.tokenFields : token);
    }

    private static String resourceOf(String name) {
        if (name.startsWith("fields[") && name.endsWith("]")) {
            return name.substring("fields[".length(), name.length() - 1);
        }
        return null;
    }

    private static BitSet fields(String parameter, String list, List<String> known, Problems problems) {
        BitSet selected = new BitSet(known.size());
        if (list.isBlank()) {
            problems.query(parameter, "empty field list");
            return selected;
        }
        for (String field : list.split(",", -1)) {
            String trimmed = field.strip();
            int index = known.indexOf(trimmed);
            if (trimmed.isEmpty()) {
                problems.query(parameter, "empty field name");
            } else if (index < 0) {
                problems.query(parameter, "unknown field: " + trimmed);
            } else {
                selected.set(index);
            }
        }
        return selected;
    }

    private static BitSet all(List<String> fields) {
        BitSet bits = new BitSet(fields.size());
        bits.set(0, fields.size());
        return bits;
    }
}
