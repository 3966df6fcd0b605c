package dev.imagetagger.image.imageio;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.ImageFormat;
import dev.imagetagger.image.ImageRejectedException;
import dev.imagetagger.image.PixelRows;
import dev.imagetagger.image.UnsupportedImageException;

/**
 * The general decoder, through ImageIO with TwelveMonkeys' plugins: GIF, BMP, TIFF, WebP, and the JPEG and PNG
 * files the streaming decoders leave to it (arithmetic-coded, CMYK, interlaced...). It holds the whole image, so
 * its budget is in decoded bytes, not pixels.
 */
public final class ImageIoDecoder {

    /** What the caller allows: the decoded size is checked from the header before any pixel is decoded. */
    public interface SizeCheck {
        void check(int width, int height, int bytesPerPixel);
    }

    private ImageIoDecoder() {
    }

    /** Whether TwelveMonkeys' readers are registered (see {@link #readerFor}). */
    private static volatile boolean registered;

    /**
     * The reader for the format, registering TwelveMonkeys' readers first on first use: ImageIO's set-up costs ~0.4 s,
     * which JPEG and PNG photos never pay. Registered here at run time, never in a static initialiser: the native image
     * runs those while it is built, and quarkus-awt initialises ImageIO again at run time, losing them.
     */
    private static ImageReader readerFor(ImageFormat format) {
        if (!registered) {
            registerReaders();
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.id());
        if (!readers.hasNext()) {
            throw new UnsupportedImageException("No decoder for " + format.name() + " images is available.");
        }
        return readers.next();
    }

    private static synchronized void registerReaders() {
        if (registered) {
            return;
        }
        // Memory-only streams: no temp files.
        ImageIO.setUseCache(false);
        // Registered by hand rather than by service loading, which the native image does not do: TwelveMonkeys' JPEG
        // reader (CMYK/YCCK, ICC profiles; it orders itself before the JDK's), TIFF and WebP readers.
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
        registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi());
        registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi());
        registered = true;
    }

    public static PixelRows decode(byte[] bytes, ImageFormat format, SizeCheck sizeCheck) {
        ImageReader reader = readerFor(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            sizeCheck.check(reader.getWidth(0), reader.getHeight(0), bytesPerPixel(reader.getRawImageType(0)));
            SampleFormats.refuseSigned(reader, format);
            BufferedImage pixels = reader.read(0, reader.getDefaultReadParam());
            return BufferedImageRows.of(pixels);
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            rethrowWrappedError(e);
            // Decoders report broken data with all kinds of exceptions; none of them is a server fault.
            throw new CorruptImageException("The " + format.id() + " image cannot be decoded: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    /**
     * The JDK's PNG reader wraps an {@link OutOfMemoryError} (or a missing native library) in an IIOException: that is
     * the environment failing, not the image, and must not be written onto the object as "corrupt" for ever.
     */
    private static void rethrowWrappedError(Throwable e) {
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) { // bounded: causes may loop
            if (cause instanceof Error error) {
                throw error;
            }
        }
    }

    /** Bytes a decoded pixel takes in memory; 4 (ARGB ints) when the reader cannot tell before decoding. */
    private static int bytesPerPixel(ImageTypeSpecifier type) {
        if (type == null) {
            return 4;
        }
        SampleModel model = type.getSampleModel(1, 1);
        return Math.max(1, model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType()) / 8);
    }
}
