package dev.imagetagger.image.imageio;

import java.io.IOException;

import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.imagetagger.image.ImageFormat;
import dev.imagetagger.image.UnsupportedImageException;

/**
 * Refuses images whose samples are signed integers (TIFF's SampleFormat 2). TIFF does not say which signed value is
 * black, and a decoder hands them over in the same rasters as unsigned ones (8 and 32-bit alike), so they would be
 * classified from misread samples; only the image's metadata tells them apart.
 */
final class SampleFormats {

    private static final String SIGNED = "SignedIntegral";

    private SampleFormats() {
    }

    static void refuseSigned(ImageReader reader, ImageFormat format) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return;
        }
        Node root = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        for (Node data = root.getFirstChild(); data != null; data = data.getNextSibling()) {
            for (Node field = data.getFirstChild(); field != null; field = field.getNextSibling()) {
                if (data.getNodeName().equals("Data") && field.getNodeName().equals("SampleFormat")
                        && SIGNED.equals(((Element) field).getAttribute("value"))) {
                    throw new UnsupportedImageException(format.name() + " images with signed integer samples are not"
                            + " supported (which value is black is not defined); save it with unsigned integer or"
                            + " floating-point samples.");
                }
            }
        }
    }
}
