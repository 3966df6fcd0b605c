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
        DecodePlan plan = null;
        ScanDecoder scans = null;
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
                plan = new DecodePlan(frame, scale, region);
                scans = new ScanDecoder(frame, plan, tables, jpeg);
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
        return assemble(plan, scans, storesRgb(frame, jfif, adobeTransform));
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

    /** Upsamples and converts the decoded planes into the output region's samples (the rest stays 0). */
    private static ScaledImage assemble(DecodePlan plan, ScanDecoder scans, boolean rgb) {
        int width = plan.width;
        int channels = plan.channels;
        Region output = plan.output;
        Upsampler[] rows = new Upsampler[channels];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Upsampler(plan.component(i), scans.plane(i), output, width);
        }
        byte[] samples = new byte[width * plan.height * channels];
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
        return new ScaledImage(width, plan.height, channels, samples, plan.scale);
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
