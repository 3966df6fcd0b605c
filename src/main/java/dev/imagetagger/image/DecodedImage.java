package dev.imagetagger.image;

import java.util.function.Supplier;

/**
 * A decoded image, with the orientation that turns it upright. Its rows may be at a reduced scale (a JPEG decoded
 * straight to 1/8 of its size) or streamed (a PNG inflated row by row); the stored size is always the full one. A
 * JPEG's rows hold only the pixels its {@link DecodeTarget} reads.
 *
 * @param storedWidth full width of the pixels as stored
 * @param storedHeight full height of the pixels as stored
 * @param scale the rows are the stored pixels at 1/scale (1, 2, 4 or 8): {@code ceil(storedWidth / scale)} wide,
 *              spanning {@code storedWidth / scale} of their own pixels (the last column may cover less)
 * @param format the format the bytes were in
 * @param orientation how the stored pixels must be turned to stand upright
 * @param rows opens the rows, each time from the top
 */
public record DecodedImage(int storedWidth, int storedHeight, int scale, ImageFormat format, Orientation orientation,
        Supplier<PixelRows> rows) {

    /** An image whose rows are held in memory at full size. */
    public static DecodedImage of(PixelRows rows, ImageFormat format, Orientation orientation) {
        return new DecodedImage(rows.width(), rows.height(), 1, format, orientation, () -> rows);
    }

    /** Width of the upright image. */
    public int width() {
        return orientation.swapsSides() ? storedHeight : storedWidth;
    }

    /** Height of the upright image. */
    public int height() {
        return orientation.swapsSides() ? storedWidth : storedHeight;
    }

    public DecodedImage withOrientation(Orientation turned) {
        return new DecodedImage(storedWidth, storedHeight, scale, format, turned, rows);
    }
}
