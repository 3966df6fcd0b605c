package dev.imagetagger.image.png;

/**
 * Turns a row of unfiltered PNG bytes into RGB floats in [0, 255], the way the ImageIO path reads the decoded image:
 * alpha is dropped (the colour channels are read as stored), grey is the sample scaled to 255 (not brightened as
 * linear light), a palette index is its PLTE colour (tRNS ignored), and a 16-bit colour sample is rounded to 8 bits
 * as {@code ComponentColorModel} does.
 */
final class PixelUnpacker {

    /** What {@code PixelRows} multiplies a 16-bit grey sample by. */
    private static final float GREY16_SCALE = 255f / 65535;

    private final PngHeader header;
    /** RGB per sample value, for grey up to 8 bits and palette indices. */
    private final float[] colours;

    private PixelUnpacker(PngHeader header, float[] colours) {
        this.header = header;
        this.colours = colours;
    }

    /**
     * For a palette image, {@code plte} holds the PLTE chunk's data from {@code offset} on. Indices beyond the
     * palette are black (ImageIO pads short palettes with black entries, too); entries beyond what the bit depth can
     * index are ignored.
     */
    static PixelUnpacker of(PngHeader header, byte[] plte, int offset, int length) {
        int depth = header.bitDepth();
        return switch (header.colorType()) {
            case PngHeader.PALETTE -> new PixelUnpacker(header, palette(1 << depth, plte, offset, length));
            case PngHeader.GREY, PngHeader.GREY_ALPHA ->
                new PixelUnpacker(header, depth <= 8 ? greyLevels(depth) : null);
            default -> new PixelUnpacker(header, null);
        };
    }

    private static float[] palette(int size, byte[] plte, int offset, int length) {
        float[] colours = new float[3 * size];
        int entries = Math.min(size, length / 3);
        for (int i = 0; i < 3 * entries; i++) {
            colours[i] = plte[offset + i] & 0xFF;
        }
        return colours;
    }

    private static float[] greyLevels(int depth) {
        int max = (1 << depth) - 1;
        float scale = 255f / max;
        float[] colours = new float[3 * (max + 1)];
        for (int v = 0; v <= max; v++) {
            colours[3 * v] = colours[3 * v + 1] = colours[3 * v + 2] = v * scale;
        }
        return colours;
    }

    /** Fills {@code rgb[0, 3 * (to - from))} with columns [from, to) of the row whose bytes start at {@code at}. */
    void toRgb(byte[] row, int at, int from, int to, float[] rgb) {
        int width = to - from;
        int depth = header.bitDepth();
        int bytesPerPixel = header.channels() * depth / 8;
        if (colours != null) {
            if (depth < 8) {
                packed(row, at, from, rgb, width, depth);
            } else {
                indexed(row, at + from * bytesPerPixel, rgb, width, bytesPerPixel);
            }
        } else if (header.colorType() == PngHeader.GREY || header.colorType() == PngHeader.GREY_ALPHA) {
            grey16(row, at + from * bytesPerPixel, rgb, width, bytesPerPixel);
        } else if (depth == 8) {
            colour8(row, at + from * bytesPerPixel, rgb, width, bytesPerPixel);
        } else {
            colour16(row, at + from * bytesPerPixel, rgb, width, bytesPerPixel);
        }
    }

    /** Several pixels per byte, the leftmost in the high bits; {@code width} pixels from pixel {@code from} on. */
    private void packed(byte[] row, int at, int from, float[] rgb, int width, int depth) {
        int mask = (1 << depth) - 1;
        int perByte = 8 / depth;
        int firstShift = 8 - depth - (from % perByte) * depth;
        for (int x = 0, in = at + from / perByte, out = 0; x < width; in++, firstShift = 8 - depth) {
            int bits = row[in] & 0xFF;
            for (int shift = firstShift; shift >= 0 && x < width; shift -= depth, x++, out += 3) {
                int c = 3 * ((bits >>> shift) & mask);
                rgb[out] = colours[c];
                rgb[out + 1] = colours[c + 1];
                rgb[out + 2] = colours[c + 2];
            }
        }
    }

    /** One byte per sample; the first sample of each pixel picks the colour. */
    private void indexed(byte[] row, int at, float[] rgb, int width, int step) {
        for (int x = 0, in = at, out = 0; x < width; x++, in += step, out += 3) {
            int c = 3 * (row[in] & 0xFF);
            rgb[out] = colours[c];
            rgb[out + 1] = colours[c + 1];
            rgb[out + 2] = colours[c + 2];
        }
    }

    private static void grey16(byte[] row, int at, float[] rgb, int width, int step) {
        for (int x = 0, in = at, out = 0; x < width; x++, in += step, out += 3) {
            float v = sample16(row, in) * GREY16_SCALE;
            rgb[out] = v;
            rgb[out + 1] = v;
            rgb[out + 2] = v;
        }
    }

    private static void colour8(byte[] row, int at, float[] rgb, int width, int step) {
        for (int x = 0, in = at, out = 0; x < width; x++, in += step, out += 3) {
            rgb[out] = row[in] & 0xFF;
            rgb[out + 1] = row[in + 1] & 0xFF;
            rgb[out + 2] = row[in + 2] & 0xFF;
        }
    }

    private static void colour16(byte[] row, int at, float[] rgb, int width, int step) {
        for (int x = 0, in = at, out = 0; x < width; x++, in += step, out += 3) {
            rgb[out] = to8Bits(sample16(row, in));
            rgb[out + 1] = to8Bits(sample16(row, in + 2));
            rgb[out + 2] = to8Bits(sample16(row, in + 4));
        }
    }

    private static int sample16(byte[] row, int at) {
        return (row[at] & 0xFF) << 8 | row[at + 1] & 0xFF;
    }

    /**
     * {@code round(v * 255 / 65535)}, that is {@code round(v / 257)}, as {@code ComponentColorModel} rounds it. No
     * {@code v} lies halfway between two levels, so adding 128 before dividing rounds exactly.
     */
    static int to8Bits(int v) {
        return (v + 128) / 257;
    }
}
