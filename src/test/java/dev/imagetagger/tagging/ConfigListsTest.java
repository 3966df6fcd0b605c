package dev.imagetagger.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.storage.S3Config;

/**
 * The configuration lists as SmallRye Config reads them at start-up: items trimmed, empty ones ignored, and a value
 * that cannot match anything refused with the property's name.
 */
class ConfigListsTest {

    @Test
    void keyFiltersAreTrimmedAndEmptyItemsIgnored() {
        TagConfig config = Configs.mapping(TagConfig.class, Map.of("tagger.tags.key-prefixes", " photos/, uploads/ ,, ",
                "tagger.tags.key-suffixes", ".jpg, .png"));

        assertEquals(Optional.of(List.of("photos/", "uploads/")), config.keyPrefixes());
        assertEquals(Optional.of(List.of(".jpg", ".png")), config.keySuffixes());
        KeyFilter filter = new KeyFilter(config.keyPrefixes().get(), config.keySuffixes().get());
        assertTrue(filter.accepts("uploads/f.jpg"));
        assertTrue(filter.accepts("photos/c.png"));
        assertFalse(filter.accepts(" uploads/g.jpg"));
    }

    @Test
    void aListOfOnlyEmptyItemsFiltersNothing() {
        TagConfig config = Configs.mapping(TagConfig.class, Map.of("tagger.tags.key-prefixes", " , ,"));

        KeyFilter filter = new KeyFilter(config.keyPrefixes().orElse(List.of()), List.of());
        assertTrue(filter.accepts("anything/at/all.jpg"));
    }

    @Test
    void allowedBucketsAreTrimmedAndEmptyItemsIgnored() {
        S3Config config = s3Config("photos-2026, my.bucket ,");

        assertEquals(Optional.of(Set.of("photos-2026", "my.bucket")), config.allowedBuckets());
    }

    @ParameterizedTest
    @ValueSource(strings = { "*.jpg", ".jpg, *.png", "photos/*" })
    void aWildcardFilterFailsNamingTheProperty(String value) {
        for (String property : List.of("tagger.tags.key-suffixes", "tagger.tags.key-prefixes")) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> Configs.mapping(TagConfig.class, Map.of(property, value)));
            assertTrue(messages(e).contains(property), messages(e));
            assertTrue(messages(e).contains("literal"), messages(e));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "arn:aws:s3:::photos", "s3://photos", "Photos", "photos-*", "ab" })
    void anImpossibleBucketFailsNamingTheProperty(String value) {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> s3Config(value));
        assertTrue(messages(e).contains("tagger.s3.allowed-buckets"), messages(e));
        assertTrue(messages(e).contains("not an S3 bucket name"), messages(e));
    }

    /** Quarkus reads the default "20s" with a converter of its own; plain SmallRye Config needs ISO-8601. */
    private static S3Config s3Config(String allowedBuckets) {
        return Configs.mapping(S3Config.class, Map.of("tagger.s3.allowed-buckets", allowedBuckets,
                "tagger.s3.api-call-timeout", "PT20S"));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
