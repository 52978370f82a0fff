package dev.customertokens.bootstrap;

/** {@link SessionHygieneEndToEndTest} on H2. */
class SessionHygieneOnH2Test extends SessionHygieneEndToEndTest {

    @Override
    ServiceNodes.Engine engine() {
        return ServiceNodes.Engine.H2;
    }
}
