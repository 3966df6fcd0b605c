package dev.imagetagger.classify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Defaults for how many classes an answer (or a tag set) reports. */
@ConfigMapping(prefix = "tagger.classify")
public interface ClassifyConfig {

    /** Number of best classes reported when the caller does not say. */
    @WithDefault("5")
    int topK();

    /** Classes below this probability are not reported. */
    @WithDefault("0")
    float minScore();
}
