package dev.customertokens.testkit;

import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

/** The seed's demo customer and a demo application, shared by every module's tests. */
public final class DemoData {

    /** The id of the seed's demo customer, {@link #ivan()}. */
    public static final CustomerId IVAN_ID = CustomerId.of("0da5a3f0-a354-4c04-8438-f1389c19a3f7");
    /** The key of {@link #demoApplication()}. */
    public static final ApplicationKey DEMO_KEY = ApplicationKey.of("0123456789abcdef0123456789abcdef");
    /** The key of {@link #otherApplication()}. */
    public static final ApplicationKey OTHER_KEY = ApplicationKey.of("fedcba9876543210fedcba9876543210");
    /** The seed's {@code prv}: the subject-type hash of customer tokens, the default of {@code --subject-hash}. */
    public static final String SEED_SUBJECT_HASH = "cc32921a15480a117d9bbc72c0e1256a6852458b";

    private DemoData() {
    }

    /**
     * The customer of the seed's 200 example, field for field.
     *
     * @return a new account equal to every other this returns; active
     */
    public static CustomerAccount ivan() {
        return new CustomerAccount(IVAN_ID, 1, "Ivan", "Djordjevic", "ivan.djordjevic@partech.com", true,
                "+381111111111", "en", 1, "[]", 3, 3, true, true, true);
    }

    /**
     * Another customer, with non-empty demographics and a null phone number, to tell accounts apart.
     *
     * @param id    the account's id, a well-formed {@link CustomerId}
     * @param state its {@code state}: 1 is active, anything else inactive
     * @return the account
     * @throws IllegalArgumentException if {@code id} is not a well-formed customer id
     */
    public static CustomerAccount customer(String id, int state) {
        return new CustomerAccount(CustomerId.of(id), 1, "Ana", "Petrovic", id + "@example.com", false,
                null, "sr", state, "[{\"key\":\"age_group\",\"value\":\"25-34\"}]", 1, 2, false, false, false);
    }

    /**
     * The demo application: id 15, key {@link #DEMO_KEY}, enabled.
     *
     * @return the application
     */
    public static Application demoApplication() {
        return new Application(ApplicationId.of(15), DEMO_KEY, "Demo application", true);
    }

    /**
     * A second application: id 16, key {@link #OTHER_KEY}, enabled.
     *
     * @return the application
     */
    public static Application otherApplication() {
        return new Application(ApplicationId.of(16), OTHER_KEY, "Other application", true);
    }
}
