package dev.imagetagger.image.png;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.imagetagger.image.ImageRejectedException;

/**
 * Coverage-guided fuzzing of the PNG decoder (Jazzer): each input is read as the classifier reads it, header first,
 * then every row, whole rows and a column range. It must end in rows or in a documented rejection
 * ({@link ImageRejectedException}: corrupt or too large; {@link UnsupportedPngException}); any other exception, a hang or an allocation the
 * heap cannot hold is a finding. The committed inputs ({@code PngDecoderCoverageFuzzTestInputs/}) replay in every test
 * run; see the README for fuzzing.
 */
class PngDecoderCoverageFuzzTest {

    /** Larger headers are skipped (see JpegDecoderCoverageFuzzTest): the caller bounds them by its pixel limit. */
    private static final long MAX_FUZZED_PIXELS = 1 << 22;

    @FuzzTest(maxDuration = "5s")
    void readRows(byte[] png) {
        try {
            PngHeader header = PngDecoder.readHeader(png);
            if ((long) header.width() * header.height() > MAX_FUZZED_PIXELS) {
                return;
            }
            int width = header.width();
            float[] rgb = new float[3 * width];
            try (PngRows rows = PngDecoder.open(png)) {
                for (int y = 0; y < rows.height(); y++) {
                    if (y % 2 == 0) {
                        rows.read(y, rgb);
                    } else {
                        rows.read(y, width / 3, width - width / 4, rgb);
                    }
                }
            }
        } catch (ImageRejectedException | UnsupportedPngException e) {
            // a documented rejection: CorruptImageException, UnsupportedPngException, ImageTooLargeException
        }
    }
}
