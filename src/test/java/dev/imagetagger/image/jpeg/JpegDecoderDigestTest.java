package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.Region;

/**
 * Pins the SHA-256 of every decode of the structure set, at 1/1, 1/2, 1/4 and 1/8 and of a centre region at each
 * scale, so that any change to the arithmetic (IDCT, upsampling, colour conversion, region edges) shows, however small:
 * the reference tests allow a level of difference and a PSNR margin, this test none. A refactoring must keep every
 * digest; a deliberate change to the arithmetic replaces the lines the failure prints, in
 * {@code structure-digests.txt}, and says why in its commit.
 */
@LambdaSizedHeap
class JpegDecoderDigestTest {

    private static final int[] SCALES = { 1, 2, 4, 8 };

    @Test
    void everyDecodeOfTheStructureSetKeepsItsDigest() throws IOException {
        Map<String, String> pinned = pinned();
        List<String> changed = new ArrayList<>();
        List<Path> files = JpegCorpus.files(
                "jpeg-structures", name -> name.endsWith(".jpg") && !name.contains("arithmetic"));
        assertFalse(files.isEmpty());
        int decodes = 0;
        for (Path file : files) {
            byte[] jpeg = Shared.read(file);
            for (int scale : SCALES) {
                for (boolean centre : new boolean[] { false, true }) {
                    String key = file.getFileName() + " 1/" + scale + (centre ? " centre" : "");
                    ScaledImage image = JpegDecoder.decode(jpeg, scale, centre ? centreOf(jpeg, scale) : Region.ALL);
                    String actual = image.width() + "x" + image.height() + "x" + image.channels() + " " + sha256(image);
                    decodes++;
                    if (!actual.equals(pinned.remove(key))) {
                        changed.add(key + " = " + actual);
                    }
                }
            }
        }
        System.out.printf("JPEG decode digests: %d decodes of %d files checked%n", decodes, files.size());
        assertTrue(changed.isEmpty(), changed.size() + " decodes changed or not pinned:\n" + String.join("\n", changed));
        assertEquals(Map.of(), pinned, "pinned decodes of files no longer in the structure set");
    }

    /** The middle half in each direction at that scale: its edges cut through blocks and MCUs of every sampling. */
    private static Region centreOf(byte[] jpeg, int scale) {
        JpegHeader header = JpegDecoder.readHeader(jpeg);
        int width = (header.width() + scale - 1) / scale;
        int height = (header.height() + scale - 1) / scale;
        return new Region(width / 4 + 1, height / 4 + 1, width * 3 / 4 + 1, height * 3 / 4 + 1);
    }

    private static String sha256(ScaledImage image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image.samples()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> pinned() throws IOException {
        Map<String, String> pinned = new LinkedHashMap<>();
        try (InputStream in = JpegDecoderDigestTest.class.getResourceAsStream("structure-digests.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int equals = line.indexOf(" = ");
                if (!line.isBlank() && !line.startsWith("#")) {
                    pinned.put(line.substring(0, equals), line.substring(equals + 3));
                }
            }
        }
        return pinned;
    }
}
