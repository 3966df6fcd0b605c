package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Pins the decoder's output, sample for sample: a digest of each shared JPEG decoded whole at 1/2, 1/4 and 1/8 (and
 * at 1/1 below 4 MP), and to two regions at one scale (a different one from file to file). A change of the
 * arithmetic, the upsampling or the region logic shows as a changed digest; a refactoring must leave them all.
 * After a deliberate change of the output, {@code -Djpeg.digests.write=true} rewrites the pinned file.
 */
@LambdaSizedHeap
class JpegDecodeDigestTest {

    private static final Path PINNED = Path.of("src/test/resources/dev/imagetagger/image/jpeg/decode-digests.txt");
    private static final int[] SCALES = { 1, 2, 4, 8 };

    @Test
    void everySharedJpegDecodesToItsPinnedSamples() throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        List<Path> files = JpegCorpus.supported();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            digests.put(file.getParent().getFileName() + "/" + file.getFileName(), digest(Shared.read(file), i));
        }
        if (Boolean.getBoolean("jpeg.digests.write")) {
            List<String> lines = new ArrayList<>();
            digests.forEach((file, digest) -> lines.add(file + " " + digest));
            Files.write(PINNED, lines, StandardCharsets.UTF_8);
            return;
        }
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String line : Files.readAllLines(PINNED, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            pinned.put(parts[0], parts[1]);
        }
        assertEquals(pinned.keySet(), digests.keySet(), "the shared JPEGs");
        digests.forEach((file, digest) -> assertEquals(pinned.get(file), digest, file));
        assertTrue(digests.size() > 300, digests.size() + " files");
    }

    /** The digest of every decode of one file: each decode's size, channels, scale and samples, in a fixed order. */
    private static String digest(byte[] jpeg, int index) {
        MessageDigest sha = sha256();
        JpegHeader header = JpegDecoder.readHeader(jpeg);
        for (int scale : SCALES) {
            if (scale > 1 || (long) header.width() * header.height() <= 4_000_000) {
                add(sha, JpegDecoder.decode(jpeg, scale, Region.ALL));
            }
        }
        int scale = SCALES[index % SCALES.length];
        int width = Component.ceilDiv(header.width(), scale);
        int height = Component.ceilDiv(header.height(), scale);
        add(sha, JpegDecoder.decode(jpeg, scale, new Region(width / 4, height / 3, width - width / 4, height)));
        add(sha, JpegDecoder.decode(jpeg, scale, new Region(1, 1, Math.max(1, width - 3), height / 2 + 1)));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void add(MessageDigest sha, ScaledImage image) {
        sha.update(ByteBuffer.allocate(16).putInt(image.width()).putInt(image.height()).putInt(image.channels())
                .putInt(image.scale()).array());
        sha.update(image.samples());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
