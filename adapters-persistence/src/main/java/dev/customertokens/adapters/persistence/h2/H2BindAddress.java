package dev.customertokens.adapters.persistence.h2;

/**
 * The address H2's servers listen on, a JVM-wide system property: loopback unless the JVM was told
 * otherwise. H2 reads it once per JVM, when its first connection (of any kind, in-memory too) loads its
 * settings; an embedded file's AUTO_SERVER then listens on that address only.
 */
public final class H2BindAddress {

    private static final String PROPERTY = "h2.bindAddress";
    private static final String LOOPBACK = "127.0.0.1";

    private H2BindAddress() {
    }

    /** Sets the property to loopback, unless it is set already; call before the first H2 connection. */
    public static synchronized void loopbackUnlessConfigured() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, LOOPBACK);
        }
    }
}
