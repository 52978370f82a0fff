package dev.customertokens.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests that run against a fresh {@link EndpointHarness} each, served in the form {@link #form()} names. */
abstract class OnEndpointHarness {

    EndpointHarness http;

    /** How the routes are served; a subclass that overrides this runs every test again in another form. */
    ServingForm form() {
        return ServingForm.STAND_ALONE;
    }

    @BeforeEach
    void serve() {
        http = new EndpointHarness(form());
    }

    @AfterEach
    void close() {
        http.close();
    }
}
