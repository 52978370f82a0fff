package dev.customertokens.bootstrap;

/** {@link DpopEndToEndTest} on a real PostgreSQL. */
class DpopOnPostgresTest extends DpopEndToEndTest {

    @Override
    ServiceNodes.Engine engine() {
        return ServiceNodes.Engine.POSTGRESQL;
    }
}
