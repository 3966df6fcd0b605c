package dev.imagetagger.image;

/** Rows over decoded 8-bit samples held in memory, interleaved grey (one channel) or RGB (three). */
public final class SampleRows implements PixelRows {

    private final int width;
    private final int height;
    private final int channels;
    private final byte[] samples;

    public SampleRows(int width, int height, int channels, byte[] samples) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("1 or 3 channels, not " + channels);
        }
        if ((long) width * height * channels != samples.length) {
            throw new IllegalArgumentException("the samples do not fill " + width + "x" + height + "x" + channels);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.samples = samples;
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
        int at = (y * width + from) * channels;
        if (channels == 3) {
            for (int i = 0; i < 3 * (to - from); i++) {
                rgb[i] = samples[at + i] & 0xFF;
            }
            return;
        }
        for (int x = 0, out = 0; x < to - from; x++, out += 3) {
            float v = samples[at + x] & 0xFF;
            rgb[out] = v;
            rgb[out + 1] = v;
            rgb[out + 2] = v;
        }
    }

    /** Column by column, down the rows: each column's values are written in order, which is the faster way round. */
    @Override
    public void readColumns(int y, int count, int from, int to, float[][] columns) {
        int rowSamples = width * channels;
        for (int x = from; x < to; x++) {
            float[] column = columns[x - from];
            int at = (y * width + x) * channels;
            for (int k = 0; k < 3 * count; k += 3, at += rowSamples) {
                if (channels == 3) {
                    column[k] = samples[at] & 0xFF;
                    column[k + 1] = samples[at + 1] & 0xFF;
                    column[k + 2] = samples[at + 2] & 0xFF;
                } else {
                    float v = samples[at] & 0xFF;
                    column[k] = v;
                    column[k + 1] = v;
                    column[k + 2] = v;
                }
            }
        }
    }
}
