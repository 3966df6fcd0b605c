package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.Region;

/**
 * Mutates small corpus files (baseline, progressive, restart intervals, every sampling, grey, partial MCUs) in ways
 * that reach every check: truncation, bit flips in headers and entropy data, damaged table, frame, scan and restart
 * segments, wrong segment lengths, duplicated and removed segments, inserted markers. Each input must end in a
 * {@link CorruptImageException}, an {@link UnsupportedJpegException} or an image, quickly; anything else fails the
 * test with what reproduces it (the seed file, the input's seed and its mutation).
 */
@LambdaSizedHeap
class JpegDecoderFuzzTest {

    private static final long SEED = 20261130L;
    private static final int INPUTS_PER_SEED_FILE = 200;
    /** The caller's default pixel limit (tagger.image.max-pixels): larger headers are never decoded. */
    private static final long MAX_PIXELS = 64_000_000L;
    /** No single input may take longer, however loaded the machine (a clean decode of these files takes ~1 ms). */
    private static final Duration MAX_PER_INPUT = Duration.ofSeconds(3);

    private static final String[] SEED_FILES = {
            "imagenet-sample/n01558993_robin.JPEG",
            "imagenet-sample/n02391049_zebra.JPEG",
            "imagenet-sample/n04487394_trombone.JPEG",
            "jpeg-structures/n01558993_robin-progressive-sa.jpg",
            "jpeg-structures/n01558993_robin-progressive-custom.jpg",
            "jpeg-structures/n01558993_robin-progressive-restart.jpg",
            "jpeg-structures/n01558993_robin-restart-7blocks.jpg",
            "jpeg-structures/n01558993_robin-sample-4x1.jpg",
            "jpeg-structures/n01558993_robin-sample-1x2.jpg",
            "jpeg-structures/n01558993_robin-odd-333x251.jpg",
            "jpeg-structures/n01558993_robin-gray.jpg",
            "jpeg-structures/tiny-17x9-progressive.jpg",
            "jpeg-structures/tiny-1x1.jpg",
            "formats/n01558993_robin.jpeg-422.jpg",
    };

