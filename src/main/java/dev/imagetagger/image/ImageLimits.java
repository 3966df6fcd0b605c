package dev.imagetagger.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits that keep a hostile or oversized image from exhausting a Lambda function's memory or time. */
@ConfigMapping(prefix = "tagger.image")
public interface ImageLimits {

    /** Largest encoded image, in bytes, that is read at all. */
    @WithDefault("26214400")
    long maxBytes();

    /**
     * Largest image, in pixels (width times height, read from the header before any pixel is decoded). Decoding
     * takes about 3 bytes a pixel, so the default 64 MP (a 48 MP phone photo fits) needs about 200 MB of heap.
     */
    @WithDefault("64000000")
    long maxPixels();
}
