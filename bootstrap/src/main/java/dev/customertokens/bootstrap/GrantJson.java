package dev.customertokens.bootstrap;

import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code data} object of the refresh endpoint, for the commands that print one ({@code tokens issue}). */
final class GrantJson {

    private GrantJson() {
    }

    static JsonObject data(TokenGrant grant) {
        CustomerAccount a = grant.customerAccount();
        JsonObject account = new JsonObject()
                .put("id", a.id().value())
                .put("type_id", a.typeId())
                .put("first_name", a.firstName())
                .put("last_name", a.lastName())
                .put("email", a.email())
                .put("confirmed", a.confirmed())
                .put("phone_number", a.phoneNumber())
                .put("locale", a.locale())
                .put("state", a.state())
                .put("demographics", new JsonArray(a.demographicsJson()))
                .put("optin_status_email", a.optinStatusEmail())
                .put("optin_status_pn", a.optinStatusPn())
                .put("has_pending_email_change", a.hasPendingEmailChange())
                .put("has_pending_phone_number_change", a.hasPendingPhoneNumberChange())
                .put("is_social", a.isSocial());
        JsonObject token = new JsonObject()
                .put("value", grant.token())
                .put("ttl", grant.ttlMinutes())
                .put("refresh_ttl", grant.refreshTtlMinutes());
        return new JsonObject().put("customer_account", account).put("token", token);
    }
}
