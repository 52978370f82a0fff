package dev.customertokens.adapters.http;

import java.util.regex.Pattern;

/** Whether an {@code Accept} header admits {@code application/json}, with RFC 9110 precedence and q-values. */
final class AcceptHeader {

    enum Verdict { ADMITS_JSON, EXCLUDES_JSON, MALFORMED }

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private AcceptHeader() {
    }

    /** The most specific range that matches JSON decides; a range with {@code q=0} refuses it. */
    static Verdict judge(String header) {
        if (header.equalsIgnoreCase("application/json") || header.equals("*/*")) {
            return Verdict.ADMITS_JSON; // what nearly every client sends, without splitting and matching
        }
        int bestSpecificity = 0;
        boolean bestAdmits = false;
        boolean anyRange = false;
        for (String element : header.split(",", -1)) {
            if (element.isBlank()) {
                continue;
            }
            anyRange = true;
            String[] parts = element.split(";", -1);
            String range = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            int slash = range.indexOf('/');
            if (slash <= 0 || slash == range.length() - 1) {
                return Verdict.MALFORMED;
            }
            String type = range.substring(0, slash);
            String subtype = range.substring(slash + 1);
            if (!TOKEN.matcher(type).matches() || !TOKEN.matcher(subtype).matches()
                    || (type.equals("*") && !subtype.equals("*"))) {
                return Verdict.MALFORMED;
            }
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    return Verdict.MALFORMED;
                }
                if (parameter.substring(0, equals).strip().equalsIgnoreCase("q")) {
                    String value = parameter.substring(equals + 1).strip();
                    if (!QVALUE.matcher(value).matches()) {
                        return Verdict.MALFORMED;
                    }
                    quality = Double.parseDouble(value);
                }
            }
            int specificity = specificityForJson(type, subtype);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                bestAdmits = quality > 0;
            } else if (specificity == bestSpecificity && specificity > 0) {
                // two ranges equally specific: refusing JSON takes precedence only if every one refuses it
                bestAdmits |= quality > 0;
            }
        }
        if (!anyRange) {
            return Verdict.MALFORMED;
        }
        return bestAdmits ? Verdict.ADMITS_JSON : Verdict.EXCLUDES_JSON;
    }

    private static int specificityForJson(String type, String subtype) {
        if (type.equals("application") && subtype.equals("json")) {
            return 3;
        }
        if (type.equals("application") && subtype.equals("*")) {
            return 2;
        }
        if (type.equals("*")) {
            return 1;
        }
        return 0;
    }
}
