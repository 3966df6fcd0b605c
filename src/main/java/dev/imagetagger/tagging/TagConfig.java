package dev.imagetagger.tagging;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
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

    /**
     * Classes below this probability are not written: they are left out of the {@code top} tag, and when even the
     * best class is below it, the object gets only its status and model tags.
     */
    @WithDefault("0")
    float minScore();

    /** Only keys starting with one of these (comma-separated, trimmed) are tagged on events; unset means every key. */
    Optional<List<@WithConverter(KeyFilterItem.class) String>> keyPrefixes();

    /** Only keys ending with one of these (case-insensitive) are tagged; unset means every key. */
    Optional<List<@WithConverter(KeyFilterItem.class) String>> keySuffixes();
}
