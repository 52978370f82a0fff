package dev.customertokens.adapters.persistence.h2;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the adapter adds to an H2 URL, unless the URL already names the setting.
 *
 * <ul>
 *   <li>An embedded file database ({@code jdbc:h2:file:...}, or a bare path such as {@code jdbc:h2:./data/db},
 *       {@code jdbc:h2:/var/db}, {@code jdbc:h2:~/db}) gets {@code AUTO_SERVER=TRUE}, so that the command-line
 *       program, another process, can work on the file while {@code serve} has it open, and
 *       {@code COMPRESS=TRUE}: pages are stored compressed (LZF), which keeps the file about a third smaller
 *       (a million sessions: 87 MiB instead of 134), at no measurable cost in throughput (H2 then allows
 *       pages of up to 64 KiB rather than 4, though a page still splits at 48 rows; at a million sessions
 *       uncompressed pages measured the same rate, their cost moving from compressing to reading back a
 *       file twice the size); and
 *       {@code RETENTION_TIME=0}: space H2 freed may be written again at once rather than after 45 s. Bulk
 *       writes (a million logins begun in batches) left a 1,409 MiB file with the default and 82-105 MiB
 *       without retention, at the same rotation rate. The retention guards
 *       against a disk that reorders writes across a power loss; this service's durability is the killed
 *       process's, never the power loss's (nothing is {@code fsync}ed), and against a killed process
 *       every write already reached the operating system in order. (That holds for H2 2.4.240; 2.5.252
 *       lost checkpointed rows after a kill with this setting, which {@code H2DurabilityTest} catches.)
 *       H2's own {@code WRITE_DELAY} stays (writes in the background); the journal or the group commit
 *       makes each write durable before the repository returns.</li>
 *   <li>An in-memory database ({@code jdbc:h2:mem:...}) gets {@code DB_CLOSE_DELAY=-1}, so that it lives as
 *       long as the JVM rather than as long as some pooled connection.</li>
 *   <li>Anything else (a {@code tcp:} or {@code ssl:} server URL, PostgreSQL) is used as given.</li>
 * </ul>
 */
public final class H2Urls {

    private static final String H2 = "jdbc:h2:";

    private H2Urls() {
    }

    public static String effective(String url) {
        if (isH2File(url)) {
            return withDefaults(url, "AUTO_SERVER=TRUE", "COMPRESS=TRUE", "RETENTION_TIME=0");
        }
        if (isH2Memory(url)) {
            return withDefaults(url, "DB_CLOSE_DELAY=-1");
        }
        return url;
    }

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
