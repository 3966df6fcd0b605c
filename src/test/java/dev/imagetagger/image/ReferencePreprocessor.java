package dev.imagetagger.image;

/**
 * The preprocessing written as plainly as possible, to hold the optimised {@link Preprocessor} and {@link Resampler}
 * to exactly the same floats: the same geometry and filter taps ({@link Resampler.Taps}, shared so that a change of
 * weights is not a mismatch here), each output a sum of its taps in tap order starting from zero, each pass rounded
 * to whole levels with {@code Math.floor(x + 0.5)}, the crop turned by coordinates, then normalised value by value.
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
        int width = image.storedWidth();
        int height = image.storedHeight();
        long longer = Math.max(resizeShorterSide,
                Math.round((double) Math.max(width, height) * resizeShorterSide / Math.min(width, height)));
        long outWidth = width <= height ? resizeShorterSide : longer;
        long outHeight = width <= height ? longer : resizeShorterSide;
        Orientation orientation = image.orientation();
        long marginX = outWidth - crop;
        long marginY = outHeight - crop;
        long left = orientation.reversesStoredX() ? marginX - marginX / 2 : marginX / 2;
        long top = orientation.reversesStoredY() ? marginY - marginY / 2 : marginY / 2;
        try (PixelRows rows = image.rows().get()) {
            int scale = Math.max(1, Math.round((float) width / rows.width()));
            float[] stored = resizeWindow(rows, (double) width / scale, (double) height / scale, outWidth, outHeight,
                    left, top);
            return upright(stored, orientation);
        }
    }

    private float[] resizeWindow(PixelRows source, double extentX, double extentY, long outWidth, long outHeight,
            long left, long top) {
        Resampler.Taps columns = Resampler.Taps.of(source.width(), extentX, outWidth, left, crop);
        Resampler.Taps rows = Resampler.Taps.of(source.height(), extentY, outHeight, top, crop);
        int firstRow = rows.first();
        int firstColumn = columns.first();
        float[][] horizontal = new float[rows.end() - firstRow][crop * 3];
        float[] line = new float[(columns.end() - firstColumn) * 3];
        for (int r = 0; r < horizontal.length; r++) {
            source.read(firstRow + r, firstColumn, columns.end(), line);
            for (int x = 0; x < crop; x++) {
                for (int c = 0; c < 3; c++) {
                    float sum = 0;
                    for (int t = 0; t < columns.count[x]; t++) {
                        int column = columns.start[x] + t - firstColumn;
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

    private float[] upright(float[] stored, Orientation orientation) {
        int last = crop - 1;
        float[] upright = new float[stored.length];
        for (int y = 0; y < crop; y++) {
            for (int x = 0; x < crop; x++) {
                int[] at = switch (orientation) {
                    case NORMAL -> new int[] { x, y };
                    case MIRROR_HORIZONTAL -> new int[] { last - x, y };
                    case ROTATE_180 -> new int[] { last - x, last - y };
                    case MIRROR_VERTICAL -> new int[] { x, last - y };
                    case TRANSPOSE -> new int[] { y, x };
                    case ROTATE_90_CW -> new int[] { y, last - x };
                    case TRANSVERSE -> new int[] { last - y, last - x };
                    case ROTATE_90_CCW -> new int[] { last - y, x };
                };
                System.arraycopy(stored, (at[1] * crop + at[0]) * 3, upright, (y * crop + x) * 3, 3);
            }
        }
        return upright;
    }
}
