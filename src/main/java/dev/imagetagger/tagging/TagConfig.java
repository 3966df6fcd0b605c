package dev.imagetagger.tagging;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the function writes onto S3 objects, and which objects it tags. */
@ConfigMapping(prefix = "tagger.tags")
public interface TagConfig {

    /** Prefix of every tag key the function owns; tags without it belong to the user and are never touched. */
    @WithDefault("tagger-")
    String prefix();

    /** Number of classes listed in the {@code top} tag. */
    @WithDefault("3")
    int topK();

    /** Only keys starting with one of these are tagged (S3 events); unset means every key. */
    Optional<List<String>> keyPrefixes();

    /** Only keys ending with one of these (case-insensitive) are tagged; unset means every key. */
    Optional<List<String>> keySuffixes();
}
