package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import dev.imagetagger.image.imageio.BufferedImageRows;

class ResamplerTest {

    @Test
    void downscalingAFineCheckerboardGivesMidGreyNotAliasing() {
        // One-pixel black and white squares: point sampling would return pure black or white (or stripes).
        BufferedImage board = new BufferedImage(1024, 768, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < board.getHeight(); y++) {
            for (int x = 0; x < board.getWidth(); x++) {
                board.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
            }
        }

        float[] out = Resampler.resizeWindow(BufferedImageRows.of(board), 100, 75, 0, 0, 100, 75);

        for (float value : out) {
            assertEquals(127.5f, value, 4f);
        }
    }

    @Test
    void downscalingFineStripesAlongOneAxisAlsoAverages() {
        // Vertical stripes two pixels wide, downscaled 5.12x: each output must average several periods.
        BufferedImage stripes = new BufferedImage(512, 256, BufferedImage.TYPE_3BYTE_BGR);
        for (int x = 0; x < stripes.getWidth(); x++) {
            PreprocessorTest.paint(stripes, (x / 2) % 2 == 0 ? Color.WHITE : Color.BLACK, x, 0, 1, 256);
        }

        float[] out = Resampler.resizeWindow(BufferedImageRows.of(stripes), 100, 50, 0, 0, 100, 50);

        for (int i = 0; i < out.length; i++) {
            assertEquals(127.5f, out[i], 16f, "value " + i);
        }
    }

    @Test
    void aSolidColourStaysExactAtEveryScale() {
        BufferedImage solid = PreprocessorTest.filled(333, 211, new Color(12, 130, 250));

        for (int[] size : new int[][] { { 100, 63 }, { 333, 211 }, { 1000, 634 } }) {
            float[] out = Resampler.resizeWindow(BufferedImageRows.of(solid), size[0], size[1], 0, 0, size[0], size[1]);
            for (int i = 0; i < out.length; i += 3) {
                assertEquals(12f, out[i], 1e-3);
                assertEquals(130f, out[i + 1], 1e-3);
                assertEquals(250f, out[i + 2], 1e-3);
            }
        }
    }

    @Test
    void rendersWholeEightBitLevelsAsPillowDoes() {
        BufferedImage ramp = new BufferedImage(301, 7, BufferedImage.TYPE_3BYTE_BGR);
        for (int x = 0; x < 301; x++) {
            PreprocessorTest.paint(ramp, new Color(x % 256, (x * 3) % 256, 255 - x % 256), x, 0, 1, 7);
        }

        for (int width : new int[] { 97, 602 }) {
            for (float value : Resampler.resizeWindow(BufferedImageRows.of(ramp), width, 5, 0, 0, width, 5)) {
                assertEquals(Math.round(value), value, 0f);
            }
        }
    }

    @Test
    void levelsInFloatArithmeticAreFloorOfAHalfMoreForEveryFloatUpTo512() {
        int last = Float.floatToRawIntBits(512f);
        for (int bits = 0; bits <= last; bits++) {
            float value = Float.intBitsToFloat(bits);
            float expected = (float) Math.floor(value + 0.5d);
            if (Float.floatToRawIntBits(Resampler.levelInFloats(value)) != Float.floatToRawIntBits(expected)) {
                fail("level of " + value + " is " + Resampler.levelInFloats(value) + ", not " + expected);
            }
        }
    }

    @Test
    void aWindowEqualsTheSameRegionOfTheFullResize() {
        BufferedImage gradient = new BufferedImage(300, 200, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                gradient.setRGB(x, y, ((x * 7) % 256) << 16 | ((y * 3) % 256) << 8 | ((x + y) % 256));
            }
        }
        PixelRows rows = BufferedImageRows.of(gradient);

        float[] full = Resampler.resizeWindow(rows, 150, 100, 0, 0, 150, 100);
        float[] window = Resampler.resizeWindow(rows, 150, 100, 40, 30, 50, 20);

        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 50 * 3; x++) {
                assertEquals(full[((30 + y) * 150 + 40) * 3 + x], window[y * 50 * 3 + x], 1e-3, x + "," + y);
            }
        }
    }
}
