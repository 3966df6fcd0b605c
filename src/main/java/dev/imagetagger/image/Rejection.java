package dev.imagetagger.image;

/** Why an input is not classified: the same bytes are rejected the same way every time. */
public enum Rejection {
    /** Not an image, or an image in a format this function does not decode (HEIC, AVIF...). */
    UNSUPPORTED("unsupported"),
    /** Looks like a supported format but cannot be decoded: broken or truncated. */
    CORRUPT("corrupt"),
    /** Over the byte or pixel limits, found before any pixel is decoded. */
    TOO_LARGE("too-large");

    private final String id;

    Rejection(String id) {
        this.id = id;
    }

    /** The word reported in responses, logs and S3 status tags. */
    public String id() {
        return id;
    }
}
