package dev.customertokens.adapters.http;

/** Every test of {@link DpopWireTest}, with the routes mounted on a host's router. */
class DpopWireMountedTest extends DpopWireTest {

    @Override
    ServingForm form() {
        return ServingForm.MOUNTED_ON_A_HOST_ROUTER;
    }
}
