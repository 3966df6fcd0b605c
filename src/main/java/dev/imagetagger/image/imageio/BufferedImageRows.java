package dev.imagetagger.image.imageio;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.util.function.DoubleUnaryOperator;

import dev.imagetagger.image.PixelRows;
import dev.imagetagger.image.UnsupportedImageException;

/**
 * Reads an ImageIO image one row at a time as RGB floats in [0, 255], without copying the whole image. Common layouts
 * are read straight from the raster; grey images are read as samples, because {@code getRGB} would treat them as
 * linear and brighten them; 32-bit integer and floating-point samples (TIFF) are read as numbers, because the colour
 * models misread them; anything else goes through the colour model.
 */
public abstract class BufferedImageRows implements PixelRows {

    protected final BufferedImage image;

    private BufferedImageRows(BufferedImage image) {
        this.image = image;
    }

    public static PixelRows of(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel colors = image.getColorModel();
        int type = colors.getColorSpace().getType();
        if (type == ColorSpace.TYPE_RGB && raster.getNumBands() >= 3 && !colors.isAlphaPremultiplied()
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel
                && raster.getDataBuffer() instanceof DataBufferByte) {
            return new InterleavedRgb(image);
        }
        if (raster.getSampleModel() instanceof ComponentSampleModel
                && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB && raster.getNumBands() >= 3)) {
            switch (raster.getDataBuffer().getDataType()) {
                case DataBuffer.TYPE_INT:
                    return new WideSamples(image, type == ColorSpace.TYPE_RGB, WideSamples::unsigned32);
                case DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_DOUBLE:
                    return new WideSamples(image, type == ColorSpace.TYPE_RGB, WideSamples::unitFloat);
                case DataBuffer.TYPE_SHORT:
                    // Signed samples are refused from the metadata; this holds if a reader announced them otherwise.
                    throw new UnsupportedImageException("Images with signed integer samples are not supported.");
                default:
                    break;
            }
        }
        if (type == ColorSpace.TYPE_GRAY) {
            return new Grey(image);
        }
        return new ThroughColorModel(image);
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    private static final class InterleavedRgb extends BufferedImageRows {
        private final byte[] data;
        private final int pixelStride;
        private final int scanlineStride;
        private final int r;
        private final int g;
        private final int b;

        InterleavedRgb(BufferedImage image) {
            super(image);
            Raster raster = image.getRaster();
            PixelInterleavedSampleModel model = (PixelInterleavedSampleModel) raster.getSampleModel();
            DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
            this.data = buffer.getData();
            this.pixelStride = model.getPixelStride();
            this.scanlineStride = model.getScanlineStride();
            int base = buffer.getOffset() - raster.getSampleModelTranslateY() * scanlineStride
                    - raster.getSampleModelTranslateX() * pixelStride;
            int[] offsets = model.getBandOffsets();
            this.r = base + offsets[0];
            this.g = base + offsets[1];
            this.b = base + offsets[2];
        }

        @Override
        public void read(int y, int from, int to, float[] rgb) {
            int row = y * scanlineStride + from * pixelStride;
            for (int x = from, at = row, out = 0; x < to; x++, at += pixelStride, out += 3) {
                rgb[out] = data[r + at] & 0xFF;
                rgb[out + 1] = data[g + at] & 0xFF;
                rgb[out + 2] = data[b + at] & 0xFF;
            }
        }
    }

    private static final class Grey extends BufferedImageRows {
        private final int[] samples;
        private final float scale;

        Grey(BufferedImage image) {
            super(image);
            this.samples = new int[image.getWidth()];
            // In long: 32-bit samples would make an int shift wrap to 0 and the scale infinite.
            this.scale = (float) (255.0 / ((1L << image.getSampleModel().getSampleSize(0)) - 1));
        }

        @Override
        public void read(int y, int from, int to, float[] rgb) {
            image.getRaster().getSamples(from, y, to - from, 1, 0, samples);
            for (int x = 0, out = 0; x < to - from; x++, out += 3) {
                float v = samples[x] * scale;
                rgb[out] = v;
                rgb[out + 1] = v;
                rgb[out + 2] = v;
            }
        }
    }

    /**
     * Samples wider than 16 bits, read one band at a time as doubles: 32-bit unsigned integers (which Java's rasters
     * hold as signed ints) or floating-point values meaning 0 (black) to 1 (white), clamped to that range.
     */
    private static final class WideSamples extends BufferedImageRows {
        private final int[] bands;
        private final double[] samples;
        private final DoubleUnaryOperator to255;

        WideSamples(BufferedImage image, boolean rgb, DoubleUnaryOperator to255) {
            super(image);
            this.bands = rgb ? new int[] { 0, 1, 2 } : new int[] { 0, 0, 0 };
            this.samples = new double[image.getWidth()];
            this.to255 = to255;
        }

        static double unsigned32(double sample) {
            return Integer.toUnsignedLong((int) sample) * (255.0 / 0xFFFF_FFFFL);
        }

        static double unitFloat(double sample) {
            return Double.isNaN(sample) ? 0 : Math.min(1, Math.max(0, sample)) * 255;
        }

        @Override
        public void read(int y, int from, int to, float[] rgb) {
            for (int channel = 0; channel < 3; channel++) {
                image.getRaster().getSamples(from, y, to - from, 1, bands[channel], samples);
                for (int x = 0, out = channel; x < to - from; x++, out += 3) {
                    rgb[out] = (float) to255.applyAsDouble(samples[x]);
                }
            }
        }
    }

    private static final class ThroughColorModel extends BufferedImageRows {
        private final int[] argb;

        ThroughColorModel(BufferedImage image) {
            super(image);
            this.argb = new int[image.getWidth()];
        }

        @Override
        public void read(int y, int from, int to, float[] rgb) {
            image.getRGB(from, y, to - from, 1, argb, 0, to - from);
            for (int x = 0, out = 0; x < to - from; x++, out += 3) {
                int p = argb[x];
                rgb[out] = (p >> 16) & 0xFF;
                rgb[out + 1] = (p >> 8) & 0xFF;
                rgb[out + 2] = p & 0xFF;
            }
        }
    }
}
