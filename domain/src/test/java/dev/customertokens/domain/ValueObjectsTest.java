package dev.customertokens.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0", "g123456789abcdef0123456789abcdef"})
    void application_keys_are_32_lowercase_hex(String candidate) {
        assertThat(ApplicationKey.isWellFormed(candidate)).isFalse();
        assertThatThrownBy(() -> ApplicationKey.of(candidate)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0da5a3f0-a354-4c04-8438-f1389c19a3f7", "a", "A.b_c-9", "Zz09._-",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void customer_ids_are_1_to_64_characters_of_letters_digits_dot_underscore_and_hyphen(String candidate) {
        assertThat(CustomerId.isValid(candidate)).isTrue();
        assertThat(CustomerId.of(candidate).value()).isEqualTo(candidate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01234567890123456789012345678901234567890123456789012345678901234", "has space",
            "a/b", "a:b", "a@b", "ünïcode", "tab\t", "new\nline", "a\u0000", "[", "`", "{", "~"})
    void customer_ids_refuse_anything_else(String candidate) {
        assertThat(CustomerId.isValid(candidate)).isFalse();
        assertThatThrownBy(() -> CustomerId.of(candidate)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void a_customer_id_is_never_null() {
        assertThat(CustomerId.isValid(null)).isFalse();
        assertThatThrownBy(() -> CustomerId.of(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c10b4a70-6274-490d-80a0-03e7bb826937", "a", "A.b_c-9"})
    void request_ids_accept_the_allowed_alphabet(String candidate) {
        assertThat(RequestId.isWellFormed(candidate)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "ünïcode"})
    void request_ids_refuse_anything_else(String candidate) {
        assertThat(RequestId.isWellFormed(candidate)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void request_ids_are_at_most_128_characters() {
        assertThat(RequestId.isWellFormed("a".repeat(128))).isTrue();
        assertThat(RequestId.isWellFormed("a".repeat(129))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void device_uuids_are_printable_and_at_most_128_characters() {
        assertThat(DeviceUuid.isWellFormed("iPhone 15 / 3F2504E0-4F89-11D3")).isTrue();
        assertThat(DeviceUuid.isWellFormed("x".repeat(129))).isFalse();
        assertThat(DeviceUuid.isWellFormed("tab\there")).isFalse();
        assertThat(DeviceUuid.isWellFormed("")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void only_state_one_is_active() {
        CustomerAccount base = new CustomerAccount(CustomerId.of("c"), 1, "a", "b", "e", true, null, "en", 1, "[]", 3, 3,
                false, false, false);
        assertThat(base.isActive()).isTrue();
        CustomerAccount blocked = new CustomerAccount(CustomerId.of("c"), 1, "a", "b", "e", true, null, "en", 2, "[]", 3, 3,
                false, false, false);
        assertThat(blocked.isActive()).isFalse();
    }
}
