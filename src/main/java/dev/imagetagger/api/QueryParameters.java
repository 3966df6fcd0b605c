package dev.imagetagger.api;

/** Parses optional numeric query parameters, answering 400 (not JAX-RS's 404) when one is malformed. */
final class QueryParameters {

    private QueryParameters() {
    }

    static int intIn(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name + " must be a whole number from " + min + " to " + max);
    }

    static float floatIn(String name, String value, float fallback, float min, float max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            float parsed = Float.parseFloat(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name + " must be a number from " + min + " to " + max);
    }
}
