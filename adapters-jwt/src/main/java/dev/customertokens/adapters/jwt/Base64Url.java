package dev.customertokens.adapters.jwt;

import java.util.Arrays;

/**
 * A strict base64url decoder (RFC 7515 section 2): the URL-safe alphabet only, no padding, no whitespace, and the
 * unused bits of the last character zero, so that every byte string has exactly one accepted encoding.
 */
final class Base64Url {

    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /** The bytes encoded by {@code s[from, to)}, or {@code null} when that range is empty or not strict base64url. */
    static byte[] decode(String s, int from, int to) {
        int length = to - from;
        int remainder = length % 4;
        if (length <= 0 || remainder == 1) {
            return null;
        }
        byte[] out = new byte[length / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)];
        int o = 0;
        int i = from;
        for (int end = to - remainder; i < end; i += 4) {
            int a = value(s, i);
            int b = value(s, i + 1);
            int c = value(s, i + 2);
            int d = value(s, i + 3);
            if ((a | b | c | d) < 0) {
                return null;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (remainder == 2) {
            int a = value(s, i);
            int b = value(s, i + 1);
            if ((a | b) < 0 || (b & 0x0F) != 0) {
                return null;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (remainder == 3) {
            int a = value(s, i);
            int b = value(s, i + 1);
            int c = value(s, i + 2);
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int bits = a << 12 | b << 6 | c;
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        }
        return out;
    }

    private static int value(String s, int index) {
        char c = s.charAt(index);
        return c < 128 ? VALUES[c] : -1;
    }
}
