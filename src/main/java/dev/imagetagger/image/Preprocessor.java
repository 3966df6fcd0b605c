package dev.imagetagger.image;

import java.nio.FloatBuffer;

/**
 * Turns a decoded image into the model's input tensor exactly as its descriptor says: turn upright, resize the shorter
 * side (antialiased), centre crop, scale to [0, 1], normalise with mean and std, order the channels and lay the
 * tensor out.
 */
public final class Preprocessor implements DecodeTarget {

    private final int resizeShorterSide;
    private final int crop;
    private final ChannelOrder channelOrder;
    private final TensorLayout layout;
    /** For each value of a tensor row (a row of each channel plane, or a row of pixels): its index in an RGB row. */
    private final int[] rowSources;
    /** The mean of each value's channel, in tensor row order. */
    private final float[] rowMeans;
    /** The std of each value's channel, in tensor row order. */
    private final float[] rowStds;

    public Preprocessor(int resizeShorterSide, int crop, float[] mean, float[] std, ChannelOrder channelOrder,
            TensorLayout layout) {
        this.resizeShorterSide = resizeShorterSide;
        this.crop = crop;
        this.channelOrder = channelOrder;
        this.layout = layout;
        this.rowSources = new int[crop * 3];
        this.rowMeans = new float[crop * 3];
        this.rowStds = new float[crop * 3];
        boolean planar = layout == TensorLayout.NCHW;
        for (int i = 0; i < crop * 3; i++) {
            int channel = rgbChannel(planar ? i / crop : i % 3);
            rowSources[i] = (planar ? i % crop : i / 3) * 3 + channel;
            rowMeans[i] = mean[channel];
            rowStds[i] = std[channel];
        }
    }

    /** Writes the model input for {@code image} into {@code tensor} from its current position. */
    public void writeTensor(DecodedImage image, FloatBuffer tensor) {
        normalise(uprightCrop(image), tensor);
    }

    @Override
    public int resizeShorterSide() {
        return resizeShorterSide;
    }

    /**
     * The upright, resized and centre-cropped {@code crop x crop} image as interleaved RGB floats in [0, 255]: the
     * stored rows seen upright ({@link UprightRows}) are resized as they stand, so every orientation gives exactly
     * the tensor of the pixels turned first. The geometry comes from the full stored size; the rows may be a
     * reduced-scale decode of it, which the resampler maps onto the same output.
     */
    float[] uprightCrop(DecodedImage image) {
        try (PixelRows stored = image.rows().get()) {
            PixelRows rows = UprightRows.of(stored, image.orientation());
            Window w = window(image.width(), image.height(), image.scale());
            return Resampler.resizeWindow(rows, w.extentX(), w.extentY(), w.resizedWidth(), w.resizedHeight(),
                    w.left(), w.top(), crop, crop);
        }
    }

    /**
     * Exactly the source pixels {@link #uprightCrop} reads, from the same geometry: the upright image's, mapped back
     * to the stored rows.
     */
    @Override
    public Region readRegion(int storedWidth, int storedHeight, int scale, Orientation orientation) {
        int width = ceilDiv(storedWidth, scale);
        int height = ceilDiv(storedHeight, scale);
        boolean swaps = orientation.swapsSides();
        int uprightWidth = swaps ? height : width;
        Window w = window(swaps ? storedHeight : storedWidth, swaps ? storedWidth : storedHeight, scale);
        Region upright = Resampler.sourceRegion(uprightWidth, swaps ? width : height, w.extentX(), w.extentY(),
                w.resizedWidth(), w.resizedHeight(), w.left(), w.top(), crop, crop);
        return orientation.storedRegion(upright, width, height);
    }

    private static int ceilDiv(int size, int scale) {
        return (size + scale - 1) / scale;
    }

    /**
     * The resize window of the crop of an upright image {@code uprightWidth x uprightHeight}, for rows decoded from
     * it at 1/{@code scale}.
     */
    private Window window(int uprightWidth, int uprightHeight, int scale) {
        long[] size = resizedSize(uprightWidth, uprightHeight);
        // A reduced-scale decode spans the stored size divided by its scale exactly, its last pixel maybe in part.
        return new Window((double) uprightWidth / scale, (double) uprightHeight / scale, size[0], size[1],
                (size[0] - crop) / 2, (size[1] - crop) / 2);
    }

    /** The extent the source rows span (in their own pixels), the resized size and the crop's place in it. */
    private record Window(double extentX, double extentY, long resizedWidth, long resizedHeight, long left,
            long top) {
    }

    /**
     * Size after resizing so that the shorter side is {@code resizeShorterSide}. In long: a 1 x 16,777,216 image
     * resizes to 256 x 4,294,967,296, of which only the crop is ever computed.
     */
    long[] resizedSize(int width, int height) {
        if (width <= height) {
            return new long[] { resizeShorterSide, Math.max(resizeShorterSide,
                    Math.round((double) height * resizeShorterSide / width)) };
        }
        return new long[] { Math.max(resizeShorterSide, Math.round((double) width * resizeShorterSide / height)),
                resizeShorterSide };
    }

    /**
     * Writes the crop normalised, a row at a time: the row's values are gathered in the tensor's order (layout and
     * channel order), then normalised with each value's own channel's mean and std in a loop the JIT vectorises, and
     * written with bulk puts.
     */
    void normalise(float[] rgb, FloatBuffer tensor) {
        int base = tensor.position();
        int pixels = crop * crop;
        int rowLength = crop * 3;
        float[] row = new float[rowLength];
        for (int y = 0; y < crop; y++) {
            int at = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                row[i] = rgb[at + rowSources[i]];
            }
            for (int i = 0; i < rowLength; i++) {
                row[i] = (row[i] / 255f - rowMeans[i]) / rowStds[i];
            }
            if (layout == TensorLayout.NCHW) {
                for (int channel = 0; channel < 3; channel++) {
                    tensor.put(base + channel * pixels + y * crop, row, channel * crop, crop);
                }
            } else {
                tensor.put(base + at, row);
            }
        }
        tensor.position(base + 3 * pixels);
    }

    /** The RGB channel that tensor channel {@code channel} holds. */
    private int rgbChannel(int channel) {
        return channelOrder == ChannelOrder.RGB ? channel : 2 - channel;
    }
}
