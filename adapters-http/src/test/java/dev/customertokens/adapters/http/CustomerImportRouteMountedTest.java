package dev.customertokens.adapters.http;

/** Every test of {@link CustomerImportRouteTest}, the admin API mounted on a host's router behind its body handler. */
class CustomerImportRouteMountedTest extends CustomerImportRouteTest {

    @Override
    ServingForm form() {
        return ServingForm.MOUNTED_ON_A_HOST_ROUTER;
    }
}
