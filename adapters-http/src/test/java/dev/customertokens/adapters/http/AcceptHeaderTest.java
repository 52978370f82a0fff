package dev.customertokens.adapters.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Accept rule of CONTRACT 1.1: the most specific matching range and its q-value decide. */
class AcceptHeaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json                                   | ADMITS_JSON",
            "application/*                                      | ADMITS_JSON",
            "*/*                                                | ADMITS_JSON",
            "text/html, application/json;q=0.9                  | ADMITS_JSON",
            "application/json;q=1.000                           | ADMITS_JSON",
            "application/json;q=0, */*                          | EXCLUDES_JSON",
            "application/*;q=0, application/json                | ADMITS_JSON",
            "*/*;q=0                                            | EXCLUDES_JSON",
            "text/*                                             | EXCLUDES_JSON",
            "image/png, text/html                               | EXCLUDES_JSON",
            "application/json;q=1.5                             | MALFORMED",
            "application/json;q=0.1234                          | MALFORMED",
            "' , '                                              | MALFORMED",
            "text                                               | MALFORMED",
            "application/json;                                  | MALFORMED"})
    void judges(String header, AcceptHeader.Verdict verdict) {
        assertThat(AcceptHeader.judge(header)).isEqualTo(verdict);
    }
}
