package dev.customertokens.bootstrap.operations;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API description (CONTRACT 4.3): {@code docs/openapi.yaml} of the repository, packaged as a resource
 * and served as JSON at {@code /openapi.json}.
 */
public final class OpenApiDocument {

    static final String RESOURCE = "/openapi.yaml";

    private static volatile Buffer json;

    private OpenApiDocument() {
    }

    public static String yaml() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Buffer json() {
        Buffer cached = json;
        if (cached == null) {
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml());
            cached = new JsonObject(document).toBuffer();
            json = cached;
        }
        return cached;
    }
}
