package dev.customertokens.bootstrap.cli.imports;

import java.util.List;

/** An import file that cannot be imported, with every problem found in it (exit 2, nothing written). */
public final class ImportException extends RuntimeException {

    ImportException(List<String> problems) {
        super(String.join("; ", problems));
    }
}