    @Test
    void mutatedFilesEndInAResultOrADocumentedRejection() {
        int[] outcomes = new int[4]; // decoded, corrupt, unsupported, over the pixel limit
        long[] slowest = new long[1];
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int f = 0; f < SEED_FILES.length; f++) {
                byte[] original = Shared.image(SEED_FILES[f]);
                for (int i = 0; i < INPUTS_PER_SEED_FILE; i++) {
                    long inputSeed = SEED + f * 100_000L + i;
                    Random random = new Random(inputSeed);
                    StringBuilder mutation = new StringBuilder();
                    byte[] input = mutate(original, random, mutation);
                    long t = System.nanoTime();
                    try {
                        outcomes[run(input, random)]++;
                    } catch (CorruptImageException e) {
                        outcomes[1]++;
                    } catch (UnsupportedJpegException e) {
                        outcomes[2]++;
                    } catch (Throwable e) {
                        failures.add(SEED_FILES[f] + ", input seed " + inputSeed + ", " + mutation + ": " + e);
                    }
                    long took = System.nanoTime() - t;
                    slowest[0] = Math.max(slowest[0], took);
                    if (took > MAX_PER_INPUT.toNanos()) {
                        failures.add(SEED_FILES[f] + ", input seed " + inputSeed + ", " + mutation + ": took "
                                + took / 1_000_000 + " ms");
                    }
                }
            }
        });
        System.out.printf("JPEG fuzz: %d inputs in %.1f s (slowest %.1f ms): %d decoded, %d corrupt, %d unsupported,"
                + " %d over the pixel limit%n", SEED_FILES.length * INPUTS_PER_SEED_FILE,
                (System.nanoTime() - started) / 1e9, slowest[0] / 1e6, outcomes[0], outcomes[1], outcomes[2],
                outcomes[3]);
        assertTrue(failures.isEmpty(), failures.size() + " unexpected outcomes:\n" + String.join("\n", failures));
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "the mutations reach both outcomes");
    }

    /**
     * As the caller does: the header, the pixel limit, then a decode at a random scale, of the whole image or (as the
     * classifier asks) of a centred region. Returns the outcome index.
     */
    private static int run(byte[] input, Random random) {
        JpegHeader header = JpegDecoder.readHeader(input);
        long pixels = (long) header.width() * header.height();
        if (pixels > MAX_PIXELS) {
            return 3;
        }
        int scale = 1 << random.nextInt(4);
        if (pixels / ((long) scale * scale) > 4_000_000) {
            scale = 8; // keeps the test quick; the allocation is still proportional to the header
        }
        int width = Component.ceilDiv(header.width(), scale);
        int height = Component.ceilDiv(header.height(), scale);
        Region region = random.nextBoolean() ? Region.ALL
                : new Region(width / 6, height / 16, width - width / 6, height - height / 16);
        ScaledImage image = JpegDecoder.decode(input, scale, region);
        if (image.samples().length != image.width() * image.height() * image.channels()) {
            throw new AssertionError("sample count does not match the size");
        }
        return 0;
    }

    static byte[] mutate(byte[] original, Random random, StringBuilder mutation) {
        byte[] data = original.clone();
        List<int[]> segments = segments(data);
        int scanData = segments.isEmpty() ? 2 : segments.get(segments.size() - 1)[2];
        int kind = random.nextInt(8);
        switch (kind) {
            case 0 -> {
                int length = random.nextInt(data.length);
                mutation.append("truncated to ").append(length).append(" bytes");
                return Arrays.copyOf(data, length);
            }
            case 1 -> {
                mutation.append("bit flips in the headers at");
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    int at = 2 + random.nextInt(Math.max(1, scanData - 2));
                    data[at] ^= (byte) (1 << random.nextInt(8));
                    mutation.append(' ').append(at);
                }
            }
            case 2 -> {
                mutation.append("bit flips in the entropy data at");
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    int at = scanData + random.nextInt(Math.max(1, data.length - scanData));
                    data[Math.min(at, data.length - 1)] ^= (byte) (1 << random.nextInt(8));
                    mutation.append(' ').append(at);
                }
            }
            case 3 -> damageSegment(data, segments, random, mutation);
            case 4 -> {
                int[] segment = segments.get(random.nextInt(segments.size()));
                int length = random.nextInt(3) == 0 ? random.nextInt(4) : random.nextInt(65536);
                data[segment[0] + 2] = (byte) (length >> 8);
                data[segment[0] + 3] = (byte) length;
                mutation.append(String.format("length of segment %02X at %d set to %d", segment[1], segment[0],
                        length));
            }
            case 5 -> {
                int[] segment = segments.get(random.nextInt(segments.size()));
                int[] where = segments.get(random.nextInt(segments.size()));
                mutation.append(String.format("segment %02X at %d copied before the one at %d", segment[1], segment[0],
                        where[0]));
                return splice(data, where[0], where[0], Arrays.copyOfRange(data, segment[0], segment[2]));
            }
            case 6 -> {
                int[] segment = segments.get(random.nextInt(segments.size()));
                mutation.append(String.format("segment %02X at %d removed", segment[1], segment[0]));
                return splice(data, segment[0], segment[2], new byte[0]);
            }
            default -> {
                int at = scanData + random.nextInt(Math.max(1, data.length - scanData - 1));
                int code = new int[] { 0xD0 + random.nextInt(8), 0xD9, 0xDA, 0xC4, 0xE0 + random.nextInt(16) }[random
                        .nextInt(5)];
                mutation.append(String.format("marker %02X inserted in the entropy data at %d", code, at));
                return splice(data, at, at, new byte[] { (byte) 0xFF, (byte) code });
            }
        }
        return data;
    }

    /** Rewrites the fields of a DHT, DQT, SOF, SOS or DRI segment with random or extreme values. */
    private static void damageSegment(byte[] data, List<int[]> segments, Random random, StringBuilder mutation) {
        List<int[]> tables = segments.stream()
                .filter(s -> List.of(0xC4, 0xDB, 0xC0, 0xC2, 0xDA, 0xDD).contains(s[1]))
                .toList();
        int[] segment = tables.get(random.nextInt(tables.size()));
        int content = segment[0] + 4;
        int length = segment[2] - content;
        mutation.append(String.format("segment %02X at %d: ", segment[1], segment[0]));
        if ((segment[1] == 0xC0 || segment[1] == 0xC2) && random.nextBoolean()) {
            int field = random.nextInt(4);
            switch (field) {
                case 0 -> { // one size or both, often huge
                    boolean both = random.nextBoolean();
                    for (int side = both ? 0 : random.nextInt(2); side < (both ? 2 : 1); side++) {
                        int at = content + 1 + 2 * side;
                        int value = random.nextBoolean() ? 65535 - random.nextInt(20000) : random.nextInt(65536);
                        data[at] = (byte) (value >> 8);
                        data[at + 1] = (byte) value;
                        mutation.append("size field at ").append(at).append(" = ").append(value).append("; ");
                    }
                }
                case 1 -> {
                    int at = content + 7 + 3 * random.nextInt(Math.max(1, (length - 6) / 3));
                    data[at] = (byte) random.nextInt(256);
                    mutation.append("sampling factors at ").append(at).append(" = ").append(data[at] & 0xFF);
                }
                case 2 -> {
                    data[content + 5] = (byte) random.nextInt(6);
                    mutation.append("component count = ").append(data[content + 5]);
                }
                default -> {
                    data[content] = (byte) (random.nextBoolean() ? 12 : random.nextInt(256));
                    mutation.append("precision = ").append(data[content] & 0xFF);
                }
            }
            return;
        }
        for (int n = 1 + random.nextInt(3); n > 0 && length > 0; n--) {
            int at = content + random.nextInt(length);
            data[at] = (byte) (random.nextInt(4) == 0 ? 0xFF : random.nextInt(256));
            mutation.append("byte ").append(at).append(" = ").append(data[at] & 0xFF).append("; ");
        }
    }

    /** Marker segments before the first scan's data: {marker offset, code, end}; SOS last. */
    static List<int[]> segments(byte[] data) {
        List<int[]> segments = new ArrayList<>();
        int at = 2;
        while (at + 4 <= data.length && (data[at] & 0xFF) == 0xFF) {
            int code = data[at + 1] & 0xFF;
            int end = at + 2 + ((data[at + 2] & 0xFF) << 8 | (data[at + 3] & 0xFF));
            segments.add(new int[] { at, code, Math.min(end, data.length) });
            if (code == 0xDA) {
                break;
            }
            at = end;
        }
        return segments;
    }

    private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + insert.length);
        out.write(data, 0, from);
        out.write(insert, 0, insert.length);
        out.write(data, to, data.length - to);
        return out.toByteArray();
    }
}
