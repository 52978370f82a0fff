package dev.customertokens.bootstrap.cli.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.customertokens.adapters.http.CustomerAccountJson;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the file of {@code customers import}, a JSON array of objects shaped like {@code customer_account}, one
 * entry at a time: only the entry being read is ever in memory, whatever the file's size. Each entry is read by
 * {@link CustomerAccountJson}, as the admin API reads one, into the values Vert.x's own decoder would make.
 * Every problem is reported with its line and entry (the first {@value #PROBLEMS_LISTED}, then how many more).
 */
final class CustomerImportFile {

    static final int PROBLEMS_LISTED = 100;
    private static final JsonFactory JSON = new JsonFactory();

    private CustomerImportFile() {
    }

    /**
     * Gives each account of the file to {@code accounts}, in order, as it is read. Syntax ends the reading at
     * once; a malformed entry is skipped and reading goes on, so that every problem is named at the end.
     *
     * @return how many accounts were read
     * @throws ImportException after the whole file is read, naming every problem; or at the first syntax error
     */
    static int read(InputStream in, Consumer<CustomerAccount> accounts) throws IOException {
        return read(in, (account, offset, length) -> accounts.accept(account));
    }

    /** Receives each account of the file with where its object is: the byte it begins at, and its length. */
    interface Entries {
        void accept(CustomerAccount account, long offset, int length) throws IOException;
    }

    /** As {@link #read(InputStream, Consumer)}, with where each account is in the file. */
    static int read(InputStream in, Entries accounts) throws IOException {
        Problems problems = new Problems();
        int read = 0;
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw notJson(parser.currentLocation(), "the file is empty");
            }
            if (first != JsonToken.START_ARRAY) {
                parser.skipChildren(); // a syntax error in it is the first thing to report
                throw new ImportException(List.of("the file must hold a JSON array of customer accounts"));
            }
            for (int entry = 0; parser.nextToken() != JsonToken.END_ARRAY; entry++) {
                int line = parser.currentTokenLocation().getLineNr();
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    problems.add("line " + line + ", entry " + entry + ": must be an object");
                    continue;
                }
                String where = "line " + line + ", entry " + entry + ", ";
                long offset = parser.currentTokenLocation().getByteOffset();
                CustomerAccount account = CustomerAccountJson.read(new JsonObject(readObject(parser)), null,
                        (field, problem) -> problems.add(where + field + ": " + problem));
                if (account != null && problems.none()) {
                    accounts.accept(account, offset, (int) Math.min(parser.currentLocation().getByteOffset() - offset,
                            Integer.MAX_VALUE));
                    read++;
                }
            }
            if (parser.nextToken() != null) {
                throw notJson(parser.currentTokenLocation(), "more after the array's end");
            }
        } catch (JsonParseException e) {
            throw notJson(e.getLocation(), e.getOriginalMessage());
        }
        problems.throwIfAny();
        return read;
    }

    /**
     * Reads the one account whose object {@code bytes} holds, as {@link #read} read it before.
     *
     * @throws ImportException when it is no longer a well-formed account (the file changed in between)
     */
    static CustomerAccount readEntry(byte[] bytes, int length) throws IOException {
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(bytes, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportException(List.of("the file changed while it was imported"));
            }
            CustomerAccount account = CustomerAccountJson.read(new JsonObject(readObject(parser)), null,
                    (field, problem) -> problems.add(field + ": " + problem));
            if (account == null || !problems.isEmpty()) {
                throw new ImportException(List.of("the file changed while it was imported: " + problems));
            }
            return account;
        } catch (JsonParseException e) {
            throw new ImportException(List.of("the file changed while it was imported: " + e.getOriginalMessage()));
        }
    }

    private static ImportException notJson(JsonLocation at, String what) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ImportException(List.of("the file is not valid JSON" + where + ": " + what));
    }

    // the values io.vertx.core.json.Json.decodeValue makes: maps, lists, strings, Jackson's numbers, booleans
    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            object.put(name, readValue(parser));
        }
        return object;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected " + parser.currentToken());
        };
    }

    /** The problems found so far: the first ones word for word, the rest counted. */
    private static final class Problems {
        private final List<String> listed = new ArrayList<>();
        private int more;

        void add(String problem) {
            if (listed.size() < PROBLEMS_LISTED) {
                listed.add(problem);
            } else {
                more++;
            }
        }

        boolean none() {
            return listed.isEmpty();
        }

        void throwIfAny() {
            if (more > 0) {
                listed.add("and " + more + " more problems");
            }
            if (!listed.isEmpty()) {
                throw new ImportException(listed);
            }
        }
    }
}
