package dev.customertokens.adapters.http;

/** Every test of {@link JwksRouteTest}, with the routes mounted on a host's router. */
class JwksRouteMountedTest extends JwksRouteTest {

    @Override
    ServingForm form() {
        return ServingForm.MOUNTED_ON_A_HOST_ROUTER;
    }
}
