package dev.imagetagger.storage;

import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * One item of {@code tagger.s3.allowed-buckets}: trimmed, empty items ignored, and anything that cannot be a bucket
 * name (an ARN, an {@code s3://} URL, a pattern, capitals) fails start-up, rather than allowing nothing, silently.
 */
public class BucketName implements Converter<String> {

    /** S3's bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    @Override
    public String convert(String value) {
        String name = value.strip();
        if (name.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an S3 bucket name (3 to 63 lower-case letters,"
                    + " digits, dots and hyphens): give bare names, not ARNs, s3:// URLs or patterns");
        }
        return name;
    }
}
