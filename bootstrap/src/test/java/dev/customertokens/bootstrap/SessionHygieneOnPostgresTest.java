package dev.customertokens.bootstrap;

/** {@link SessionHygieneEndToEndTest} on a real PostgreSQL. */
class SessionHygieneOnPostgresTest extends SessionHygieneEndToEndTest {

    @Override
    ServiceNodes.Engine engine() {
        return ServiceNodes.Engine.POSTGRESQL;
    }
}
