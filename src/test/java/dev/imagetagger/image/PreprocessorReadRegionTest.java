package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.imagetagger.classify.Preprocessing;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.jpeg.JpegCorpus;
import dev.imagetagger.image.jpeg.JpegDecoder;
import dev.imagetagger.image.jpeg.JpegHeader;
import dev.imagetagger.image.jpeg.ScaledImage;
import dev.imagetagger.model.ModelConfig;

/**
 * The region the preprocessing says it reads ({@link Preprocessor#readRegion}) is exactly what its crop reads, and
 * a JPEG decoded to that region alone gives the model the same input, to the bit, as the full decode.
 */
class PreprocessorReadRegionTest {

    private static final Preprocessor PREPROCESSOR = Preprocessing.of(Configs.defaults(ModelConfig.class));
    private static final ImageDecoder DECODER = new ImageDecoder(Configs.defaults(ImageLimits.class));
    /** Stored sizes: photos both ways round, odd and tiny sizes, extreme aspect ratios, the large photos. */
    private static final int[][] SIZES = { { 500, 375 }, { 375, 500 }, { 333, 251 }, { 251, 333 }, { 256, 256 },
            { 224, 300 }, { 17, 9 }, { 1, 1 }, { 1000, 10 }, { 10, 1000 }, { 2560, 1600 }, { 1600, 2560 },
            { 4032, 3024 }, { 3024, 4032 }, { 8000, 6000 }, { 4001, 2999 }, { 257, 255 } };
    private static final int[] SCALES = { 1, 2, 4, 8 };
    /**
     * One orientation for each way the centre crop can round along the stored axes (reversed or not, across and
     * down): the others differ only in how the crop is turned afterwards, the same for both decodes.
     */
    private static final List<Orientation> ROUNDINGS = Stream.of(Orientation.values())
            .collect(Collectors.toMap(o -> List.of(o.reversesStoredX(), o.reversesStoredY()), o -> o, (a, b) -> a,
                    LinkedHashMap::new))
            .values().stream().toList();

    @Test
    void theRegionIsExactlyTheSourcePixelsTheCropReads() {
        for (int[] size : SIZES) {
            for (int scale : SCALES) {
                int width = (size[0] + scale - 1) / scale;
                int height = (size[1] + scale - 1) / scale;
                for (Orientation orientation : Orientation.values()) {
                    ReadRecorder rows = new ReadRecorder(width, height);
                    PREPROCESSOR.uprightCrop(new DecodedImage(size[0], size[1], ImageFormat.JPEG, orientation,
                            () -> rows));

                    assertEquals(rows.bounds(), PREPROCESSOR.readRegion(size[0], size[1], orientation, width, height),
                            size[0] + "x" + size[1] + " at 1/" + scale + ", " + orientation);
                }
            }
        }
    }

    @Test
    void everySharedJpegDecodedToItsRegionGivesTheSameCropHoweverTheCropRounds() {
        int files = 0;
        long regionPixels = 0;
        long decodedPixels = 0;
        for (Path file : JpegCorpus.supported()) {
            byte[] bytes = Shared.read(file);
            JpegHeader header = JpegDecoder.readHeader(bytes);
            int scale = JpegDecoder.scaleFor(header.width(), header.height(), PREPROCESSOR.resizeShorterSide());
            ScaledImage full = JpegDecoder.decode(bytes, scale);
            Map<Region, ScaledImage> decodes = new HashMap<>(); // orientations differ only in how the crop rounds
            for (Orientation orientation : ROUNDINGS) {
                Region region = PREPROCESSOR.readRegion(header.width(), header.height(), orientation, full.width(),
                        full.height());
                ScaledImage part = decodes.computeIfAbsent(region, r -> JpegDecoder.decode(bytes, scale, r));
                assertArrayEquals(crop(header, full, orientation), crop(header, part, orientation),
                        file + " " + orientation);
                regionPixels += (long) (region.right() - region.left()) * (region.bottom() - region.top());
                decodedPixels += (long) full.width() * full.height();
            }
            // And the way the classifier decodes, with the orientation the file's EXIF gives.
            assertArrayEquals(crop(header, full, ExifOrientation.ofJpeg(bytes)),
                    PREPROCESSOR.uprightCrop(DECODER.decode(bytes, PREPROCESSOR)), file.toString());
            files++;
        }
        System.out.printf("Read regions: %d JPEGs, the crop reads %.1f %% of the decoded pixels%n", files,
                100.0 * regionPixels / decodedPixels);
        assertTrue(files > 300, files + " files");
        assertTrue(regionPixels < decodedPixels * 0.8, "the regions are not smaller than the images");
    }

    private static float[] crop(JpegHeader header, ScaledImage image, Orientation orientation) {
        SampleRows rows = new SampleRows(image.width(), image.height(), image.channels(), image.samples());
        return PREPROCESSOR.uprightCrop(new DecodedImage(header.width(), header.height(), ImageFormat.JPEG,
                orientation, () -> rows));
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
