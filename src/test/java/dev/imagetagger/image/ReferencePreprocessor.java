package dev.imagetagger.image;

/**
 * The preprocessing written as plainly as possible, to hold the optimised {@link Preprocessor} and {@link Resampler}
 * to exactly the same floats: every decoded pixel read and the whole image turned upright first, by coordinates
 * written from the EXIF definitions (not {@link Orientation}'s mappings); then the same geometry and filter taps
 * ({@link Resampler.Taps}, shared so that a change of weights is not a mismatch here), each output a sum of its taps
 * in tap order starting from zero, each pass rounded to whole levels with {@code Math.floor(x + 0.5)}, the centre
 * crop of the upright image, then normalised value by value.
 */
final class ReferencePreprocessor {

    private final int resizeShorterSide;
    private final int crop;
    private final float[] mean;
    private final float[] std;
    private final ChannelOrder channelOrder;
    private final TensorLayout layout;

    ReferencePreprocessor(int resizeShorterSide, int crop, float[] mean, float[] std, ChannelOrder channelOrder,
            TensorLayout layout) {
        this.resizeShorterSide = resizeShorterSide;
        this.crop = crop;
        this.mean = mean.clone();
        this.std = std.clone();
        this.channelOrder = channelOrder;
        this.layout = layout;
    }

    float[] tensor(DecodedImage image) {
        float[] rgb = uprightCrop(image);
        int pixels = crop * crop;
        float[] tensor = new float[3 * pixels];
        for (int channel = 0; channel < 3; channel++) {
            int rgbChannel = channelOrder == ChannelOrder.RGB ? channel : 2 - channel;
            for (int i = 0; i < pixels; i++) {
                float value = (rgb[i * 3 + rgbChannel] / 255f - mean[rgbChannel]) / std[rgbChannel];
                tensor[layout == TensorLayout.NCHW ? channel * pixels + i : i * 3 + channel] = value;
            }
        }
        return tensor;
    }

    private float[] uprightCrop(DecodedImage image) {
        float[][] upright;
        try (PixelRows rows = image.rows().get()) {
            upright = turnUpright(readAll(rows), rows.width(), rows.height(), image.orientation());
        }
        int width = image.width();
        int height = image.height();
        long longer = Math.max(resizeShorterSide,
                Math.round((double) Math.max(width, height) * resizeShorterSide / Math.min(width, height)));
        long outWidth = width <= height ? resizeShorterSide : longer;
        long outHeight = width <= height ? longer : resizeShorterSide;
        int scale = image.scale();
        return resizeWindow(upright, (double) width / scale, (double) height / scale, outWidth, outHeight,
                (outWidth - crop) / 2, (outHeight - crop) / 2);
    }

    /** Every row, top to bottom, as interleaved RGB. */
    private static float[][] readAll(PixelRows rows) {
        float[][] pixels = new float[rows.height()][3 * rows.width()];
        for (int y = 0; y < rows.height(); y++) {
            rows.read(y, pixels[y]);
        }
        return pixels;
    }

    /**
     * The whole image turned upright, pixel by pixel, from the EXIF definitions: where the stored pixel at column
     * {@code x}, row {@code y} of a {@code width x height} image shows in the upright image.
     */
    private static float[][] turnUpright(float[][] stored, int width, int height, Orientation orientation) {
        boolean quarterTurn = orientation.ordinal() >= Orientation.TRANSPOSE.ordinal();
        int uprightWidth = quarterTurn ? height : width;
        int uprightHeight = quarterTurn ? width : height;
        float[][] upright = new float[uprightHeight][3 * uprightWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int uprightX = switch (orientation) {
                    case NORMAL, MIRROR_VERTICAL -> x;
                    case MIRROR_HORIZONTAL, ROTATE_180 -> width - 1 - x;
                    case TRANSPOSE, ROTATE_90_CCW -> y;
                    case ROTATE_90_CW, TRANSVERSE -> height - 1 - y;
                };
                int uprightY = switch (orientation) {
                    case NORMAL, MIRROR_HORIZONTAL -> y;
                    case ROTATE_180, MIRROR_VERTICAL -> height - 1 - y;
                    case TRANSPOSE, ROTATE_90_CW -> x;
                    case TRANSVERSE, ROTATE_90_CCW -> width - 1 - x;
                };
                System.arraycopy(stored[y], 3 * x, upright[uprightY], 3 * uprightX, 3);
            }
        }
        return upright;
    }

    private float[] resizeWindow(float[][] source, double extentX, double extentY, long outWidth, long outHeight,
            long left, long top) {
        Resampler.Taps columns = Resampler.Taps.of(source[0].length / 3, extentX, outWidth, left, crop);
        Resampler.Taps rows = Resampler.Taps.of(source.length, extentY, outHeight, top, crop);
        int firstRow = rows.first();
        float[][] horizontal = new float[rows.end() - firstRow][crop * 3];
        for (int r = 0; r < horizontal.length; r++) {
            float[] line = source[firstRow + r];
            for (int x = 0; x < crop; x++) {
                for (int c = 0; c < 3; c++) {
                    float sum = 0;
                    for (int t = 0; t < columns.count[x]; t++) {
                        int column = columns.start[x] + t;
                        sum += columns.weights[x * columns.stride + t] * line[column * 3 + c];
                    }
                    horizontal[r][x * 3 + c] = level(sum);
                }
            }
        }
        float[] out = new float[crop * crop * 3];
        for (int y = 0; y < crop; y++) {
            for (int x = 0; x < crop * 3; x++) {
                float sum = 0;
                for (int t = 0; t < rows.count[y]; t++) {
                    sum += rows.weights[y * rows.stride + t] * horizontal[rows.start[y] + t - firstRow][x];
                }
                out[y * crop * 3 + x] = level(sum);
            }
        }
        return out;
    }

    private static float level(float value) {
        return (float) Math.floor(value + 0.5d);
    }
}
