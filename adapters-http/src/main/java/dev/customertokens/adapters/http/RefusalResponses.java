package dev.customertokens.adapters.http;

import dev.customertokens.domain.DpopRules;
import dev.customertokens.domain.Refusal;

import java.util.EnumMap;
import java.util.Map;

/**
 * The status, stable code and message of each refusal of the use case (the table of CONTRACT 1.4), and for the
 * refusals about DPoP the {@code WWW-Authenticate: DPoP} challenge that names the algorithms and the error (2.7).
 */
final class RefusalResponses {

    /** @param dpopChallenge the {@code WWW-Authenticate} value of a DPoP refusal, or null for the others */
    record RefusalResponse(int status, String error, String message, String dpopChallenge) {
    }

    private static final String DPOP_ALGS = "DPoP algs=\"" + String.join(" ", DpopRules.ALGORITHMS) + "\", error=";

    private static final Map<Refusal, RefusalResponse> RESPONSES = new EnumMap<>(Refusal.class);

    static {
        put(Refusal.APPLICATION_UNKNOWN, 403, "application_unknown", "The application key is unknown or disabled");
        put(Refusal.TOKEN_INVALID, 401, "token_invalid", "The token is invalid");
        put(Refusal.TOKEN_NOT_YET_VALID, 401, "token_not_yet_valid", "The token is not valid yet");
        put(Refusal.TOKEN_REFRESH_EXPIRED, 401, "token_refresh_expired", "Token has expired and can no longer be refreshed");
        putDpop(Refusal.DPOP_REQUIRED, "dpop_required", "The session is bound to a key: a DPoP proof is required",
                "invalid_token");
        putDpop(Refusal.DPOP_PROOF_INVALID, "dpop_proof_invalid", "The DPoP proof is invalid", "invalid_dpop_proof");
        putDpop(Refusal.DPOP_NONCE_REQUIRED, "dpop_nonce_required",
                "The DPoP proof must carry the nonce of the DPoP-Nonce header", "use_dpop_nonce");
        put(Refusal.APPLICATION_MISMATCH, 403, "application_mismatch", "The token was issued for another application");
        put(Refusal.SESSION_INVALID, 401, "session_invalid", "The token's session is invalid");
        put(Refusal.SESSION_REVOKED, 401, "session_revoked", "The session has been revoked; log in again");
        put(Refusal.SESSION_IDLE_EXPIRED, 401, "session_idle_expired",
                "The session was not refreshed for too long and has been revoked; log in again");
        put(Refusal.TOKEN_REUSED, 401, "token_reused",
                "The token was already refreshed; the session has been revoked as a precaution; log in again");
        put(Refusal.CUSTOMER_NOT_FOUND, 404, "customer_not_found", "The customer no longer exists");
        put(Refusal.CUSTOMER_INACTIVE, 403, "customer_inactive", "The customer account is not active");
        if (RESPONSES.size() != Refusal.values().length) {
            throw new ExceptionInInitializerError("a refusal has no response");
        }
    }

    private RefusalResponses() {
    }

    private static void put(Refusal refusal, int status, String error, String message) {
        RESPONSES.put(refusal, new RefusalResponse(status, error, message, null));
    }

    private static void putDpop(Refusal refusal, String error, String message, String challengeError) {
        RESPONSES.put(refusal, new RefusalResponse(401, error, message, DPOP_ALGS + "\"" + challengeError + "\""));
    }

    static RefusalResponse of(Refusal refusal) {
        return RESPONSES.get(refusal);
    }
}
