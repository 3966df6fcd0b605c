package dev.imagetagger.image;

import jakarta.enterprise.context.ApplicationScoped;

import dev.imagetagger.image.imageio.ImageIoDecoder;
import dev.imagetagger.image.jpeg.JpegDecoder;
import dev.imagetagger.image.jpeg.JpegHeader;
import dev.imagetagger.image.jpeg.ScaledImage;
import dev.imagetagger.image.jpeg.UnsupportedJpegException;
import dev.imagetagger.image.png.PngDecoder;
import dev.imagetagger.image.png.PngHeader;

/**
 * Decodes image bytes to pixels, safely: the format comes from the content, the byte size is checked before anything
 * is read and the size from the header before any pixel is decoded, and every decoder failure becomes a
 * {@link CorruptImageException} rather than a server error. JPEG and PNG, nearly every upload, are decoded in plain
 * Java without the full-size image; ImageIO (and AWT, and its 0.1 to 0.4 s set-up) is reached only for the others.
 */
@ApplicationScoped
public class ImageDecoder {

    /** Heap a decoded pixel is budgeted: 8-bit RGB. Decoders holding deeper pixels get fewer of them. */
    private static final int BUDGET_BYTES_PER_PIXEL = 3;

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /** Refuses an encoded image larger than the byte limit, before it is read or decoded. */
    public void checkByteSize(long bytes) {
        if (!withinByteLimit(bytes)) {
            throw new ImageTooLargeException("The image is " + bytes + " bytes; the limit is " + limits.maxBytes()
                    + " bytes (tagger.image.max-bytes).");
        }
    }

    /** Whether an encoded image of this many bytes is within the byte limit. */
    public boolean withinByteLimit(long bytes) {
        return bytes <= limits.maxBytes();
    }

    /**
     * Decodes {@code bytes} for {@code target}: the rows may come at a reduced scale whose shorter side still covers
     * the size it resizes to, and hold only the pixels it reads (a JPEG's others are left unset).
     */
    public DecodedImage decode(byte[] bytes, DecodeTarget target) {
        checkByteSize(bytes.length);
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new UnsupportedImageException(
                "Not an image this function decodes (JPEG, PNG, GIF, BMP, TIFF or WebP)."));
        if (!format.decodable()) {
            throw new UnsupportedImageException(format.name() + " images are not supported; send JPEG, PNG, GIF, BMP, "
                    + "TIFF or WebP.");
        }
        if (format == ImageFormat.JPEG) {
            return decodeJpeg(bytes, target);
        }
        if (format == ImageFormat.PNG) {
            return decodePng(bytes);
        }
        return DecodedImage.of(ImageIoDecoder.decode(bytes, format, this::checkHeldSize), format, Orientation.NORMAL);
    }

    /**
     * Straight to the smallest DCT scale whose shorter side still covers the resize: a 12 MP photo is decoded to
     * 1/8 of each side, a 64th of the pixels. Only the blocks under the region the target reads are transformed
     * and converted: the centre crop of a 4:3 photo reads about 58 % of them. What the decoder does not handle
     * (arithmetic coding, CMYK, 12-bit...) goes to ImageIO at full size.
     */
    private DecodedImage decodeJpeg(byte[] bytes, DecodeTarget target) {
        Orientation orientation = ExifOrientation.ofJpeg(bytes);
        JpegHeader header = JpegDecoder.readHeader(bytes);
        checkPixelCount(header.width(), header.height());
        if (header.supported()) {
            try {
                int scale = JpegDecoder.scaleFor(header.width(), header.height(), target.resizeShorterSide());
                Region region = target.readRegion(header.width(), header.height(), scale, orientation);
                ScaledImage image = JpegDecoder.decode(bytes, scale, region);
                SampleRows rows = new SampleRows(image.width(), image.height(), image.channels(), image.samples());
                return new DecodedImage(header.width(), header.height(), image.scale(), ImageFormat.JPEG, orientation,
                        () -> rows);
            } catch (UnsupportedJpegException e) {
                // Found only past the header (e.g. a second frame type): the general decoder may still handle it.
            }
        }
        return DecodedImage.of(ImageIoDecoder.decode(bytes, ImageFormat.JPEG, this::checkHeldSize), ImageFormat.JPEG,
                orientation);
    }

    /**
     * Row by row as the resize reads them: only two raw rows are held, so a 62 MP 16-bit PNG needs kilobytes, not
     * half a gigabyte. Interlaced files (whose rows arrive in seven passes) go to ImageIO.
     */
    private DecodedImage decodePng(byte[] bytes) {
        PngHeader header = PngDecoder.readHeader(bytes);
        checkPixelCount(header.width(), header.height());
        if (!header.supported()) {
            return DecodedImage.of(ImageIoDecoder.decode(bytes, ImageFormat.PNG, this::checkHeldSize),
                    ImageFormat.PNG, Orientation.NORMAL);
        }
        long heldBytes = 2 * header.rowBytes();
        if (heldBytes > limits.maxPixels() * BUDGET_BYTES_PER_PIXEL) {
            throw new ImageTooLargeException("The image is " + header.width() + "x" + header.height() + "; its rows of "
                    + header.rowBytes() + " bytes are over the decoding budget of " + limits.maxPixels()
                    + " pixels at " + BUDGET_BYTES_PER_PIXEL + " bytes (tagger.image.max-pixels).");
        }
        PngDecoder.open(bytes).close(); // structural faults (no IDAT, no palette) show here, not mid-resize
        return new DecodedImage(header.width(), header.height(), 1, ImageFormat.PNG, Orientation.NORMAL,
                () -> PngDecoder.open(bytes));
    }

    /** Checks the size a decoder that holds the whole image will need, before it decodes a pixel. */
    private void checkHeldSize(int width, int height, int bytesPerPixel) {
        checkPixelCount(width, height);
        long pixels = (long) width * height;
        if (pixels * bytesPerPixel > limits.maxPixels() * BUDGET_BYTES_PER_PIXEL) {
            throw new ImageTooLargeException("The image is " + width + "x" + height + " at " + bytesPerPixel
                    + " bytes a decoded pixel; the limit is " + limits.maxPixels() + " pixels at "
                    + BUDGET_BYTES_PER_PIXEL + " (tagger.image.max-pixels).");
        }
    }

    private void checkPixelCount(int width, int height) {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new CorruptImageException("The image declares an empty size (" + width + "x" + height + ").");
        }
        if (pixels > limits.maxPixels()) {
            throw new ImageTooLargeException("The image is " + width + "x" + height + " (" + pixels
                    + " pixels); the limit is " + limits.maxPixels() + " pixels (tagger.image.max-pixels).");
        }
    }
}
