package dev.customertokens.bootstrap.cli;

import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** The demo application and the seed's demo customer, written into an empty database by {@code serve}. */
final class DemoSeed {

    static final ApplicationId DEMO_APPLICATION_ID = ApplicationId.of(15);

    private DemoSeed() {
    }

    static Application demoApplication() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return new Application(DEMO_APPLICATION_ID, ApplicationKey.of(HexFormat.of().formatHex(key)), "Demo application", true);
    }

    /** The customer of the seed's example response, field for field. */
    static CustomerAccount demoCustomer() {
        return new CustomerAccount(CustomerId.of("0da5a3f0-a354-4c04-8438-f1389c19a3f7"), 1, "Ivan", "Djordjevic",
                "ivan.djordjevic@partech.com", true, "+381111111111", "en", 1, "[]", 3, 3, true, true, true);
    }

    static List<CustomerAccount> demoCustomers() {
        return List.of(demoCustomer());
    }
}
