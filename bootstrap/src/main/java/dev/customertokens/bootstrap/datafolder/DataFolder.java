package dev.customertokens.bootstrap.datafolder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The data folder (CONTRACT 2.5): mode 700, holding the embedded database and, beside it, the secrets generated at
 * first start (mode 600), so that only the processes of the folder's owner can read any of them.
 */
public final class DataFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

    /** The embedded database's password: its server port (AUTO_SERVER) asks for it. */
    public static final String DB_PASSWORD_FILE = "db-password";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataFolder() {
    }

    /**
     * Creates the folder with mode 700, or takes group and other permissions away from one that has them (a folder
     * made by an earlier version with mode 755, whose database file another local user could copy).
     */
    public static void prepare(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // another of our processes made it at the same moment; checked below like any existing folder
            }
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: its own access control applies
        }
        // umask may have taken bits away from the mode asked for, never added any; an older folder may have more
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(permissions)) {
            view.setPermissions(OWNER_ONLY);
            LOG.warn("The data folder {} was readable by other users ({}); it is now mode 700.", dir,
                    PosixFilePermissions.toString(permissions));
        }
    }

    /**
     * The secret kept in {@code dir/fileName}, generated (48 random bytes, base64url) and written with mode 600 when
     * the file does not exist yet.
     *
     * @return the file's content, stripped
     */
    public static String readOrCreateSecret(Path dir, String fileName, Runnable onCreate) throws IOException {
        prepare(dir);
        Path file = dir.resolve(fileName);
        if (!Files.exists(file) && create(file)) {
            onCreate.run();
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static boolean create(Path file) throws IOException {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path draft = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".draft",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(draft, secret + "\n", StandardCharsets.UTF_8);
            // A hard link appears whole or not at all and never replaces: when two of our processes start
            // at once, both end up with the first one's secret, and neither reads a half-written file.
            Files.createLink(file, draft);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
