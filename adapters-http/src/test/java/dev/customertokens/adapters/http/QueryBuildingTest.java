package dev.customertokens.adapters.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.customertokens.adapters.http.EndpointHarness.body;
import static dev.customertokens.adapters.http.EndpointHarness.validHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT 1.5: sparse fieldsets with {@code X-QB-Enabled: true}, strictly checked before the use case
 * runs; {@link QueryBuildingMountedTest} runs the same tests mounted on a host's router.
 */
class QueryBuildingTest extends OnEndpointHarness {

    private static final List<String> ALL_ACCOUNT_FIELDS = ResponseShape.CUSTOMER_ACCOUNT_FIELDS;

    private HttpResponse<Buffer> get(String query, boolean queryBuilding) {
        MultiMap headers = validHeaders().set("X-QB-Enabled", String.valueOf(queryBuilding));
        return http.send(HttpMethod.GET, EndpointHarness.PATH + query, headers);
    }

    private static JsonObject data(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return body(response).getJsonObject("data");
    }

    private static List<String> accountFields(HttpResponse<Buffer> response) {
        return List.copyOf(data(response).getJsonObject("customer_account").fieldNames());
    }

    private static List<String> tokenFields(HttpResponse<Buffer> response) {
        return List.copyOf(data(response).getJsonObject("token").fieldNames());
    }

    private JsonObject assertInvalidQuery(HttpResponse<Buffer> response, String... parameters) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
        JsonObject body = body(response);
        assertThat(body.getString("error")).isEqualTo("invalid_query");
        assertThat(body.getJsonObject("errors").fieldNames()).containsExactlyInAnyOrder(parameters);
        assertThat(http.commands).as("a bad query never reaches the use case").isEmpty();
        return body;
    }

    @Test
    void customer_account_fields_keep_only_those_named() {
        assertThat(accountFields(get("?fields[customer_account]=id,email,first_name", true)))
                .containsExactly("id", "first_name", "email");
        assertThat(tokenFields(get("?fields[customer_account]=id", true))).containsExactly("value", "ttl", "refresh_ttl");
    }

    @Test
    void fields_keep_the_canonical_order_whatever_the_query_order() {
        assertThat(accountFields(get("?fields[customer_account]=is_social,state,id,demographics", true)))
                .containsExactly("id", "state", "demographics", "is_social");
    }

    @Test
    void repeated_field_names_count_once() {
        assertThat(accountFields(get("?fields[customer_account]=email,email,id,email", true))).containsExactly("id", "email");
    }

    @Test
    void the_token_value_is_always_returned() {
        HttpResponse<Buffer> response = get("?fields[token]=ttl", true);
        assertThat(tokenFields(response)).containsExactly("value", "ttl");
        assertThat(data(response).getJsonObject("token").getString("value")).isEqualTo("new.token.value");
        assertThat(tokenFields(get("?fields[token]=refresh_ttl,ttl", true))).containsExactly("value", "ttl", "refresh_ttl");
        assertThat(tokenFields(get("?fields[token]=value", true))).containsExactly("value");
    }

    @Test
    void both_resources_at_once_and_percent_encoded_brackets() {
        HttpResponse<Buffer> response = get("?fields%5Bcustomer_account%5D=id&fields%5Btoken%5D=ttl", true);
        assertThat(accountFields(response)).containsExactly("id");
        assertThat(tokenFields(response)).containsExactly("value", "ttl");
    }

    @Test
    void values_keep_their_types_when_shaped() {
        JsonObject account = data(get("?fields[customer_account]=type_id,confirmed,demographics", true))
                .getJsonObject("customer_account");
        assertThat(account.getValue("type_id")).isInstanceOf(Integer.class);
        assertThat(account.getValue("confirmed")).isEqualTo(true);
        assertThat(account.getJsonArray("demographics")).isEmpty();
    }

    @Test
    void no_query_returns_the_full_body() {
        assertThat(accountFields(get("", true))).containsExactlyElementsOf(ALL_ACCOUNT_FIELDS);
    }

    @Test
    void with_query_building_off_every_parameter_is_ignored() {
        HttpResponse<Buffer> response = get("?fields[customer_account]=id&fields[token]=ttl&sort=-id&fields[foo]=", false);
        assertThat(accountFields(response)).containsExactlyElementsOf(ALL_ACCOUNT_FIELDS);
        assertThat(tokenFields(response)).containsExactly("value", "ttl", "refresh_ttl");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "?fields[customer_account]=foo            | fields[customer_account] | unknown field: foo",
            "?fields[customer_account]=id,password    | fields[customer_account] | unknown field: password",
            "?fields[token]=secret                    | fields[token]            | unknown field: secret",
            "?fields[customer_account]=               | fields[customer_account] | empty field list",
            "?fields[token]                           | fields[token]            | empty field list",
            "?fields[customer_account]=id,,email      | fields[customer_account] | empty field name",
            "?fields[orders]=id                       | fields[orders]           | unknown resource: orders",
            "?include=orders                          | include                  | unknown query parameter",
            "?sort=-id                                | sort                     | unknown query parameter",
            "?fields=id                               | fields                   | unknown query parameter"})
    void a_bad_parameter_is_400_invalid_query_naming_it(String query, String parameter, String problem) {
        JsonObject body = assertInvalidQuery(get(query, true), parameter);
        assertThat(body.getJsonObject("errors").getJsonArray(parameter).getString(0)).startsWith(problem);
    }

    @Test
    void every_bad_parameter_is_named_at_once() {
        JsonObject body = assertInvalidQuery(get("?fields[customer_account]=foo,bar&fields[token]=&page=2", true),
                "fields[customer_account]", "fields[token]", "page");
        assertThat(body.getJsonObject("errors").getJsonArray("fields[customer_account]").getList())
                .containsExactly("unknown field: foo", "unknown field: bar");
    }

    @Test
    void a_parameter_given_twice_is_400() {
        assertInvalidQuery(get("?fields[token]=ttl&fields[token]=refresh_ttl", true), "fields[token]");
    }

    @Test
    void malformed_percent_encoding_is_400_not_500() {
        assertInvalidQuery(get("?fields[customer_account]=%zz", true), "fields[customer_account]");
        assertThat(get("?fields[customer_account]=%zz", false).statusCode()).isEqualTo(200);
    }

    @Test
    void a_header_problem_and_a_query_problem_are_named_in_one_400() {
        MultiMap headers = validHeaders().set("X-QB-Enabled", "true").remove("API-VERSION");
        HttpResponse<Buffer> response = http.send(HttpMethod.GET, EndpointHarness.PATH + "?fields[token]=nope", headers);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = body(response);
        assertThat(body.getString("error")).isEqualTo("invalid_headers");
        assertThat(body.getJsonObject("errors").fieldNames()).containsExactlyInAnyOrder("API-VERSION", "fields[token]");
    }

    @Test
    void a_bad_query_is_reported_before_a_missing_token() {
        MultiMap headers = validHeaders().set("X-QB-Enabled", "true").remove("Authorization");
        HttpResponse<Buffer> response = http.send(HttpMethod.GET, EndpointHarness.PATH + "?fields[token]=nope", headers);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).getString("error")).isEqualTo("invalid_query");
    }
}
