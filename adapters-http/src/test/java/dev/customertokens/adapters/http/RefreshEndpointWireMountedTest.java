package dev.customertokens.adapters.http;

/** Every test of {@link RefreshEndpointWireTest}, with the routes mounted on a host's router. */
class RefreshEndpointWireMountedTest extends RefreshEndpointWireTest {

    @Override
    ServingForm form() {
        return ServingForm.MOUNTED_ON_A_HOST_ROUTER;
    }
}
