package dev.imagetagger.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Reads a decoded image one row at a time as RGB floats in [0, 255], without copying the whole image. Common layouts
 * are read straight from the raster; grey images are read as samples, because {@code getRGB} would treat them as
 * linear and brighten them; anything else goes through the colour model.
 */
public abstract class PixelRows {

    protected final BufferedImage image;

    private PixelRows(BufferedImage image) {
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
        if (type == ColorSpace.TYPE_GRAY) {
            return new Grey(image);
        }
        return new ThroughColorModel(image);
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    /** Fills {@code rgb} (length {@code 3 * width}) with row {@code y}. */
    public abstract void read(int y, float[] rgb);

    private static final class InterleavedRgb extends PixelRows {
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
        public void read(int y, float[] rgb) {
            int row = y * scanlineStride;
            for (int x = 0, at = row, out = 0; x < image.getWidth(); x++, at += pixelStride, out += 3) {
                rgb[out] = data[r + at] & 0xFF;
                rgb[out + 1] = data[g + at] & 0xFF;
                rgb[out + 2] = data[b + at] & 0xFF;
            }
        }
    }

    private static final class Grey extends PixelRows {
        private final int[] samples;
        private final float scale;

        Grey(BufferedImage image) {
            super(image);
            this.samples = new int[image.getWidth()];
            this.scale = 255f / ((1 << image.getSampleModel().getSampleSize(0)) - 1);
        }

        @Override
        public void read(int y, float[] rgb) {
            image.getRaster().getSamples(0, y, image.getWidth(), 1, 0, samples);
            for (int x = 0, out = 0; x < samples.length; x++, out += 3) {
                float v = samples[x] * scale;
                rgb[out] = v;
                rgb[out + 1] = v;
                rgb[out + 2] = v;
            }
        }
    }

    private static final class ThroughColorModel extends PixelRows {
        private final int[] argb;

        ThroughColorModel(BufferedImage image) {
            super(image);
            this.argb = new int[image.getWidth()];
        }

        @Override
        public void read(int y, float[] rgb) {
            image.getRGB(0, y, image.getWidth(), 1, argb, 0, image.getWidth());
            for (int x = 0, out = 0; x < argb.length; x++, out += 3) {
                int p = argb[x];
                rgb[out] = (p >> 16) & 0xFF;
                rgb[out + 1] = (p >> 8) & 0xFF;
                rgb[out + 2] = p & 0xFF;
            }
        }
    }
}
