package dev.customertokens.domain;

import java.util.Objects;

/**
 * The optional device identifier a client sends in {@code Device-UUID}: up to 128 printable ASCII characters.
 * {@link #toString()} is the identifier itself.
 *
 * @param value the identifier: 1 to {@value #MAX_LENGTH} characters from space to {@code ~}
 */
public record DeviceUuid(String value) {
    /** The longest identifier accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    /**
     * Checks the identifier.
     *
     * @param value the identifier: 1 to {@value #MAX_LENGTH} characters from space to {@code ~}
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is empty, too long or holds a character outside
     *                                  printable ASCII
     */
    public DeviceUuid {
        Objects.requireNonNull(value, "device uuid");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("device uuid must be 1 to 128 printable characters");
        }
    }

    /**
     * Whether {@code candidate} would make a device identifier, for a caller that reports a malformed one
     * rather than catching an exception.
     *
     * @param candidate the text to check, may be null
     * @return true when the constructor would accept it; false for null
     */
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

    /**
     * The device identifier {@code value}, as the constructor makes it.
     *
     * @param value the identifier: 1 to {@value #MAX_LENGTH} printable ASCII characters
     * @return the identifier
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not a well-formed identifier
     */
    public static DeviceUuid of(String value) {
        return new DeviceUuid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
