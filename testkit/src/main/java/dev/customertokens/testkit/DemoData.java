package dev.customertokens.testkit;

import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

/** The seed's demo customer and a demo application, shared by every module's tests. */
public final class DemoData {

    public static final CustomerId IVAN_ID = CustomerId.of("0da5a3f0-a354-4c04-8438-f1389c19a3f7");
    public static final ApplicationKey DEMO_KEY = ApplicationKey.of("0123456789abcdef0123456789abcdef");
    public static final ApplicationKey OTHER_KEY = ApplicationKey.of("fedcba9876543210fedcba9876543210");
    public static final String SEED_SUBJECT_HASH = "cc32921a15480a117d9bbc72c0e1256a6852458b";

    private DemoData() {
    }

    /** The customer of the seed's 200 example, field for field. */
    public static CustomerAccount ivan() {
        return new CustomerAccount(IVAN_ID, 1, "Ivan", "Djordjevic", "ivan.djordjevic@partech.com", true,
                "+381111111111", "en", 1, "[]", 3, 3, true, true, true);
    }

    public static CustomerAccount customer(String id, int state) {
        return new CustomerAccount(CustomerId.of(id), 1, "Ana", "Petrovic", id + "@example.com", false,
                null, "sr", state, "[{\"key\":\"age_group\",\"value\":\"25-34\"}]", 1, 2, false, false, false);
    }

    public static Application demoApplication() {
        return new Application(ApplicationId.of(15), DEMO_KEY, "Demo application", true);
    }

    public static Application otherApplication() {
        return new Application(ApplicationId.of(16), OTHER_KEY, "Other application", true);
    }
}
