package dev.customertokens.bootstrap;

/** {@link DpopEndToEndTest} on H2. */
class DpopOnH2Test extends DpopEndToEndTest {

    @Override
    ServiceNodes.Engine engine() {
        return ServiceNodes.Engine.H2;
    }
}
