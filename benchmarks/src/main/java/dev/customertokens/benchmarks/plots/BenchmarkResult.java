package dev.customertokens.benchmarks.plots;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * One measured run of one system in the load benchmark, as one line of the results file that {@link Plots}
 * draws: the load it ran, what it measured, and the server's memory and database file over time.
 * The JSON field names are the file's format; {@link #fromJson} reads exactly what {@link #toJson} writes.
 *
 * @param commit the commit the service was built from, or null when it is not known
 */
public record BenchmarkResult(String system, int sessions, int connections, int run, double rotationsPerSecond,
        double p50Ms, double p99Ms, long maxRssKib, List<Sample> timeline, Instant startedAt, String commit) {

    public BenchmarkResult {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(startedAt, "startedAt");
        timeline = List.copyOf(timeline);
    }

    /**
     * The server sampled once during the load.
     *
     * @param seconds   since the load began
     * @param fileBytes the database file's size, or null when the system has no file
     */
    public record Sample(double seconds, long rssKib, Long fileBytes) {

        JsonObject toJson() {
            JsonObject json = new JsonObject().put("seconds", seconds).put("rss_kib", rssKib);
            return fileBytes == null ? json : json.put("file_bytes", fileBytes);
        }

        static Sample fromJson(JsonObject json) {
            Number fileBytes = json.getValue("file_bytes") == null ? null : required(json, "file_bytes");
            return new Sample(required(json, "seconds").doubleValue(), required(json, "rss_kib").longValue(),
                    fileBytes == null ? null : fileBytes.longValue());
        }
    }

    /** The result as one JSON object, its fields in a fixed order so that equal results encode alike. */
    JsonObject toJson() {
        JsonArray samples = new JsonArray();
        timeline.forEach(sample -> samples.add(sample.toJson()));
        return new JsonObject()
                .put("system", system)
                .put("sessions", sessions)
                .put("connections", connections)
                .put("run", run)
                .put("rotations_per_second", rotationsPerSecond)
                .put("p50_ms", p50Ms)
                .put("p99_ms", p99Ms)
                .put("max_rss_kib", maxRssKib)
                .put("timeline", samples)
                .put("started_at", startedAt.toString())
                .put("commit", commit);
    }

    /** @throws IllegalArgumentException naming the field when one is missing or malformed */
    static BenchmarkResult fromJson(JsonObject json) {
        Object samples = json.getValue("timeline", new JsonArray());
        if (!(samples instanceof JsonArray array)) {
            throw new IllegalArgumentException("\"timeline\" must be an array, was " + samples);
        }
        List<Sample> timeline = array.stream().map(sample -> Sample.fromJson(asObject(sample))).toList();
        String system = json.getString("system");
        String startedAt = json.getString("started_at");
        if (system == null || startedAt == null) {
            throw new IllegalArgumentException("a result needs \"system\" and \"started_at\": " + json.encode());
        }
        return new BenchmarkResult(system, required(json, "sessions").intValue(),
                required(json, "connections").intValue(), required(json, "run").intValue(),
                required(json, "rotations_per_second").doubleValue(), required(json, "p50_ms").doubleValue(),
                required(json, "p99_ms").doubleValue(), required(json, "max_rss_kib").longValue(), timeline,
                instant(startedAt), json.getString("commit"));
    }

    private static Number required(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a number, was " + value);
    }

    private static JsonObject asObject(Object sample) {
        if (sample instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException("a timeline sample must be an object, was " + sample);
    }

    private static Instant instant(String startedAt) {
        try {
            return Instant.parse(startedAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"started_at\" must be an ISO instant, was " + startedAt, e);
        }
    }
}
