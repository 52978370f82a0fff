package dev.customertokens.bootstrap.cli.imports;

import java.util.List;

/**
 * An import file that cannot be imported, with every problem found in it (exit 2). Found by the checking pass,
 * nothing was written; found while writing (the file changed in between), the batches written before stay.
 */
public final class ImportException extends RuntimeException {

    ImportException(List<String> problems) {
        super(String.join("; ", problems));
    }
}
