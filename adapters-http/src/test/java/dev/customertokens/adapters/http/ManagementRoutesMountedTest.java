package dev.customertokens.adapters.http;

/** Every test of {@link ManagementRoutesTest}, with the routes mounted on a host's router. */
class ManagementRoutesMountedTest extends ManagementRoutesTest {

    @Override
    ServingForm form() {
        return ServingForm.MOUNTED_ON_A_HOST_ROUTER;
    }
}
