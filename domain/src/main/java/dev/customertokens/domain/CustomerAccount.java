package dev.customertokens.domain;

import java.util.Objects;

/**
 * A customer account as the refresh endpoint returns it in {@code data.customer_account}.
 *
 * <p>{@code demographicsJson} is kept as the JSON array text it was imported as, because the contract
 * promises to return demographics exactly as imported and the domain has no JSON model of them.
 */
public record CustomerAccount(
        CustomerId id,
        int typeId,
        String firstName,
        String lastName,
        String email,
        boolean confirmed,
        String phoneNumber,
        String locale,
        int state,
        String demographicsJson,
        int optinStatusEmail,
        int optinStatusPn,
        boolean hasPendingEmailChange,
        boolean hasPendingPhoneNumberChange,
        boolean isSocial) {

    /** The only {@code state} in which a customer may refresh a token. */
    public static final int ACTIVE_STATE = 1;

    public CustomerAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(demographicsJson, "demographics");
        String trimmed = demographicsJson.strip();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw new IllegalArgumentException("demographics must be a JSON array");
        }
    }

    public boolean isActive() {
        return state == ACTIVE_STATE;
    }
}
