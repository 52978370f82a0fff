package dev.customertokens.adapters.http;

/** Every test of {@link OverloadAndMetricsTest}, with the routes mounted on a host's router. */
class OverloadAndMetricsMountedTest extends OverloadAndMetricsTest {

    @Override
    ServingForm form() {
        return ServingForm.MOUNTED_ON_A_HOST_ROUTER;
    }
}
