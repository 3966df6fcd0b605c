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
     * Largest image, in pixels (width times height, read from the header before any pixel is decoded). JPEG and PNG
     * are decoded without holding the full-size image; the other formats are held whole, at 3 bytes a pixel within
     * this budget (a format with deeper pixels gets proportionally fewer), so the default 64 MP (a 48 MP phone photo
     * fits) needs about 200 MB of heap at most.
     */
    @WithDefault("64000000")
    long maxPixels();
}
