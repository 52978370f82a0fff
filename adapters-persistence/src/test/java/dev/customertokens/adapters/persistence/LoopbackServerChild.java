package dev.customertokens.adapters.persistence;

/**
 * Run by {@link DatabaseTest} in a JVM of its own, whose first H2 connection is the adapter's: opens the H2
 * file database named by its argument, says whether it is empty, and waits to be killed.
 */
public final class LoopbackServerChild {

    static final String OPENED = "opened, empty: ";

    private LoopbackServerChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + args[0], "sa", ""));
        System.out.println(OPENED + database.isEmpty());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
