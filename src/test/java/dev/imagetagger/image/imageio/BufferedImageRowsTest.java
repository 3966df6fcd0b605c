package dev.imagetagger.image.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;

import org.junit.jupiter.api.Test;

class BufferedImageRowsTest {

    @Test
    void greySamplesAreReadAsTheyAreNotBrightenedAsLinearLight() {
        // getRGB treats a TYPE_BYTE_GRAY image as linear and would turn 64 into about 137.
        BufferedImage grey = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 1, 4, 1, 0, new int[] { 0, 64, 128, 255 });

        float[] row = new float[12];
        BufferedImageRows.of(grey).read(1, 0, 4, row);

        assertArrayEquals(new float[] { 0, 0, 0, 64, 64, 64, 128, 128, 128, 255, 255, 255 }, row);
    }

    @Test
    void floatSamplesMeanZeroToOneAndAreClamped() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        BufferedImage grey = new BufferedImage(model, model.createCompatibleWritableRaster(5, 1), false, null);
        grey.getRaster().setSamples(0, 0, 5, 1, 0, new float[] { -0.5f, 0, 0.5f, 2, Float.NaN });

        float[] row = new float[15];
        BufferedImageRows.of(grey).read(0, 0, 5, row);

        assertArrayEquals(new float[] { 0, 0, 0, 0, 0, 0, 127.5f, 127.5f, 127.5f, 255, 255, 255, 0, 0, 0 }, row,
                1e-3f);
    }

    @Test
    void sixteenBitGreyIsScaledToEightBitRange() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] { 65535, 257 * 100 });

        float[] row = new float[6];
        BufferedImageRows.of(grey).read(0, 0, 2, row);

        assertArrayEquals(new float[] { 255, 255, 255, 100, 100, 100 }, row, 1e-3f);
    }

    @Test
    void everyRgbLayoutReadsTheSameColours() {
        int[] argb = { 0xFF102030, 0xFFFF8000, 0xFF00FF7F };
        float[] expected = { 0x10, 0x20, 0x30, 0xFF, 0x80, 0x00, 0x00, 0xFF, 0x7F };
        for (int type : new int[] { BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_USHORT_565_RGB }) {
            BufferedImage image = new BufferedImage(3, 1, type);
            image.setRGB(0, 0, 3, 1, argb, 0, 3);

            float[] row = new float[9];
            BufferedImageRows.of(image).read(0, 0, 3, row);

            // 5-6-5 keeps only the top bits of each channel.
            float tolerance = type == BufferedImage.TYPE_USHORT_565_RGB ? 8 : 0;
            assertArrayEquals(expected, row, tolerance, "image type " + type);
        }
    }

    @Test
    void aColumnRangeReadsOnlyThoseColumnsFromTheStart() {
        int[] argb = { 0xFF010203, 0xFF040506, 0xFF070809, 0xFF0A0B0C };
        for (int type : new int[] { BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB }) {
            BufferedImage image = new BufferedImage(4, 2, type);
            image.setRGB(0, 1, 4, 1, argb, 0, 4);

            float[] row = new float[6];
            BufferedImageRows.of(image).read(1, 1, 3, row);

            assertArrayEquals(new float[] { 4, 5, 6, 7, 8, 9 }, row, "image type " + type);
        }
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 4, 1, 0, new int[] { 10, 20, 30, 40 });
        float[] row = new float[3];
        BufferedImageRows.of(grey).read(0, 2, 3, row);
        assertArrayEquals(new float[] { 30, 30, 30 }, row);
    }
}
