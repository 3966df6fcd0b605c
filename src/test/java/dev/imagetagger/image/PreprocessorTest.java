package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.imagetagger.image.imageio.BufferedImageRows;

class PreprocessorTest {

    // Distinct per channel, so a channel paired with another channel's mean or std shows.
    private static final float[] MEAN = { 0.485f, 0.456f, 0.406f };
    private static final float[] STD = { 0.229f, 0.224f, 0.225f };
    private static final int CROP = 224;
    private static final int PIXELS = CROP * CROP;
    private static final Color SOLID = new Color(200, 100, 50);

    @Test
    void solidColourIsNormalisedPerChannelInNchw() {
        float[] tensor = tensorOf(solid(300, 400), ChannelOrder.RGB, TensorLayout.NCHW);

        int pixel = 37 * CROP + 101;
        assertEquals(normalised(200, 0), tensor[pixel], 1e-5);
        assertEquals(normalised(100, 1), tensor[PIXELS + pixel], 1e-5);
        assertEquals(normalised(50, 2), tensor[2 * PIXELS + pixel], 1e-5);
    }

    @Test
    void bgrPutsBlueFirstWithBluesMeanAndStd() {
        float[] tensor = tensorOf(solid(300, 400), ChannelOrder.BGR, TensorLayout.NCHW);

        int pixel = 5;
        assertEquals(normalised(50, 2), tensor[pixel], 1e-5);
        assertEquals(normalised(100, 1), tensor[PIXELS + pixel], 1e-5);
        assertEquals(normalised(200, 0), tensor[2 * PIXELS + pixel], 1e-5);
    }

    @Test
    void nhwcInterleavesTheChannelsOfEachPixel() {
        float[] tensor = tensorOf(solid(400, 300), ChannelOrder.RGB, TensorLayout.NHWC);

        int pixel = 223 * CROP + 7;
        assertEquals(normalised(200, 0), tensor[pixel * 3], 1e-5);
        assertEquals(normalised(100, 1), tensor[pixel * 3 + 1], 1e-5);
        assertEquals(normalised(50, 2), tensor[pixel * 3 + 2], 1e-5);
    }

    @Test
    void writesFromTheBuffersPositionAndAdvancesIt() {
        Preprocessor preprocessor = preprocessor(ChannelOrder.RGB, TensorLayout.NCHW);
        FloatBuffer buffer = FloatBuffer.allocate(10 + 3 * PIXELS);
        buffer.position(10);

        preprocessor.writeTensor(DecodedImage.of(BufferedImageRows.of(solid(256, 256)), ImageFormat.PNG, Orientation.NORMAL), buffer);

        assertEquals(10 + 3 * PIXELS, buffer.position());
        assertEquals(0f, buffer.get(9));
        assertEquals(normalised(200, 0), buffer.get(10), 1e-5);
    }

    @Test
    void resizesTheShorterSideKeepingTheAspectRatio() {
        Preprocessor preprocessor = preprocessor(ChannelOrder.RGB, TensorLayout.NCHW);

        assertArrayEquals(new long[] { 341, 256 }, preprocessor.resizedSize(500, 375));
        assertArrayEquals(new long[] { 256, 341 }, preprocessor.resizedSize(375, 500));
        assertArrayEquals(new long[] { 256, 256 }, preprocessor.resizedSize(1, 1));
        assertArrayEquals(new long[] { 256, 256000 }, preprocessor.resizedSize(10, 10000));
        assertArrayEquals(new long[] { 384, 256 }, preprocessor.resizedSize(6000, 4000));
    }

    @Test
    void cropsExactlyTheCentreWhenNoResizeIsNeeded() {
        // 512x256 keeps its size; the 224 crop starts at x = (512 - 224) / 2 = 144, y = 16. Only that region is red.
        BufferedImage image = filled(512, 256, Color.BLUE);
        paint(image, Color.RED, 144, 16, CROP, CROP);

        float[] crop = preprocessor(ChannelOrder.RGB, TensorLayout.NCHW)
                .uprightCrop(DecodedImage.of(BufferedImageRows.of(image), ImageFormat.PNG, Orientation.NORMAL));

        for (int i = 0; i < PIXELS; i++) {
            assertArrayEquals(new float[] { 255, 0, 0 }, pixel(crop, i), 1e-3f, "pixel " + i);
        }
    }

