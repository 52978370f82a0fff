package dev.customertokens.testkit;

import dev.customertokens.application.port.out.DpopProofReplays;

class InMemoryDpopProofReplaysTest extends DpopProofReplaysContract {

    private final DpopProofReplays replays = new InMemoryDpopProofReplays();

    @Override
    protected DpopProofReplays replays() {
        return replays;
    }
}
