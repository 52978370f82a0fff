package dev.customertokens.adapters.violating;

import dev.customertokens.application.service.RefreshTokenService;

/** Breaks a rule on purpose: an adapter that calls a service instead of its port. Never on a production path. */
public final class AdapterCallingAService {

    private final RefreshTokenService service;

    public AdapterCallingAService(RefreshTokenService service) {
        this.service = service;
    }

    public Object call() {
        return service;
    }
}
