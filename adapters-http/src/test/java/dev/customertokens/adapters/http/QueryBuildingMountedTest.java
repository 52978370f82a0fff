package dev.customertokens.adapters.http;

/** Every test of {@link QueryBuildingTest}, with the routes mounted on a host's router. */
class QueryBuildingMountedTest extends QueryBuildingTest {

    @Override
    ServingForm form() {
        return ServingForm.MOUNTED_ON_A_HOST_ROUTER;
    }
}
