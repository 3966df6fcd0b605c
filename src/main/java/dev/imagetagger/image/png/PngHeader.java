package dev.imagetagger.image.png;

import dev.imagetagger.image.CorruptImageException;

/**
 * What the IHDR chunk declares. {@code supported} says whether {@link PngDecoder#open} streams the image (every
 * valid non-interlaced PNG).
 */
public record PngHeader(int width, int height, int bitDepth, int colorType, boolean interlaced, boolean supported) {

    static final int GREY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GREY_ALPHA = 4;
    static final int RGBA = 6;

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    /** Signature, then IHDR: length, type, 13 bytes of data. */
    private static final int IHDR_DATA = 16;
    private static final int IHDR_LENGTH = 13;
    /** Where the chunk after IHDR starts (IHDR data, then its CRC). */
    static final int AFTER_IHDR = IHDR_DATA + IHDR_LENGTH + 4;

    static PngHeader read(byte[] png) {
        if (png.length < IHDR_DATA + IHDR_LENGTH || !hasSignature(png)) {
            throw new CorruptImageException("Not a PNG: the signature or the IHDR chunk is missing.");
        }
        if (ChunkReader.int32(png, 8) != IHDR_LENGTH || ChunkReader.int32(png, 12) != ChunkReader.IHDR) {
            throw new CorruptImageException("The PNG does not start with a valid IHDR chunk.");
        }
        int width = ChunkReader.int32(png, IHDR_DATA);
        int height = ChunkReader.int32(png, IHDR_DATA + 4);
        int bitDepth = png[IHDR_DATA + 8] & 0xFF;
        int colorType = png[IHDR_DATA + 9] & 0xFF;
        int compression = png[IHDR_DATA + 10];
        int filter = png[IHDR_DATA + 11];
        int interlace = png[IHDR_DATA + 12];
        if (width <= 0 || height <= 0) {
            // The spec limits both to 2^31 - 1, so a negative int is out of range too.
            throw new CorruptImageException("The PNG declares an empty or out-of-range size ("
                    + Integer.toUnsignedString(width) + "x" + Integer.toUnsignedString(height) + ").");
        }
        if (!validDepth(colorType, bitDepth)) {
            throw new CorruptImageException("The PNG declares bit depth " + bitDepth + " with colour type "
                    + colorType + ", which is not a valid combination.");
        }
        if (compression != 0 || filter != 0 || (interlace != 0 && interlace != 1)) {
            throw new CorruptImageException("The PNG declares an unknown compression, filter or interlace method.");
        }
        return new PngHeader(width, height, bitDepth, colorType, interlace == 1, interlace == 0);
    }

    private static boolean hasSignature(byte[] png) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (png[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean validDepth(int colorType, int bitDepth) {
        return switch (colorType) {
            case GREY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case RGB, GREY_ALPHA, RGBA -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    /** Samples per pixel. */
    int channels() {
        return switch (colorType) {
            case RGB -> 3;
            case GREY_ALPHA -> 2;
            case RGBA -> 4;
            default -> 1;
        };
    }

    /** Bytes of one row of pixels, without the filter byte; in long, as 2^31 - 1 pixels of 8 bytes overflow int. */
    public long rowBytes() {
        return ((long) width * channels() * bitDepth + 7) / 8;
    }

    /** The distance the filters look left: bytes of one pixel, at least 1 for depths below 8 bits. */
    int filterStride() {
        return Math.max(1, channels() * bitDepth / 8);
    }
}
