package dev.imagetagger.tagging;

import java.util.List;
import java.util.Locale;

/** Which keys are tagged: those matching one of the prefixes (if any) and one of the suffixes (if any). */
final class KeyFilter {

    private final List<String> prefixes;
    private final List<String> suffixes;

    KeyFilter(List<String> prefixes, List<String> suffixes) {
        this.prefixes = prefixes;
        this.suffixes = suffixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    boolean accepts(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return (prefixes.isEmpty() || prefixes.stream().anyMatch(key::startsWith))
                && (suffixes.isEmpty() || suffixes.stream().anyMatch(lower::endsWith));
    }
}
