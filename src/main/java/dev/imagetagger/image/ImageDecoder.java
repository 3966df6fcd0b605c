package dev.imagetagger.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/**
 * Decodes image bytes to pixels, safely: the format comes from the content, the byte size is checked before anything
 * is read and the pixel count from the header before any pixel is decoded, and every decoder failure becomes a
 * {@link CorruptImageException} rather than a server error.
 */
@Startup // ImageIO's registry takes ~0.4 s to set up: pay it in the Lambda Init phase, not in the first invocation
@ApplicationScoped
public class ImageDecoder {

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
        // Memory-only streams: no temp files.
        ImageIO.setUseCache(false);
        // Registered by hand rather than by service loading, which the native image does not do: TwelveMonkeys'
        // JPEG reader (CMYK/YCCK, ICC profiles; it orders itself before the JDK's), TIFF and WebP readers.
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
        registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi());
        registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi());
    }

    /** Refuses an encoded image larger than the byte limit, before it is read or decoded. */
    public void checkByteSize(long bytes) {
        if (bytes > limits.maxBytes()) {
            throw new ImageTooLargeException("The image is " + bytes + " bytes; the limit is " + limits.maxBytes()
                    + " bytes (tagger.image.max-bytes).");
        }
    }

    public DecodedImage decode(byte[] bytes) {
        checkByteSize(bytes.length);
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new UnsupportedImageException(
                "Not an image this function decodes (JPEG, PNG, GIF, BMP, TIFF or WebP)."));
        if (!format.decodable()) {
            throw new UnsupportedImageException(format.name() + " images are not supported; send JPEG, PNG, GIF, BMP, "
                    + "TIFF or WebP.");
        }
        ImageReader reader = readerFor(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            checkPixelCount(reader.getWidth(0), reader.getHeight(0));
            BufferedImage pixels = reader.read(0, reader.getDefaultReadParam());
            Orientation orientation = format == ImageFormat.JPEG ? ExifOrientation.ofJpeg(bytes) : Orientation.NORMAL;
            return new DecodedImage(pixels, format, orientation);
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report broken data with all kinds of exceptions; none of them is a server fault.
            throw new CorruptImageException("The " + format.id() + " image cannot be decoded: " + e.getMessage());
        } finally {
            reader.dispose();
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

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.id());
        if (!readers.hasNext()) {
            throw new UnsupportedImageException("No decoder for " + format.name() + " images is available.");
        }
        return readers.next();
    }
}
