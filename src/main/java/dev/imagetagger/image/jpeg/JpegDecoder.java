package dev.imagetagger.image.jpeg;

import java.nio.charset.StandardCharsets;

import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.Region;

/**
 * Decodes baseline and progressive Huffman-coded JPEGs straight to 1/1, 1/2, 1/4 or 1/8 of their size ("shrink on
 * load"); see the package documentation for what is supported. Broken data ends in {@link CorruptImageException},
 * valid files outside the scope in {@link UnsupportedJpegException}.
 */
public final class JpegDecoder {

    /** Largest Java array, with the headroom some VMs need. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);

    private JpegDecoder() {
    }

    /** Parses markers up to the first SOS only (no pixel work): size, components, coding. */
    public static JpegHeader readHeader(byte[] jpeg) {
        Segments segments = new Segments(jpeg);
        while (true) {
            int marker = segments.next();
            if (Segments.isStartOfFrame(marker)) {
                return Frame.parse(marker, jpeg, segments.start(), segments.end()).header();
            }
            if (marker == Segments.SOS || marker == Segments.EOI || marker == Segments.END) {
                throw new CorruptImageException("The JPEG has no frame header (SOF) before its image data.");
            }
        }
    }

    /** Largest d in {8, 4, 2, 1} with ceil(min(width, height) / d) >= minShorterSide (1 if none). */
    public static int scaleFor(int width, int height, int minShorterSide) {
        int shorter = Math.min(width, height);
        for (int scale = 8; scale > 1; scale /= 2) {
            if (Component.ceilDiv(shorter, scale) >= minShorterSide) {
                return scale;
            }
        }
        return 1;
    }

