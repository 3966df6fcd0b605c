package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ScaledIdct} on its own, at every scale, against a double-precision reference: the inverse DCT of T.81 A.3.3
 * evaluated at every full-size pixel, averaged over each output sample's group of pixels, then level-shifted, rounded
 * and clamped. Random, flat and extreme blocks must come within one level of it; over the random blocks, the mean
 * signed error (a rounding constant off shows there) and the share of samples not equal to the reference rounded
 * must stay at what the transform measures.
 */
class ScaledIdctTest {

    private static final long SEED = 20261207L;
    private static final int RANDOM_BLOCKS = 20_000;
    /** Largest coefficient magnitude of an 8-bit JPEG (T.81 F.1.1.4: DC differences and AC values need 11 bits). */
    private static final int MAX_COEFFICIENT = 1023;
    /**
     * Largest mean signed error over the random blocks, in levels. Measured: within 0.001 at every scale. A rounding
     * constant doubled in the second pass adds half a level to every sample.
     */
    private static final double MAX_BIAS = 0.01;
    /**
     * Largest share of samples one level off the reference rounded, per log2(scale), over the random blocks: the two
     * fixed-point passes' rounding. Measured 1.82, 3.92, 2.96 and 0 %; a basis constant off by one moves more.
     */
    private static final double[] MAX_SHARE_OFF_BY_ONE = { 0.023, 0.044, 0.035, 0.005 };

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4, 8 })
    void randomBlocksComeWithinOneLevelOfTheReferenceWithoutBias(int scale) {
        ScaledIdct idct = new ScaledIdct(scale);
        Random random = new Random(SEED + scale);
        List<String> failures = new ArrayList<>();
        double signed = 0;
        long offByOne = 0;
        long samples = 0;
        for (int n = 0; n < RANDOM_BLOCKS; n++) {
            int[] block = new int[64];
            // Photo-like: a DC anywhere, AC terms falling with frequency, most of the high ones zero.
            block[0] = random.nextInt(2 * MAX_COEFFICIENT + 1) - MAX_COEFFICIENT - 1;
            for (int i = 1; i < 64; i++) {
                int frequency = (i >> 3) + (i & 7);
                if (random.nextInt(16) >= frequency) {
                    int magnitude = 400 / (1 + frequency);
                    block[i] = random.nextInt(2 * magnitude + 1) - magnitude;
                }
            }
            int[] error = compare(idct, block, scale, failures, "random block " + n);
            signed += error[0];
            offByOne += error[1];
            samples += (long) idct.size * idct.size;
        }
        double bias = signed / samples;
        double share = (double) offByOne / samples;
        System.out.printf("ScaledIdct 1/%d: %d random blocks, bias %+.5f levels, %.3f %% of samples one level off%n",
                scale, RANDOM_BLOCKS, bias, 100 * share);
        assertTrue(failures.isEmpty(), failures.size() + " blocks off by more than one level:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertTrue(Math.abs(bias) <= MAX_BIAS, "bias " + bias + " levels at 1/" + scale);
        assertTrue(share <= MAX_SHARE_OFF_BY_ONE[Integer.numberOfTrailingZeros(scale)], share * 100 + " % of samples off by one at 1/" + scale);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4, 8 })
    void flatBlocksAreTheirMeanAtEverySize(int scale) {
        ScaledIdct idct = new ScaledIdct(scale);
        List<String> failures = new ArrayList<>();
        for (int dc = -MAX_COEFFICIENT - 1; dc <= MAX_COEFFICIENT; dc++) {
            int[] block = new int[64];
            block[0] = dc;
            compare(idct, block, scale, failures, "DC " + dc);
            // The shortcut for blocks without AC terms is exact: the mean, ties rounded up. (The transform, in two
            // fixed-point passes, may round a tie the other way: within one level, as compare checks.)
            byte[] flat = new byte[idct.size * idct.size];
            idct.flat(dc, flat, 0, idct.size);
            byte[] mean = new byte[flat.length];
            Arrays.fill(mean, (byte) Math.max(0, Math.min(255, Math.round(dc / 8.0) + 128)));
            assertArrayEquals(mean, flat, "the flat block of DC " + dc + " at 1/" + scale);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4, 8 })
    void extremeBlocksComeWithinOneLevelOfTheReference(int scale) {
        ScaledIdct idct = new ScaledIdct(scale);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            for (int value : new int[] { -MAX_COEFFICIENT - 1, -MAX_COEFFICIENT, -1, 1, MAX_COEFFICIENT }) {
                int[] block = new int[64];
                block[i] = value;
                compare(idct, block, scale, failures, "coefficient " + i + " = " + value);
                block[0] = value < 0 ? MAX_COEFFICIENT : -MAX_COEFFICIENT; // and on a DC at the other end
                compare(idct, block, scale, failures, "coefficient " + i + " = " + value + ", DC " + block[0]);
            }
        }
        Random random = new Random(SEED);
        for (int n = 0; n < 2_000; n++) {
            int[] block = new int[64];
            for (int i = 0; i < 64; i++) { // every coefficient at full magnitude: most samples clamp
                block[i] = random.nextBoolean() ? MAX_COEFFICIENT : -MAX_COEFFICIENT;
            }
            compare(idct, block, scale, failures, "full-magnitude block " + n);
        }
        assertTrue(failures.isEmpty(), failures.size() + " blocks off by more than one level:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    /**
     * Transforms {@code block} (natural order) as the decoder does, the coefficients the transform ignores zeroed, and
     * records it in {@code failures} if a sample is more than one level from the reference. Returns {the signed error
     * sum against the reference rounded, the samples off by one}.
     */
    private static int[] compare(ScaledIdct idct, int[] block, int scale, List<String> failures, String what) {
        int occupied = 0;
        int[] coefficients = new int[64];
        for (int k = 0; k < 64; k++) {
            int natural = CodingTables.NATURAL_ORDER[k];
            if (k == 0 || idct.marks[k] != 0) {
                coefficients[natural] = block[natural];
                if (k > 0 && block[natural] != 0) {
                    occupied |= idct.marks[k];
                }
            }
        }
        int size = idct.size;
        byte[] out = new byte[size * size];
        if (occupied != 0) { // as ScanDecoder: a block without AC (every 1x1 block) is written flat
            idct.transform(coefficients.clone(), occupied, out, 0, size);
        } else {
            idct.flat(coefficients[0], out, 0, size);
        }
        double[] reference = reference(coefficients, scale);
        int signed = 0;
        int offByOne = 0;
        for (int i = 0; i < out.length; i++) {
            // Rounded to 1e-6 first: a tie (DC / 8 at 1/8) must not go either way with the cosines' last bits.
            double exact = Math.rint(reference[i] * 1e6) / 1e6;
            int expected = (int) Math.max(0, Math.min(255, Math.round(exact + 128)));
            int d = (out[i] & 0xFF) - expected;
            signed += d;
            offByOne += d == 0 ? 0 : 1;
            if (Math.abs(d) > 1) {
                failures.add(String.format("1/%d, %s: sample %d is %d, the reference %.3f", scale, what, i,
                        out[i] & 0xFF, reference[i] + 128));
                break;
            }
        }
        return new int[] { signed, offByOne };
    }

    /** C(u) / 2 cos((2x + 1) u pi / 16), at [x * 8 + u]: T.81 A.3.3's basis. */
    private static final double[] BASIS = new double[64];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                BASIS[x * 8 + u] = (u == 0 ? Math.sqrt(0.5) : 1) / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    /** The exact inverse DCT (T.81 A.3.3) of {@code block}, averaged over each scale x scale group of pixels. */
    private static double[] reference(int[] block, int scale) {
        double[] full = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) {
                    for (int u = 0; u < 8; u++) {
                        sum += block[v * 8 + u] * BASIS[x * 8 + u] * BASIS[y * 8 + v];
                    }
                }
                full[y * 8 + x] = sum;
            }
        }
        int size = 8 / scale;
        double[] reduced = new double[size * size];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                reduced[(y / scale) * size + x / scale] += full[y * 8 + x] / (scale * scale);
            }
        }
        return reduced;
    }
}