    @Test
    void cropsTheCentreOfADownscaledImage() {
        // 1024x512 halves to 512x256: the crop covers source x 288..736, y 32..480, which alone is red.
        BufferedImage image = filled(1024, 512, Color.BLUE);
        paint(image, Color.RED, 288, 32, 2 * CROP, 2 * CROP);

        float[] crop = preprocessor(ChannelOrder.RGB, TensorLayout.NCHW)
                .uprightCrop(DecodedImage.of(BufferedImageRows.of(image), ImageFormat.PNG, Orientation.NORMAL));

        // The downscale filter reaches one output pixel across the border; everything inside is pure red.
        for (int y = 1; y < CROP - 1; y++) {
            for (int x = 1; x < CROP - 1; x++) {
                assertArrayEquals(new float[] { 255, 0, 0 }, pixel(crop, y * CROP + x), 0.5f, x + "," + y);
            }
        }
    }

    @Test
    void turnsTheCropUpright() {
        // Stored with the photo's top on the left: EXIF 6 says turn 90 degrees clockwise, which brings it to the top.
        BufferedImage image = filled(256, 256, Color.BLUE);
        paint(image, Color.RED, 0, 0, 128, 256);

        float[] crop = preprocessor(ChannelOrder.RGB, TensorLayout.NCHW)
                .uprightCrop(DecodedImage.of(BufferedImageRows.of(image), ImageFormat.JPEG, Orientation.ROTATE_90_CW));

        assertArrayEquals(new float[] { 255, 0, 0 }, pixel(crop, 10 * CROP + 112), 0.5f);
        assertArrayEquals(new float[] { 0, 0, 255 }, pixel(crop, 200 * CROP + 112), 0.5f);
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void theCropOfAStoredImageIsExactlyTheCropOfItsUprightImage(Orientation orientation) {
        // 481x257 with a 257 shorter side needs no resize, and leaves odd margins (257, 33) on both axes, where
        // rounding the centre offset the same way in stored and upright coordinates would shift the crop a pixel.
        Preprocessor preprocessor = new Preprocessor(257, CROP, MEAN, STD, ChannelOrder.RGB, TensorLayout.NCHW);
        BufferedImage upright = noise(481, 257);

        float[] expected = preprocessor.uprightCrop(DecodedImage.of(BufferedImageRows.of(upright), ImageFormat.PNG, Orientation.NORMAL));
        float[] actual = preprocessor.uprightCrop(
                DecodedImage.of(BufferedImageRows.of(stored(upright, orientation)), ImageFormat.JPEG, orientation));

        assertArrayEquals(expected, actual);
    }

    /** The pixels a camera would store for {@code upright} when it tags them with {@code orientation}. */
    private static BufferedImage stored(BufferedImage upright, Orientation orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = orientation.swapsSides()
                ? new BufferedImage(h, w, BufferedImage.TYPE_3BYTE_BGR)
                : new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        int sw = stored.getWidth();
        int sh = stored.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] at = switch (orientation) {
                    case NORMAL -> new int[] { x, y };
                    case MIRROR_HORIZONTAL -> new int[] { sw - 1 - x, y };
                    case ROTATE_180 -> new int[] { sw - 1 - x, sh - 1 - y };
                    case MIRROR_VERTICAL -> new int[] { x, sh - 1 - y };
                    case TRANSPOSE -> new int[] { y, x };
                    case ROTATE_90_CW -> new int[] { y, sh - 1 - x };
                    case TRANSVERSE -> new int[] { sw - 1 - y, sh - 1 - x };
                    case ROTATE_90_CCW -> new int[] { sw - 1 - y, x };
                };
                stored.setRGB(at[0], at[1], upright.getRGB(x, y));
            }
        }
        return stored;
    }

    private static BufferedImage noise(int width, int height) {
        Random random = new Random(7);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static float normalised(int value, int rgbChannel) {
        return (value / 255f - MEAN[rgbChannel]) / STD[rgbChannel];
    }

    private static Preprocessor preprocessor(ChannelOrder order, TensorLayout layout) {
        return new Preprocessor(256, CROP, MEAN, STD, order, layout);
    }

    private static float[] tensorOf(BufferedImage image, ChannelOrder order, TensorLayout layout) {
        FloatBuffer buffer = FloatBuffer.allocate(3 * PIXELS);
        preprocessor(order, layout).writeTensor(DecodedImage.of(BufferedImageRows.of(image), ImageFormat.PNG, Orientation.NORMAL), buffer);
        return buffer.array();
    }

    private static BufferedImage solid(int width, int height) {
        return filled(width, height, SOLID);
    }

    static BufferedImage filled(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        paint(image, color, 0, 0, width, height);
        return image;
    }

    static void paint(BufferedImage image, Color color, int x, int y, int width, int height) {
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(x, y, width, height);
        g.dispose();
    }

    private static float[] pixel(float[] rgb, int index) {
        return new float[] { rgb[index * 3], rgb[index * 3 + 1], rgb[index * 3 + 2] };
    }
}
