package dev.imagetagger.api;

import java.util.regex.Pattern;

/**
 * Parses optional numeric query parameters as plain decimals, answering 400 (not JAX-RS's 404) when one is malformed.
 * Java's own syntax would also take {@code 0.5f}, {@code 0x1p-2}, {@code 1e-1} or {@code +3}: none is a number a
 * caller means to send, so each is refused rather than guessed at.
 */
final class QueryParameters {

    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{0,9}(\\.[0-9]{0,9})?");

    private QueryParameters() {
    }

    static int intIn(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String plain = value.strip();
        if (WHOLE.matcher(plain).matches()) {
            int parsed = Integer.parseInt(plain);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        throw new InvalidParameterException(name + " must be a whole number from " + min + " to " + max
                + ", written in plain digits; got " + value);
    }

    static float floatIn(String name, String value, float fallback, float min, float max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String plain = value.strip();
        if (DECIMAL.matcher(plain).matches() && plain.chars().anyMatch(Character::isDigit)) {
            float parsed = Float.parseFloat(plain);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        throw new InvalidParameterException(name + " must be a number from " + min + " to " + max
                + ", written as a plain decimal such as 0.25; got " + value);
    }
}
