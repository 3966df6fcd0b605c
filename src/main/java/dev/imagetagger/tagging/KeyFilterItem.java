package dev.imagetagger.tagging;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * One item of {@code tagger.tags.key-prefixes} or {@code key-suffixes}: trimmed (a space after a comma must not drop a
 * whole prefix), and empty items ignored. A wildcard fails start-up: the filters are literal, so {@code *.jpg} would
 * match no key a user means, silently.
 */
public class KeyFilterItem implements Converter<String> {

    @Override
    public String convert(String value) {
        String item = value.strip();
        if (item.isEmpty()) {
            return null;
        }
        if (item.contains("*")) {
            throw new IllegalArgumentException("'" + item + "' is a pattern, but key filters are literal prefixes and"
                    + " suffixes: write .jpg rather than *.jpg, photos/ rather than photos/*");
        }
        return item;
    }
}
