package dev.customertokens.domain;

import java.util.Objects;

/** The optional device identifier a client sends in {@code Device-UUID}: up to 128 printable ASCII characters. */
public record DeviceUuid(String value) {
    public static final int MAX_LENGTH = 128;

    public DeviceUuid {
        Objects.requireNonNull(value, "device uuid");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("device uuid must be 1 to 128 printable characters");
        }
    }

    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    public static DeviceUuid of(String value) {
        return new DeviceUuid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
