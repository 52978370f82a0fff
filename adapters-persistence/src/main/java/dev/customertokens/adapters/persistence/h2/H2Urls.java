package dev.customertokens.adapters.persistence.h2;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.h2.store.fs.disk.FilePathDisk;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells the forms of H2 URL apart, and completes one with the settings the adapter relies on, unless the URL names
 * them already (H2's keys are case-insensitive). An embedded file gets {@code AUTO_SERVER=TRUE}, so that commands
 * reach it while {@code serve} has it open, {@code COMPRESS=TRUE} and {@code RETENTION_TIME=0}
 * ({@code docs/decisions/0005-h2-url-settings.md}); an in-memory database {@code DB_CLOSE_DELAY=-1}, to live as
 * long as the JVM. A server URL ({@code tcp:}, {@code ssl:}) and PostgreSQL's are used as given.
 */
public final class H2Urls {

    private static final String H2 = "jdbc:h2:";

    private H2Urls() {
    }

    /**
     * The URL with the settings above added.
     *
     * @throws IllegalArgumentException for an H2 URL that names neither a file on the disk, nor a server, nor an
     *                                  in-memory database ({@link #check})
     */
    public static String effective(String url) {
        check(url);
        if (isH2File(url)) {
            return withDefaults(url, "AUTO_SERVER=TRUE", "COMPRESS=TRUE", "RETENTION_TIME=0");
        }
        if (isH2Memory(url)) {
            return withDefaults(url, "DB_CLOSE_DELAY=-1");
        }
        return url;
    }

    /**
     * Refuses an H2 URL whose writes the adapter could not make durable, naming the forms it takes: an embedded
     * file on the disk, directly or through one of H2's file systems over it ({@code nio:}, {@code async:},
     * {@code split:}, ...); a server ({@code tcp:}, {@code ssl:}); an in-memory database ({@code mem:}). Any other
     * URL passes.
     */
    public static void check(String url) {
        if (url.startsWith(H2) && !isH2Memory(url) && !isH2Server(url) && fileOnDisk(url) == null) {
            String rest = url.substring(H2.length());
            String form = rest.indexOf(':') < 0 ? rest : rest.substring(0, rest.indexOf(':') + 1);
            throw new IllegalArgumentException("jdbc:h2:" + form + " is not a form whose writes can be made durable: "
                    + "give an embedded file (jdbc:h2:file:PATH, or on one of H2's file systems over the disk such as "
                    + "jdbc:h2:nio:PATH), an H2 server (jdbc:h2:tcp://HOST/PATH, jdbc:h2:ssl://HOST/PATH) or "
                    + "jdbc:h2:mem:NAME");
        }
    }

    /**
     * Whether the URL names an embedded file on the disk: {@code jdbc:h2:file:...}, a bare path such as
     * {@code jdbc:h2:./data/db}, {@code jdbc:h2:/var/db}, {@code jdbc:h2:~/db} or {@code jdbc:h2:C:/db}, or a path
     * on one of H2's file systems whose files end on the disk ({@code nio:}, {@code async:}, {@code split:}, ...).
     */
    public static boolean isH2File(String url) {
        return fileOnDisk(url) != null;
    }

    /**
     * The file path an embedded H2 URL names, as H2 resolves it (without the {@code .mv.db} H2 appends):
     * {@code jdbc:h2:file:./data/db;AUTO_SERVER=TRUE} gives {@code ./data/db}, {@code ~} the user's home.
     */
    static String h2FilePath(String url) {
        FilePath file = fileOnDisk(url);
        if (file == null) {
            throw new IllegalArgumentException("not an embedded H2 file URL");
        }
        return file.toString();
    }

    /** The H2 file system the URL's file is on (a test's may hold the journal too). */
    static FilePath fileSystemPath(String url) {
        return FilePath.get(name(url));
    }

    /** The file on the disk an H2 URL names, through H2's own file systems; null when it names none. */
    private static FilePath fileOnDisk(String url) {
        if (!url.startsWith(H2) || isH2Memory(url) || isH2Server(url)) {
            return null;
        }
        String name = name(url);
        FilePath path = FilePath.get(name);
        while (path instanceof FilePathWrapper wrapper) {
            path = wrapper.unwrap();
        }
        // H2 reads an unknown scheme as part of a relative path on the disk
        boolean schemeLeft = path.toString().indexOf(':') >= 2;
        return path instanceof FilePathDisk && !schemeLeft ? path : null;
    }

    /** The database name of an H2 URL: what follows {@code jdbc:h2:} up to the settings, {@code file:} left out. */
    private static String name(String url) {
        String rest = url.substring(H2.length());
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        return name.regionMatches(true, 0, "file:", 0, 5) ? name.substring(5) : name;
    }

    /** Whether the URL names an H2 server ({@code jdbc:h2:tcp:...}, {@code jdbc:h2:ssl:...}), whose process holds the file. */
    public static boolean isH2Server(String url) {
        return url.regionMatches(true, 0, H2 + "tcp:", 0, H2.length() + 4)
                || url.regionMatches(true, 0, H2 + "ssl:", 0, H2.length() + 4);
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