    /**
     * Decodes at 1/scale the pixels of {@code region} (in the coordinates of the image at that scale) exactly as a full
     * decode would, and leaves the others 0. Blocks that no pixel of the region needs are entropy-decoded (the coding
     * is sequential) but not transformed, and rows and columns outside it are not upsampled or converted.
     */
    public static ScaledImage decode(byte[] jpeg, int scale, Region region) {
        if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("The scale must be 1, 2, 4 or 8, not " + scale);
        }
        Segments segments = new Segments(jpeg);
        CodingTables tables = new CodingTables();
        Frame frame = null;
        ScanDecoder scans = null;
        Upsampler[] upsamplers = null;
        Region output = null;
        boolean jfif = false;
        int adobeTransform = -1;
        int marker = segments.next();
        while (marker != Segments.EOI && marker != Segments.END) {
            int start = segments.start();
            int end = segments.end();
            if (Segments.isStartOfFrame(marker)) {
                if (frame != null) {
                    throw new CorruptImageException("The JPEG has two frame headers (SOF).");
                }
                frame = Frame.parse(marker, jpeg, start, end);
                String unsupported = frame.unsupportedReason();
                if (unsupported != null) {
                    throw new UnsupportedJpegException("This decoder does not handle " + unsupported + ".");
                }
                checkArraySizes(frame, scale);
                scans = new ScanDecoder(frame, tables, jpeg, scale);
                output = region.within(Component.ceilDiv(frame.width, scale), Component.ceilDiv(frame.height, scale));
                upsamplers = upsamplers(frame, scale, output);
            } else if (marker == Segments.SOS) {
                if (scans == null) {
                    throw new CorruptImageException("The JPEG has a scan (SOS) before its frame header (SOF).");
                }
                marker = scans.decodeScan(start, end);
                if (marker != Segments.END) {
                    segments.resumeAt(scans.position(), marker);
                }
                continue;
            } else {
                switch (marker) {
                    case Segments.DHT -> tables.readHuffman(jpeg, start, end);
                    case Segments.DQT -> tables.readQuantisation(jpeg, start, end);
                    case Segments.DRI -> tables.readRestartInterval(jpeg, start, end);
                    case Segments.APP0 -> jfif |= startsWith(jpeg, start, end, JFIF);
                    case Segments.APP14 -> {
                        if (startsWith(jpeg, start, end, ADOBE) && end - start >= 12) {
                            adobeTransform = jpeg[start + 11] & 0xFF;
                        }
                    }
                    case Segments.DHP -> throw new UnsupportedJpegException(
                            "This decoder does not handle hierarchical JPEG.");
                    default -> {
                        // APPn, COM, DNL and unknown markers carry nothing the pixels need.
                    }
                }
            }
            marker = segments.next();
        }
        if (frame == null) {
            throw new CorruptImageException("The JPEG has no frame header (SOF).");
        }
        if (!scans.allComponentsCoded()) {
            throw new CorruptImageException("The JPEG ends before every component has image data (SOS).");
        }
        scans.finish();
        return assemble(frame, scale, upsamplers, output, storesRgb(frame, jfif, adobeTransform));
    }

    /** libjpeg's rule: JFIF means YCbCr; else the Adobe transform flag; else component ids 'R', 'G', 'B' mean RGB. */
    private static boolean storesRgb(Frame frame, boolean jfif, int adobeTransform) {
        if (frame.components.length != 3 || jfif) {
            return false;
        }
        if (adobeTransform >= 0) {
            return adobeTransform == 0;
        }
        return frame.components[0].id == 'R' && frame.components[1].id == 'G' && frame.components[2].id == 'B';
    }

    /** The arrays decoding will need, from the header alone: refuse what no Java array can hold. */
    private static void checkArraySizes(Frame frame, int scale) {
        long channels = frame.components.length == 1 ? 1 : 3;
        long largest = (long) Component.ceilDiv(frame.width, scale) * Component.ceilDiv(frame.height, scale) * channels;
        for (Component c : frame.components) {
            long blocks = (long) c.blocksPerLine * c.blocksPerColumn;
            int blockScale = c.blockScale(scale, frame);
            int side = 8 / blockScale;
            largest = Math.max(largest, blocks * side * side);
            if (frame.progressive()) {
                largest = Math.max(largest, blocks * (blockScale == 8 ? 1 : 64));
            }
        }
        if (largest > MAX_ARRAY) {
            throw new UnsupportedJpegException("The JPEG is " + frame.width + "x" + frame.height
                    + ", too large for this decoder at scale 1/" + scale + ".");
        }
    }

    /** An upsampler per component for the output region, each telling its component which blocks to transform. */
    private static Upsampler[] upsamplers(Frame frame, int scale, Region output) {
        int width = Component.ceilDiv(frame.width, scale);
        Component[] components = frame.components;
        Upsampler[] upsamplers = new Upsampler[components.length];
        for (int i = 0; i < components.length; i++) {
            upsamplers[i] = new Upsampler(components[i], frame, scale, width, output);
            components[i].blocksRead = upsamplers[i].blocksRead;
        }
        return upsamplers;
    }

    private static ScaledImage assemble(Frame frame, int scale, Upsampler[] rows, Region output, boolean rgb) {
        int width = Component.ceilDiv(frame.width, scale);
        int height = Component.ceilDiv(frame.height, scale);
        int channels = frame.components.length == 1 ? 1 : 3;
        byte[] samples = new byte[width * height * channels];
        int from = output.left();
        int to = output.right();
        for (int y = output.top(); y < output.bottom(); y++) {
            for (Upsampler row : rows) {
                row.select(y);
            }
            int offset = y * width * channels;
            if (channels == 1) {
                System.arraycopy(rows[0].rowData, rows[0].rowOffset + from, samples, offset + from, to - from);
            } else if (rgb) {
                ColorConverter.rgb(rows[0], rows[1], rows[2], samples, offset, from, to);
            } else {
                ColorConverter.yCbCrToRgb(rows[0], rows[1], rows[2], samples, offset, from, to);
            }
        }
        return new ScaledImage(width, height, channels, samples, scale);
    }

    private static boolean startsWith(byte[] data, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
