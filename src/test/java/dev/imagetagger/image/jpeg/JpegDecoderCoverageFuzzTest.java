package dev.imagetagger.image.jpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.ImageRejectedException;
import dev.imagetagger.image.Region;

/**
 * Coverage-guided fuzzing of the JPEG decoder (Jazzer): each input is decoded as the classifier does, header first,
 * then at every scale, whole and through a region whose edges cut blocks and MCUs. It must end in an image of the
 * header's size or in a documented rejection ({@link CorruptImageException} and the other
 * {@link ImageRejectedException}s, {@link UnsupportedJpegException}); any other exception, a hang or
 * an allocation the heap cannot hold is a finding. The committed inputs ({@code JpegDecoderCoverageFuzzTestInputs/})
 * replay in every test run; see the README for fuzzing.
 */
class JpegDecoderCoverageFuzzTest {

    /**
     * Headers over this many pixels are skipped, not decoded: the decoder's memory is proportional to the header's
     * size (the caller bounds it with tagger.image.max-pixels), and a fuzzer allocating hundreds of megabytes per
     * input would find nothing but its own heap's end. The header parsing still runs on them.
     */
    private static final long MAX_FUZZED_PIXELS = 1 << 22;
    private static final int[] SCALES = { 1, 2, 4, 8 };

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] jpeg) {
        JpegHeader header;
        try {
            header = JpegDecoder.readHeader(jpeg);
        } catch (ImageRejectedException | UnsupportedJpegException e) {
            return;
        }
        if ((long) header.width() * header.height() > MAX_FUZZED_PIXELS) {
            return;
        }
        for (int scale : SCALES) {
            int width = Component.ceilDiv(header.width(), scale);
            int height = Component.ceilDiv(header.height(), scale);
            decode(jpeg, scale, Region.ALL, width, height);
            int left = width / 5;
            int top = Math.min(height / 7 + 1, height);
            decode(jpeg, scale, new Region(left, top, width - width / 3, Math.max(top, height - 1)), width, height);
        }
    }

    private static void decode(byte[] jpeg, int scale, Region region, int width, int height) {
        ScaledImage image;
        try {
            image = JpegDecoder.decode(jpeg, scale, region);
        } catch (ImageRejectedException | UnsupportedJpegException e) {
            return;
        }
        if (image.width() != width || image.height() != height
                || image.samples().length != width * height * image.channels()) {
            throw new IllegalStateException("1/" + scale + ": a " + image.width() + "x" + image.height() + "x"
                    + image.channels() + " image with " + image.samples().length + " samples for a header of "
                    + width + "x" + height);
        }
    }
}
