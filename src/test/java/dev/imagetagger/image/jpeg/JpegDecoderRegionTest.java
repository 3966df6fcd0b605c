package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.Region;

/**
 * A decode of a region against the full decode, on the shared JPEGs the decoder supports (one ImageNet photo in four,
 * photos above 4 MP at the scales they are decoded at), at every scale: inside the region every sample is the same,
 * outside it none is written. In the small files of the structure set (every
 * sampling and coding) the regions' edges fall at every position modulo 16 pixels past the first 16, the most that
 * one block's samples span where the upsampling filter reads neighbours (4:2:0 chroma at scale 1): a margin one
 * sample short, missing a neighbour in the block before or after, shows as a wrong pixel at some edge (checked
 * by shortening it either way: hundreds of regions fail). The other files get a centred and an off-centre region.
 */
@LambdaSizedHeap
class JpegDecoderRegionTest {

    private static final int[] SCALES = { 1, 2, 4, 8 };
    private static final int[] LARGE_SCALES = { 4, 8 };
    /** One ImageNet photo in this many: all are baseline 4:2:0, which the structure set's sweep covers edge by edge. */
    private static final int IMAGENET_EVERY = 4;
    /** Edge positions swept: every residue modulo the widest block span. */
    private static final int SPAN = 16;
    /** Files above this many pixels get two regions, not the sweep: each region's decode reads the whole file. */
    private static final long SWEPT_PIXELS = 1_000_000;
    /**
     * Files above this many pixels are checked at 1/4 and 1/8 only, the scales the function decodes them at: the
     * smaller files already take every scale through the same code, and a full decode of 48 MP takes seconds.
     */
    private static final long FULL_SCALE_PIXELS = 4_200_000;

    @Test
    void insideTheRegionEverySampleIsTheFullDecodesAndOutsideNoneIsWritten() {
        List<String> failures = new ArrayList<>();
        int decodes = 0;
        long samplesOutside = 0;
        long writtenInFullOutside = 0;
        List<Path> files = JpegCorpus.supported();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getParent().getFileName() + "/" + file.getFileName();
            if (name.startsWith("imagenet-sample/") && i % IMAGENET_EVERY != 0) {
                continue;
            }
            byte[] bytes = Shared.read(file);
            // The small files of the structure set hold every sampling and coding the others have.
            JpegHeader header = JpegDecoder.readHeader(bytes);
            boolean sweep = name.startsWith("jpeg-structures/")
                    && (long) header.width() * header.height() <= SWEPT_PIXELS;
            boolean large = (long) header.width() * header.height() > FULL_SCALE_PIXELS;
            for (int scale : large ? LARGE_SCALES : SCALES) {
                ScaledImage full = JpegDecoder.decode(bytes, scale, Region.ALL);
                for (Region region : regions(full.width(), full.height(), sweep)) {
                    ScaledImage part = JpegDecoder.decode(bytes, scale, region);
                    decodes++;
                    String mismatch = firstMismatch(full, part, region.within(full.width(), full.height()));
                    if (mismatch != null) {
                        failures.add(name + " at 1/" + scale + ", " + region + ": " + mismatch);
                    }
                    long[] outside = outside(full, part, region);
                    samplesOutside += outside[0];
                    writtenInFullOutside += outside[1];
                }
            }
        }
        System.out.printf("JPEG regions: %d decodes, %d failures; %d samples outside the regions%n", decodes,
                failures.size(), samplesOutside);
        assertTrue(failures.isEmpty(), failures.size() + " regions differ:\n" + String.join("\n",
                failures.subList(0, Math.min(20, failures.size()))));
        // The photos are not black there: the zeros outside are work skipped, not the image.
        assertTrue(writtenInFullOutside > samplesOutside * 0.9, writtenInFullOutside + " of " + samplesOutside);
    }

    @Test
    void theWholeImageIsTheFullDecode() {
        for (Path file : JpegCorpus.files("jpeg-structures", name -> name.startsWith("tiny-"))) {
            byte[] bytes = Shared.read(file);
            for (int scale : SCALES) {
                ScaledImage full = JpegDecoder.decode(bytes, scale, Region.ALL);
                Region whole = new Region(0, 0, full.width(), full.height());
                assertTrue(firstMismatch(full, JpegDecoder.decode(bytes, scale, whole), whole) == null,
                        file + " at 1/" + scale);
            }
        }
    }

    /**
     * Sweeping: each region's edges at a different residue modulo {@link #SPAN} past the first {@link #SPAN} pixels
     * (left and top: 16m and 16m + 1 need the sample before; right and bottom: 16m needs the one after), and a region
     * of one pixel (for images large enough). Else a centred region and an off-centre one.
     */
    private static List<Region> regions(int width, int height, boolean sweep) {
        List<Region> regions = new ArrayList<>();
        if (sweep) {
            for (int i = 0; i < SPAN; i++) {
                int left = SPAN + i;
                int top = SPAN + (7 * i) % SPAN;
                int right = width - SPAN - (3 * i) % SPAN;
                int bottom = height - SPAN - (5 * i) % SPAN;
                if (right > left && bottom > top) {
                    regions.add(new Region(left, top, right, bottom));
                }
            }
            regions.add(new Region(width / 2, height / 2, width / 2 + 1, height / 2 + 1));
        } else {
            regions.add(new Region(width / 6, height / 16, width - width / 6, height - height / 16));
            regions.add(new Region(width / 3 + 1, height / 5 + 3, width / 2 + 5, height - 7));
        }
        return regions;
    }

    /** The first sample of {@code region} where the two differ, or null. */
    private static String firstMismatch(ScaledImage full, ScaledImage part, Region region) {
        int channels = full.channels();
        for (int y = region.top(); y < region.bottom(); y++) {
            for (int x = region.left(); x < region.right(); x++) {
                for (int c = 0; c < channels; c++) {
                    int at = (y * full.width() + x) * channels + c;
                    if (full.samples()[at] != part.samples()[at]) {
                        return "(" + x + ", " + y + ") channel " + c + ": " + (full.samples()[at] & 0xFF) + " != "
                                + (part.samples()[at] & 0xFF);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Over the samples outside the region: how many there are, and how many of them are non-zero in the full decode.
     * Fails the test if the region's decode wrote any.
     */
    private static long[] outside(ScaledImage full, ScaledImage part, Region region) {
        long count = 0;
        long written = 0;
        int channels = full.channels();
        for (int y = 0; y < full.height(); y++) {
            for (int x = 0; x < full.width(); x++) {
                if (region.contains(x, y)) {
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    int at = (y * full.width() + x) * channels + c;
                    if (part.samples()[at] != 0) {
                        throw new AssertionError("sample (" + x + ", " + y + ") outside " + region + " was written");
                    }
                    count++;
                    written += full.samples()[at] != 0 ? 1 : 0;
                }
            }
        }
        return new long[] { count, written };
    }
}
