package dev.customertokens.adapters.persistence.h2;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completes an H2 URL with the settings the adapter relies on, unless the URL names them already (H2's keys
 * are case-insensitive). An embedded file gets {@code AUTO_SERVER=TRUE}, so that commands reach it while
 * {@code serve} has it open, {@code COMPRESS=TRUE} and {@code RETENTION_TIME=0}
 * ({@code docs/decisions/0005-h2-url-settings.md}); an in-memory database {@code DB_CLOSE_DELAY=-1}, to live as
 * long as the JVM. A server URL ({@code tcp:}, {@code ssl:}) and PostgreSQL's are used as given.
 */
public final class H2Urls {

    private static final String H2 = "jdbc:h2:";

    private H2Urls() {
    }

    /** The URL with the settings above added. */
    public static String effective(String url) {
        if (isH2File(url)) {
            return withDefaults(url, "AUTO_SERVER=TRUE", "COMPRESS=TRUE", "RETENTION_TIME=0");
        }
        if (isH2Memory(url)) {
            return withDefaults(url, "DB_CLOSE_DELAY=-1");
        }
        return url;
    }

    /**
     * Whether the URL names an embedded file: {@code jdbc:h2:file:...}, or a bare path such as
     * {@code jdbc:h2:./data/db}, {@code jdbc:h2:/var/db}, {@code jdbc:h2:~/db} or {@code jdbc:h2:C:/db}.
     */
    public static boolean isH2File(String url) {
        if (!url.startsWith(H2)) {
            return false;
        }
        String rest = url.substring(H2.length());
        if (rest.regionMatches(true, 0, "file:", 0, 5)) {
            return true;
        }
        return rest.startsWith(".") || rest.startsWith("/") || rest.startsWith("~") || rest.startsWith("\\")
                || rest.matches("(?s)[A-Za-z]:[\\\\/].*");
    }

    /**
     * The file path an embedded H2 URL names, as H2 resolves it (without the {@code .mv.db} H2 appends):
     * {@code jdbc:h2:file:./data/db;AUTO_SERVER=TRUE} gives {@code ./data/db}, {@code ~} the user's home.
     */
    static String h2FilePath(String url) {
        if (!isH2File(url)) {
            throw new IllegalArgumentException("not an embedded H2 file URL");
        }
        String rest = url.substring(H2.length());
        if (rest.regionMatches(true, 0, "file:", 0, 5)) {
            rest = rest.substring(5);
        }
        int settings = rest.indexOf(';');
        String path = settings < 0 ? rest : rest.substring(0, settings);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    /** Whether the URL names an in-memory database, {@code jdbc:h2:mem:...}. */
    public static boolean isH2Memory(String url) {
        return url.regionMatches(true, 0, H2 + "mem:", 0, H2.length() + 4);
    }

    /** Appends each {@code KEY=VALUE} whose key the URL does not set already (H2 keys are case-insensitive). */
    private static String withDefaults(String url, String... settings) {
        Set<String> named = namedSettings(url);
        StringBuilder result = new StringBuilder(url);
        for (String setting : settings) {
            String key = setting.substring(0, setting.indexOf('='));
            if (!named.contains(key)) {
                if (result.charAt(result.length() - 1) != ';') {
                    result.append(';');
                }
                result.append(setting);
            }
        }
        return result.toString();
    }

    private static Set<String> namedSettings(String url) {
        Set<String> keys = new TreeSet<>();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = (eq < 0 ? parts[i] : parts[i].substring(0, eq)).strip().toUpperCase(Locale.ROOT);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }
}
