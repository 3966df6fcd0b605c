package dev.imagetagger.image.png;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.PngEncoder;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.CorruptImageException;

/**
 * Seeded mutations of small generated PNGs and of the shared ones: each must read to the end, or stop with
 * {@link CorruptImageException} or {@link UnsupportedPngException}, within a time bound. Anything else fails with the
 * input's number and mutations, which the seed reproduces.
 */
@LambdaSizedHeap
class PngFuzzTest {

    private static final long SEED = 20261130L;
    private static final int INPUTS = 3000;
    private static final Duration TIME_BOUND = Duration.ofSeconds(10);
    /** The caller's pixel limit: it rejects larger images from the header, before opening them. */
    private static final long MAX_PIXELS = 64_000_000;
    /**
     * Wider images pass the pixel limit but their float rows (the caller's) and raw rows would not fit this test's
     * heap; {@link PngExtremeSizesTest} reads such widths.
     */
    private static final int MAX_WIDTH = 2_000_000;
    private static final int[] SIZES = { 0, 1, 2, 3, 255, 256, 65535, 65536, 1 << 24, 40000, 64_000_000,
            Integer.MAX_VALUE, Integer.MIN_VALUE, -1 };

    private record Seed(String name, byte[] png) {
    }

    @Test
    void mutatedPngsAreReadOrRejectedAsCorruptOrUnsupported() {
        List<Seed> seeds = seeds();
        Random random = new Random(SEED);
        int read = 0;
        int rejected = 0;
        int skipped = 0;
        long start = System.nanoTime();
        for (int i = 0; i < INPUTS; i++) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            List<String> mutations = new ArrayList<>();
            byte[] input = seed.png();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                input = mutate(input, random, mutations);
            }
            String what = "input " + i + " of seed " + SEED + ", from " + seed.name() + ", mutated by " + mutations;
            byte[] png = input;
            try {
                Outcome outcome = assertTimeoutPreemptively(TIME_BOUND, () -> readAll(png), what);
                switch (outcome) {
                    case READ -> read++;
                    case REJECTED -> rejected++;
                    case SKIPPED -> skipped++;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable e) {
                fail(what + ": " + e, e);
            }
        }
        System.out.printf("PNG fuzz: %d inputs in %d ms: %d read, %d rejected, %d skipped as too large%n", INPUTS,
                (System.nanoTime() - start) / 1_000_000, read, rejected, skipped);
    }

    private enum Outcome {
        READ, REJECTED, SKIPPED
    }

    /** What the caller does: header, pixel limit, then every row. */
    private static Outcome readAll(byte[] png) {
        try {
            PngHeader header = PngDecoder.readHeader(png);
            if ((long) header.width() * header.height() > MAX_PIXELS || header.width() > MAX_WIDTH) {
                return Outcome.SKIPPED;
            }
            try (PngRows rows = PngDecoder.open(png)) {
                float[] rgb = new float[3 * rows.width()];
                for (int y = 0; y < rows.height(); y++) {
                    rows.read(y, rgb);
                }
            }
            return Outcome.READ;
        } catch (CorruptImageException | UnsupportedPngException e) {
            return Outcome.REJECTED;
        }
    }

    private static List<Seed> seeds() {
        Random random = new Random(SEED);
        List<Seed> seeds = new ArrayList<>();
        int[][] types = { { 0, 1 }, { 0, 8 }, { 0, 16 }, { 2, 8 }, { 2, 16 }, { 3, 2 }, { 3, 8 }, { 4, 8 },
                { 6, 8 }, { 6, 16 } };
        for (int[] type : types) {
            PngEncoder encoder = new PngEncoder(5 + random.nextInt(30), 3 + random.nextInt(20), type[1], type[0])
                    .idatChunkBytes(1 + random.nextInt(200));
            if (type[0] == PngHeader.PALETTE) {
                encoder.chunk("PLTE", PngDecoderTest.randomBytes(random, 3 << type[1]));
            }
            encoder.chunk("tEXt", "Title\0seed".getBytes(StandardCharsets.ISO_8859_1));
            // Smooth rows with a little noise: mutations then hit realistic zlib data, not stored blocks.
            seeds.add(new Seed("generated type " + type[0] + " depth " + type[1], encoder.encode((y, raw) -> {
                for (int x = 0; x < raw.length; x++) {
                    raw[x] = (byte) (x * 3 + y + (random.nextInt(8) == 0 ? random.nextInt(256) : 0));
                }
            })));
        }
        for (String variant : new String[] { "png-palette", "png-rgb8", "png-rgb16", "png-rgba" }) {
            String file = "formats/n03776460_mobile_home." + variant + ".png";
            seeds.add(new Seed(file, Shared.image(file)));
        }
        return seeds;
    }

    private static byte[] mutate(byte[] png, Random random, List<String> mutations) {
        List<int[]> chunks = chunks(png);
        // What is left of a short input can only be cut further.
        int kind = png.length <= 16 + 13 ? 0 : random.nextInt(chunks.isEmpty() ? 5 : 9);
        switch (kind) {
            case 0 -> {
                int at = random.nextInt(png.length + 1);
                mutations.add("truncate to " + at);
                return Arrays.copyOf(png, at);
            }
            case 1 -> {
                int at = random.nextInt(png.length);
                int bit = random.nextInt(8);
                mutations.add("flip bit " + bit + " of byte " + at);
                return flipped(png, at, bit);
            }
            case 2 -> {
                int at = 16 + random.nextInt(13);
                int bit = random.nextInt(8);
                mutations.add("flip bit " + bit + " of IHDR byte " + at);
                return flipped(png, at, bit);
            }
            case 3 -> {
                int at = 16 + 4 * random.nextInt(2);
                int size = SIZES[random.nextInt(SIZES.length)];
                mutations.add((at == 16 ? "width " : "height ") + size);
                byte[] copy = png.clone();
                PngEncoder.putInt(copy, at, size);
                return copy;
            }
            case 4 -> {
                int at = 24 + random.nextInt(2);
                int value = new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 32, 255 }[random.nextInt(12)];
                mutations.add((at == 24 ? "bit depth " : "colour type ") + value);
                byte[] copy = png.clone();
                copy[at] = (byte) value;
                return copy;
            }
            case 5 -> {
                int[] idat = chunkOfType(chunks, ChunkReader.IDAT, random);
                if (idat == null || idat[1] == 0) {
                    return mutate(png, random, mutations);
                }
                byte[] copy = png.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = idat[0] + 8 + random.nextInt(idat[1]);
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                    mutations.add("flip a bit of IDAT byte " + at);
                }
                return copy;
            }
            case 6 -> {
                int[] chunk = chunks.get(random.nextInt(chunks.size()));
                int length = random.nextBoolean() ? SIZES[random.nextInt(SIZES.length)]
                        : chunk[1] + random.nextInt(9) - 4;
                mutations.add("length " + length + " for the chunk at " + chunk[0]);
                byte[] copy = png.clone();
                PngEncoder.putInt(copy, chunk[0], length);
                return copy;
            }
            case 7 -> {
                int[] chunk = chunks.get(random.nextInt(chunks.size()));
                mutations.add("remove the chunk at " + chunk[0]);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(png, 0, chunk[0]);
                out.write(png, chunk[0] + 12 + chunk[1], png.length - chunk[0] - 12 - chunk[1]);
                return out.toByteArray();
            }
            default -> {
                int[] chunk = chunks.get(random.nextInt(chunks.size()));
                mutations.add("duplicate the chunk at " + chunk[0]);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(png, 0, chunk[0] + 12 + chunk[1]);
                out.write(png, chunk[0], png.length - chunk[0]);
                return out.toByteArray();
            }
        }
    }

    private static byte[] flipped(byte[] png, int at, int bit) {
        byte[] copy = png.clone();
        copy[at] ^= (byte) (1 << bit);
        return copy;
    }

    /** Offset and data length of each whole chunk after the signature, as far as the lengths hold together. */
    private static List<int[]> chunks(byte[] png) {
        List<int[]> chunks = new ArrayList<>();
        long at = 8;
        while (at + 12 <= png.length) {
            int length = ChunkReader.int32(png, (int) at);
            if (length < 0 || at + 12 + length > png.length) {
                break;
            }
            chunks.add(new int[] { (int) at, length, ChunkReader.int32(png, (int) at + 4) });
            at += 12L + length;
        }
        return chunks;
    }

    private static int[] chunkOfType(List<int[]> chunks, int type, Random random) {
        List<int[]> ofType = chunks.stream().filter(c -> c[2] == type).toList();
        return ofType.isEmpty() ? null : ofType.get(random.nextInt(ofType.size()));
    }
}
