package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.imagetagger.classify.Preprocessing;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.model.ModelConfig;

/**
 * The region the preprocessing says it reads ({@link Preprocessor#readRegion}) is exactly what its crop reads, in
 * every orientation. That a JPEG decoded to that region alone gives the model the same input, to the bit, as the
 * full decode turned upright is {@link PreprocessorReferenceTest}'s.
 */
class PreprocessorReadRegionTest {

    private static final Preprocessor PREPROCESSOR = Preprocessing.of(Configs.defaults(ModelConfig.class));
    /** Stored sizes: photos both ways round, odd and tiny sizes, extreme aspect ratios, the large photos. */
    private static final int[][] SIZES = { { 500, 375 }, { 375, 500 }, { 333, 251 }, { 251, 333 }, { 256, 256 },
            { 224, 300 }, { 17, 9 }, { 1, 1 }, { 1000, 10 }, { 10, 1000 }, { 2560, 1600 }, { 1600, 2560 },
            { 4032, 3024 }, { 3024, 4032 }, { 8000, 6000 }, { 4001, 2999 }, { 257, 255 } };
    private static final int[] SCALES = { 1, 2, 4, 8 };

    @Test
    void theRegionIsExactlyTheSourcePixelsTheCropReads() {
        for (int[] size : SIZES) {
            for (int scale : SCALES) {
                int width = (size[0] + scale - 1) / scale;
                int height = (size[1] + scale - 1) / scale;
                for (Orientation orientation : Orientation.values()) {
                    ReadRecorder rows = new ReadRecorder(width, height);
                    PREPROCESSOR.uprightCrop(new DecodedImage(size[0], size[1], scale, ImageFormat.JPEG, orientation,
                            () -> rows));

                    assertEquals(rows.bounds(), PREPROCESSOR.readRegion(size[0], size[1], scale, orientation),
                            size[0] + "x" + size[1] + " at 1/" + scale + ", " + orientation);
                }
            }
        }
    }

    /** Rows of zeros that record the bounds of what is read of them. */
    private static final class ReadRecorder implements PixelRows {

        private final int width;
        private final int height;
        private int left = Integer.MAX_VALUE;
        private int top = Integer.MAX_VALUE;
        private int right;
        private int bottom;

        ReadRecorder(int width, int height) {
            this.width = width;
            this.height = height;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public void read(int y, int from, int to, float[] rgb) {
            left = Math.min(left, from);
            right = Math.max(right, to);
            top = Math.min(top, y);
            bottom = Math.max(bottom, y + 1);
        }

        Region bounds() {
            return new Region(left, top, right, bottom);
        }
    }
}
