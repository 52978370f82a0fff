package dev.customertokens.adapters.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything wrong with one request's headers and query, collected so that one 400 names it all. */
final class Problems {

    private final Map<String, List<String>> byName = new LinkedHashMap<>();
    private boolean anyHeader;

    void header(String headerName, String problem) {
        anyHeader = true;
        add(headerName, problem);
    }

    void query(String parameter, String problem) {
        add(parameter, problem);
    }

    private void add(String name, String problem) {
        List<String> problems = byName.computeIfAbsent(name, n -> new ArrayList<>(1));
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    /** CONTRACT 1.1: {@code invalid_headers} when any header is at fault, else {@code invalid_query}. */
    HttpProblem toBadRequest() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        byName.forEach((name, problems) -> errors.put(name, List.copyOf(problems)));
        return anyHeader
                ? new HttpProblem(400, "invalid_headers", "The request headers are invalid", Collections.unmodifiableMap(errors))
                : new HttpProblem(400, "invalid_query", "The query parameters are invalid", Collections.unmodifiableMap(errors));
    }
}
