package dev.customertokens.domain;

import java.util.Objects;

/**
 * A customer account as the refresh endpoint returns it in {@code data.customer_account}.
 *
 * <p>{@code demographicsJson} is kept as the JSON array text it was imported as, because the contract
 * promises to return demographics exactly as imported and the domain has no JSON model of them.
 *
 * @param id                          the customer's id, the {@code sub} of their tokens
 * @param typeId                      {@code type_id}
 * @param firstName                   {@code first_name}, or null
 * @param lastName                    {@code last_name}, or null
 * @param email                       {@code email}, or null
 * @param confirmed                   {@code confirmed}
 * @param phoneNumber                 {@code phone_number}, or null
 * @param locale                      {@code locale}, or null
 * @param state                       {@code state}: only {@link #ACTIVE_STATE} may refresh
 * @param demographicsJson            {@code demographics}: the JSON array text as imported
 * @param optinStatusEmail            {@code optin_status_email}
 * @param optinStatusPn               {@code optin_status_pn}
 * @param hasPendingEmailChange       {@code has_pending_email_change}
 * @param hasPendingPhoneNumberChange {@code has_pending_phone_number_change}
 * @param isSocial                    {@code is_social}
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

    /**
     * Checks the id and the demographics; the other fields are taken as imported.
     *
     * @param id                          the customer's id, not null
     * @param typeId                      {@code type_id}
     * @param firstName                   {@code first_name}, or null
     * @param lastName                    {@code last_name}, or null
     * @param email                       {@code email}, or null
     * @param confirmed                   {@code confirmed}
     * @param phoneNumber                 {@code phone_number}, or null
     * @param locale                      {@code locale}, or null
     * @param state                       {@code state}
     * @param demographicsJson            {@code demographics}, the text of a JSON array, not null
     * @param optinStatusEmail            {@code optin_status_email}
     * @param optinStatusPn               {@code optin_status_pn}
     * @param hasPendingEmailChange       {@code has_pending_email_change}
     * @param hasPendingPhoneNumberChange {@code has_pending_phone_number_change}
     * @param isSocial                    {@code is_social}
     * @throws NullPointerException     if {@code id} or {@code demographicsJson} is null
     * @throws IllegalArgumentException if {@code demographicsJson}, stripped, does not begin with {@code [} and
     *                                  end with {@code ]}
     */
    public CustomerAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(demographicsJson, "demographics");
        String trimmed = demographicsJson.strip();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw new IllegalArgumentException("demographics must be a JSON array");
        }
    }

    /**
     * Whether the customer may refresh a token (CONTRACT 1.2 step 8).
     *
     * @return true when {@code state} is {@link #ACTIVE_STATE}
     */
    public boolean isActive() {
        return state == ACTIVE_STATE;
    }
}
