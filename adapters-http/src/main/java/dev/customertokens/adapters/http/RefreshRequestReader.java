package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.RequestId;
import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a refresh request's headers and query into a command, or into the refusal that CONTRACT 1.1,
 * 1.2 and 1.5 prescribe, in their order: every 400 problem at once, then 406, then 401 {@code token_absent}.
 */
final class RefreshRequestReader {

    static final String ACCEPT = "Accept";
    static final String AUTHORIZATION = "Authorization";
    static final String CONTENT_TYPE = "Content-Type";
    static final String API_VERSION = "API-VERSION";
    static final String APPLICATION = "Application";
    static final String QUERY_BUILDING = "X-QB-Enabled";
    static final String REQUEST_ID = "X-Request-ID";
    static final String DEVICE_UUID = "Device-UUID";

    // bounded digit runs: a version is compared, never parsed into an overflowing number
    private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

    /** What a valid request asks for. */
    record RefreshRequest(RefreshTokenCommand command, ResponseShape shape) {
    }

    private final Set<Integer> supportedMajors;
    private final String supportedMajorsText;

    RefreshRequestReader(Set<Integer> supportedMajors) {
        this.supportedMajors = Set.copyOf(supportedMajors);
        this.supportedMajorsText = new TreeSet<>(supportedMajors).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    /** @throws HttpProblem the first refusal of CONTRACT 1.2 steps 1 and 2 */
    RefreshRequest read(MultiMap headers, String rawQuery) {
        Problems problems = new Problems();
        AcceptHeader.Verdict accept = checkAccept(headers, problems);
        checkContentType(headers, problems);
        checkApiVersion(headers, problems);
        String applicationKey = checkApplication(headers, problems);
        Boolean queryBuilding = checkQueryBuilding(headers, problems);
        String requestId = checkRequestId(headers, problems);
        String deviceUuid = checkDeviceUuid(headers, problems);
        ResponseShape shape = ResponseShape.FULL;
        if (Boolean.TRUE.equals(queryBuilding)) {
            shape = ResponseShape.fromQuery(rawQuery, problems);
        }
        if (!problems.isEmpty()) {
            throw problems.toBadRequest();
        }
        if (accept == AcceptHeader.Verdict.EXCLUDES_JSON) {
            throw new HttpProblem(406, "not_acceptable", "This endpoint only answers application/json");
        }
        String token = bearerToken(headers);
        RefreshTokenCommand command = new RefreshTokenCommand(token, ApplicationKey.of(applicationKey),
                RequestId.of(requestId), deviceUuid == null ? null : DeviceUuid.of(deviceUuid));
        return new RefreshRequest(command, shape);
    }

    /** The request's single value of a header, or null; a repeated header is reported and read as absent. */
    private static String single(MultiMap headers, String name, Problems problems) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            problems.header(name, "must be given once, not " + values.size() + " times");
            return null;
        }
        return values.get(0);
    }

    private static AcceptHeader.Verdict checkAccept(MultiMap headers, Problems problems) {
        List<String> values = headers.getAll(ACCEPT);
        if (values.isEmpty()) {
            problems.header(ACCEPT, "missing; send Accept: application/json");
            return AcceptHeader.Verdict.MALFORMED;
        }
        // several Accept headers are one comma-separated list (RFC 9110 5.3)
        AcceptHeader.Verdict verdict = AcceptHeader.judge(String.join(",", values));
        if (verdict == AcceptHeader.Verdict.MALFORMED) {
            problems.header(ACCEPT, "malformed media range list");
        }
        return verdict;
    }

    private static void checkContentType(MultiMap headers, Problems problems) {
        if (!headers.contains(CONTENT_TYPE)) {
            problems.header(CONTENT_TYPE, "missing; send Content-Type: application/json");
            return;
        }
        String value = single(headers, CONTENT_TYPE, problems);
        if (value == null) {
            return;
        }
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        if (!type.equalsIgnoreCase("application/json")) {
            problems.header(CONTENT_TYPE, "must be application/json");
        }
    }

    private void checkApiVersion(MultiMap headers, Problems problems) {
        if (!headers.contains(API_VERSION)) {
            problems.header(API_VERSION, "missing; send MAJOR.MINOR.PATCH with a major of " + supportedMajorsText);
            return;
        }
        String value = single(headers, API_VERSION, problems);
        if (value == null) {
            return;
        }
        Matcher matcher = VERSION.matcher(value.strip());
        if (!matcher.matches()) {
            problems.header(API_VERSION, "must be MAJOR.MINOR.PATCH with a major of " + supportedMajorsText);
        } else if (!supportedMajors.contains(Integer.parseInt(matcher.group(1)))) {
            problems.header(API_VERSION, "unsupported major version " + matcher.group(1) + "; supported: "
                    + supportedMajorsText);
        }
    }

    private static String checkApplication(MultiMap headers, Problems problems) {
        if (!headers.contains(APPLICATION)) {
            problems.header(APPLICATION, "missing; send the application key");
            return null;
        }
        String value = single(headers, APPLICATION, problems);
        if (value != null && !ApplicationKey.isWellFormed(value)) {
            problems.header(APPLICATION, "must be 32 lowercase hexadecimal characters");
            return null;
        }
        return value;
    }

    private static Boolean checkQueryBuilding(MultiMap headers, Problems problems) {
        if (!headers.contains(QUERY_BUILDING)) {
            problems.header(QUERY_BUILDING, "missing; send true or false");
            return null;
        }
        String value = single(headers, QUERY_BUILDING, problems);
        if (value == null) {
            return null;
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals("true")) {
            return Boolean.TRUE;
        }
        if (normalized.equals("false")) {
            return Boolean.FALSE;
        }
        problems.header(QUERY_BUILDING, "must be true or false");
        return null;
    }

    private static String checkRequestId(MultiMap headers, Problems problems) {
        if (!headers.contains(REQUEST_ID)) {
            problems.header(REQUEST_ID, "missing; send 1 to 128 characters of A-Z a-z 0-9 . _ - (a UUID is typical)");
            return null;
        }
        String value = single(headers, REQUEST_ID, problems);
        if (value != null && !RequestId.isWellFormed(value)) {
            problems.header(REQUEST_ID, "must be 1 to 128 characters of A-Z a-z 0-9 . _ -");
            return null;
        }
        return value;
    }

    private static String checkDeviceUuid(MultiMap headers, Problems problems) {
        if (!headers.contains(DEVICE_UUID)) {
            return null;
        }
        String value = single(headers, DEVICE_UUID, problems);
        if (value != null && !DeviceUuid.isWellFormed(value)) {
            problems.header(DEVICE_UUID, "must be 1 to 128 printable characters");
            return null;
        }
        return value;
    }

    /** @throws HttpProblem 401 {@code token_absent} unless there is exactly one {@code Bearer} token */
    private static String bearerToken(MultiMap headers) {
        List<String> values = headers.getAll(AUTHORIZATION);
        if (values.size() == 1) {
            String value = values.get(0).strip();
            if (value.length() > "Bearer".length() && value.regionMatches(true, 0, "Bearer", 0, "Bearer".length())
                    && (value.charAt(6) == ' ' || value.charAt(6) == '\t')) {
                String token = value.substring(7).strip();
                if (!token.isEmpty()) {
                    return token;
                }
            }
        }
        throw new HttpProblem(401, "token_absent", "A bearer token is required: send Authorization: Bearer <token>");
    }
}
