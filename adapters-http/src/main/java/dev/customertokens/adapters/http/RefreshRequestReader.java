package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.AuthorizationScheme;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.RequestId;
import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a refresh request's headers and query into a command, or into the refusal that CONTRACT 1.1,
 * 1.2 and 1.5 prescribe, in their order: every 400 problem at once, then 406, then 401 {@code token_absent}.
 * The token comes with the {@code Bearer} or the {@code DPoP} scheme, and every {@code DPoP} header goes into
 * the command as it came: whether a proof is needed, and good, is the use case's to decide (2.7).
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
    static final String DPOP = "DPoP";

    // bounded digit runs: a version is compared, never parsed into an overflowing number
    private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

    /** What a valid request asks for. */
    record RefreshRequest(RefreshTokenCommand command, ResponseShape shape) {
    }

    /** The token of the {@code Authorization} header, and the scheme it came with. */
    private record Credentials(AuthorizationScheme scheme, String token) {
    }

    private final Set<Integer> supportedMajors;
    private final String supportedMajorsText;
    // composed once: checkApiVersion runs for every request
    private final String apiVersionMissing;
    private final String apiVersionMalformed;

    RefreshRequestReader(Set<Integer> supportedMajors) {
        this.supportedMajors = Set.copyOf(supportedMajors);
        this.supportedMajorsText = new TreeSet<>(supportedMajors).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        this.apiVersionMissing = "missing; send MAJOR.MINOR.PATCH with a major of " + supportedMajorsText;
        this.apiVersionMalformed = "must be MAJOR.MINOR.PATCH with a major of " + supportedMajorsText;
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
        Credentials credentials = credentials(headers);
        // every DPoP header, in order: the use case refuses more than one, and judges each proof (CONTRACT 2.7)
        RefreshTokenCommand command = new RefreshTokenCommand(credentials.token(), ApplicationKey.of(applicationKey),
                RequestId.of(requestId), deviceUuid == null ? null : DeviceUuid.of(deviceUuid), credentials.scheme(),
                headers.getAll(DPOP));
        return new RefreshRequest(command, shape);
    }

    /**
     * The request's single value of a header when it keeps the header's rule; otherwise null, with the
     * problem reported: missing (unless {@code missingProblem} is null, for an optional header),
     * repeated, or refused by {@code wellFormed}.
     */
    private static String valueOf(MultiMap headers, String name, String missingProblem, Predicate<String> wellFormed,
                                  String malformedProblem, Problems problems) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            if (missingProblem != null) {
                problems.header(name, missingProblem);
            }
            return null;
        }
        if (values.size() > 1) {
            problems.header(name, "must be given once, not " + values.size() + " times");
            return null;
        }
        String value = values.get(0);
        if (!wellFormed.test(value)) {
            problems.header(name, malformedProblem);
            return null;
        }
        return value;
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
        valueOf(headers, CONTENT_TYPE, "missing; send Content-Type: application/json",
                RefreshRequestReader::isJson, "must be application/json", problems);
    }

    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().equalsIgnoreCase("application/json");
    }

    private void checkApiVersion(MultiMap headers, Problems problems) {
        String value = valueOf(headers, API_VERSION, apiVersionMissing, version -> VERSION.matcher(version.strip()).matches(),
                apiVersionMalformed, problems);
        if (value != null) {
            String major = value.strip().substring(0, value.strip().indexOf('.'));
            if (!supportedMajors.contains(Integer.parseInt(major))) {
                problems.header(API_VERSION, "unsupported major version " + major + "; supported: " + supportedMajorsText);
            }
        }
    }

    private static String checkApplication(MultiMap headers, Problems problems) {
        return valueOf(headers, APPLICATION, "missing; send the application key", ApplicationKey::isWellFormed,
                "must be 32 lowercase hexadecimal characters", problems);
    }

    private static Boolean checkQueryBuilding(MultiMap headers, Problems problems) {
        String value = valueOf(headers, QUERY_BUILDING, "missing; send true or false",
                flag -> flag.strip().equalsIgnoreCase("true") || flag.strip().equalsIgnoreCase("false"),
                "must be true or false", problems);
        return value == null ? null : Boolean.valueOf(value.strip().equalsIgnoreCase("true"));
    }

    private static String checkRequestId(MultiMap headers, Problems problems) {
        return valueOf(headers, REQUEST_ID, "missing; send 1 to 128 characters of A-Z a-z 0-9 . _ - (a UUID is typical)",
                RequestId::isWellFormed, "must be 1 to 128 characters of A-Z a-z 0-9 . _ -", problems);
    }

    private static String checkDeviceUuid(MultiMap headers, Problems problems) {
        return valueOf(headers, DEVICE_UUID, null, DeviceUuid::isWellFormed, "must be 1 to 128 printable characters",
                problems);
    }

    /**
     * @throws HttpProblem 401 {@code token_absent} unless there is exactly one {@code Bearer} or {@code DPoP} token
     */
    private static Credentials credentials(MultiMap headers) {
        List<String> values = headers.getAll(AUTHORIZATION);
        if (values.size() == 1) {
            String value = values.get(0).strip();
            String bearer = tokenAfter(value, "Bearer");
            if (bearer != null) {
                return new Credentials(AuthorizationScheme.BEARER, bearer);
            }
            String dpop = tokenAfter(value, DPOP);
            if (dpop != null) {
                return new Credentials(AuthorizationScheme.DPOP, dpop);
            }
        }
        throw new HttpProblem(401, "token_absent", "A bearer token is required: send Authorization: Bearer <token>");
    }

    /** The token after {@code scheme} (case-insensitive) and white space, or null when there is none. */
    private static String tokenAfter(String value, String scheme) {
        int length = scheme.length();
        if (value.length() > length && value.regionMatches(true, 0, scheme, 0, length)
                && (value.charAt(length) == ' ' || value.charAt(length) == '\t')) {
            String token = value.substring(length + 1).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
