package dev.imagetagger.model;

import java.util.HashMap;
import java.util.Map;

import dev.imagetagger.fixtures.Configs;

/** Opens real model sessions outside Quarkus, configured as {@code tagger.model.*} properties would configure them. */
public final class Sessions {

    private Sessions() {
    }

    /** The descriptor the application would build from its defaults plus {@code properties}. */
    public static ModelConfig config(Map<String, String> properties) {
        Map<String, String> prefixed = new HashMap<>();
        properties.forEach((key, value) -> prefixed.put("tagger.model." + key, value));
        return Configs.mapping(ModelConfig.class, prefixed);
    }

    public static ModelSession open(Map<String, String> properties) {
        return new ModelSession(config(properties));
    }

    /** Releases the native session, as the container does at shut-down. */
    public static void close(ModelSession session) {
        session.close();
    }
}
