package dev.customertokens.adapters.jwt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.customertokens.application.port.out.InvalidTokenException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** What the header and the claims reader share: one strict JSON factory, strict UTF-8, and short messages. */
final class StrictJson {

    /** The longest token looked at, in characters (8 KiB). */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static final int MAX_JSON_NESTING = 32;

    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_JSON_NESTING)
                    .maxStringLength(MAX_TOKEN_LENGTH)
                    .maxNumberLength(MAX_TOKEN_LENGTH)
                    .build())
            .build();

    private StrictJson() {
    }

    /** After the closing brace of the root object: nothing but whitespace. */
    static void requireEnd(JsonParser json, String part) throws IOException, InvalidTokenException {
        if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
            throw invalid(part + " has content after its JSON object");
        }
    }

    /** Strict UTF-8 (RFC 7515 requires it); Jackson's byte input would otherwise also guess UTF-16 and UTF-32. */
    static char[] utf8(byte[] bytes, String part) throws InvalidTokenException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] array = new char[chars.remaining()];
            chars.get(array);
            return array;
        } catch (CharacterCodingException e) {
            throw invalid(part + " is not UTF-8");
        }
    }

    static String brief(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    static InvalidTokenException invalid(String message) {
        return new InvalidTokenException(message);
    }
}
