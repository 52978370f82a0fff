package dev.customertokens.adapters.jwt;

import java.nio.file.Path;

/** A key file that cannot be used; the message names the file and the problem, for the operator to fix. */
public final class KeyFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    KeyFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
