package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.Region;

/**
 * Proves the decoder against the JDK's (plain ImageIO here: the IJG libjpeg based reader, islow IDCT, fancy
 * upsampling) on every shared JPEG it supports: at scale 1 pixel by pixel, at 1/2, 1/4 and 1/8 against the JDK image
 * box-averaged by the same factor. The JDK colour-manages files with an ICC profile and this decoder does not, so the
 * reference decodes the same file with its ICC profile segments removed.
 */
@LambdaSizedHeap
class JpegDecoderReferenceTest {

    /**
     * Scale 1 bounds, per channel on the 0-255 scale. The IDCT, upsampling and colour tables are libjpeg's, and every
     * file measured matches the JDK exactly (max 0); one level allows for a different rounding in a future JDK.
     */
    private static final int MAX_DIFFERENCE = 1;
    private static final double MAX_MEAN_DIFFERENCE = 0.01;
    /**
     * The progressive-custom files end with chroma AC coefficients one bit short (never refined). libjpeg then
     * "smooths" such blocks, estimating their low AC coefficients from the neighbouring DC values; this decoder takes
     * the coefficients as coded. Measured: max 7, mean 0.46.
     */
    private static final int MAX_DIFFERENCE_INCOMPLETE_PROGRESSIVE = 10;
    private static final double MAX_MEAN_DIFFERENCE_INCOMPLETE_PROGRESSIVE = 0.6;
    /**
     * Reduced scales against the box-averaged JDK image, index log2(scale). The reduced IDCT is the exact box average
     * of the full one, so grey and 4:4:4 files land near 50 dB (rounding, and clamping before or after averaging);
     * the lowest are subsampled files with fine saturated colour, whose chroma this decoder upsamples from a plane 2 or
     * 4 times smaller again (4:2:0 at 1/8 comes from 1/16, 4:1:1 at 1/4 from 1/16 across), and tiny files, whose
     * partial edge blocks weigh. Measured minimum: 29.2, 27.2 and 26.1 dB; medians 51.9, 51.6 and 43.1 dB.
     */
    private static final double[] MIN_PSNR = { 0, 28, 25, 24 };
    /**
     * The minima alone let a regression across the board pass, so the medians are held too: 1 dB below those measured
     * (51.9, 51.6 and 43.1 dB). A +0.5-level bias on every block of the 1/4 IDCT takes its median to 46.6 dB.
     */
    private static final double[] MIN_MEDIAN_PSNR = { 0, 50.9, 50.6, 42.1 };
    /**
     * Largest mean signed error (decoded minus reference, over every sample of every file at a scale), in levels: a
     * rounding constant off biases every sample the same way, which the PSNR hardly shows (doubling the 1/4 second
     * pass's adds half a level). Measured: +0.002, +0.000 and +0.107 (at 1/8 most likely because the decode is each
     * block's DC, its mean before clamping, while the reference averages pixels the JDK has clamped).
     */
    private static final double[] MAX_BIAS = { 0, 0.02, 0.02, 0.15 };

    @Test
    void everySupportedFileMatchesTheJdkDecoder() throws IOException {
        List<String> failures = new ArrayList<>();
        long worstMax = 0;
        double worstMean = 0;
        List<List<Double>> psnrs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        String[] worst = new String[3];
        double[] signedSums = new double[4];
        double[] samples = new double[4];
        List<Path> files = JpegCorpus.supported();
        for (Path file : files) {
            byte[] bytes = Shared.read(file);
            JpegHeader header = JpegDecoder.readHeader(bytes);
            assertTrue(header.supported(), file + " is supported");
            String name = file.getParent().getFileName() + "/" + file.getFileName();
            ScaledImage full = JpegDecoder.decode(bytes, 1, Region.ALL);
            BufferedImage reference = ImageIO.read(new ByteArrayInputStream(withoutIccProfile(bytes)));
            assertEquals(reference.getWidth(), full.width(), name);
            assertEquals(reference.getHeight(), full.height(), name);
            assertEquals(reference.getRaster().getNumBands(), full.channels(), name);
            long[] difference = compare(full, reference);
            double mean = (double) difference[1] / ((long) full.width() * full.height() * full.channels());
            if (name.contains("progressive-custom")) {
                System.out.printf("  %s (incomplete progressive): max difference %d, mean %.3f%n", name, difference[0],
                        mean);
            } else {
                worstMax = Math.max(worstMax, difference[0]);
                worstMean = Math.max(worstMean, mean);
            }
            boolean incomplete = name.contains("progressive-custom");
            if (difference[0] > (incomplete ? MAX_DIFFERENCE_INCOMPLETE_PROGRESSIVE : MAX_DIFFERENCE)
                    || mean > (incomplete ? MAX_MEAN_DIFFERENCE_INCOMPLETE_PROGRESSIVE : MAX_MEAN_DIFFERENCE)) {
                failures.add(name + ": max " + difference[0] + ", mean " + mean);
            }
            full = null; // the heap holds the reference and the reduced decodes, not a second full-size image too
            List<ScaledImage> reduced = new ArrayList<>();
            for (int s = 1; s <= 3; s++) {
                ScaledImage scaled = JpegDecoder.decode(bytes, 1 << s, Region.ALL);
                assertEquals((reference.getWidth() + (1 << s) - 1) >> s, scaled.width(), name + " at 1/" + (1 << s));
                assertEquals((reference.getHeight() + (1 << s) - 1) >> s, scaled.height(), name + " at 1/" + (1 << s));
                reduced.add(scaled);
            }
            Error[] errors = errors(reduced, reference);
            for (int s = 1; s <= 3; s++) {
                int scale = 1 << s;
                double psnr = errors[s - 1].psnr();
                signedSums[s] += errors[s - 1].signedSum();
                samples[s] += errors[s - 1].samples();
                if (psnrs.get(s - 1).stream().allMatch(p -> p > psnr)) {
                    worst[s - 1] = name;
                }
                psnrs.get(s - 1).add(psnr);
                if (psnr < MIN_PSNR[s]) {
                    failures.add(name + " at 1/" + scale + ": PSNR " + psnr);
                }
            }
        }
        System.out.printf("JPEG decoder vs JDK, %d files: scale 1 worst max difference %d, worst mean %.4f"
                + " (progressive-custom files aside)%n",
                files.size(), worstMax, worstMean);
        for (int s = 1; s <= 3; s++) {
            double[] sorted = psnrs.get(s - 1).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted[sorted.length / 2];
            double bias = signedSums[s] / samples[s];
            System.out.printf("  1/%d vs box-averaged JDK: PSNR min %.2f dB (%s), median %.2f dB; bias %+.4f levels%n",
                    1 << s, sorted[0], worst[s - 1], median, bias);
            if (median < MIN_MEDIAN_PSNR[s]) {
                failures.add("1/" + (1 << s) + ": median PSNR " + median + " dB, below " + MIN_MEDIAN_PSNR[s]);
            }
            if (Math.abs(bias) > MAX_BIAS[s]) {
                failures.add("1/" + (1 << s) + ": bias " + bias + " levels");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void arithmeticAndCmykFilesAreUnsupported() {
        List<Path> files = JpegCorpus.unsupported();
        assertFalse(files.isEmpty());
        for (Path file : files) {
            byte[] bytes = Shared.read(file);
            assertFalse(JpegDecoder.readHeader(bytes).supported(), file.toString());
            assertThrows(UnsupportedJpegException.class, () -> JpegDecoder.decode(bytes, 1, Region.ALL),
                    file.toString());
            assertThrows(UnsupportedJpegException.class, () -> JpegDecoder.decode(bytes, 8, Region.ALL),
                    file.toString());
        }
    }

    /** The file without its APP2 ICC_PROFILE segments (those before the first scan). */
    static byte[] withoutIccProfile(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) != 0xDA) {
            int length = (jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF);
            String start = new String(jpeg, at + 4, Math.max(0, Math.min(11, length - 2)), StandardCharsets.US_ASCII);
            boolean icc = (jpeg[at + 1] & 0xFF) == 0xE2 && start.equals("ICC_PROFILE");
            if (!icc) {
                out.write(jpeg, at, 2 + length);
            }
            at += 2 + length;
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** {max, sum} of the absolute per-channel differences. */
    private static long[] compare(ScaledImage image, BufferedImage reference) {
        Raster raster = reference.getRaster();
        int channels = image.channels();
        int[] row = new int[image.width() * channels];
        int max = 0;
        long sum = 0;
        for (int y = 0; y < image.height(); y++) {
            raster.getPixels(0, y, image.width(), 1, row);
            int offset = y * row.length;
            for (int i = 0; i < row.length; i++) {
                int d = Math.abs((image.samples()[offset + i] & 0xFF) - row[i]);
                max = Math.max(max, d);
                sum += d;
            }
        }
        return new long[] { max, sum };
    }

    /**
     * PSNR of each reduced decode ({@code reduced.get(i)} at 1/2^(i+1)) against the reference averaged over blocks of
     * its scale (partial at the edges), all in one pass over the reference's rows: reading the rows out of the raster
     * costs more than the sums.
     */
    static Error[] errors(List<ScaledImage> reduced, BufferedImage reference) {
        Raster raster = reference.getRaster();
        int channels = raster.getNumBands();
        int width = reference.getWidth();
        int height = reference.getHeight();
        int[] row = new int[width * channels];
        long[][] sums = new long[reduced.size()][];
        double[] squared = new double[reduced.size()];
        double[] signed = new double[reduced.size()];
        for (int i = 0; i < reduced.size(); i++) {
            sums[i] = new long[reduced.get(i).width() * channels];
        }
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int i = 0; i < reduced.size(); i++) {
                int shift = i + 1;
                long[] blockRow = sums[i];
                for (int x = 0; x < width; x++) {
                    int block = (x >> shift) * channels;
                    for (int c = 0; c < channels; c++) {
                        blockRow[block + c] += row[x * channels + c];
                    }
                }
                if (((y + 1) >> shift << shift) == y + 1 || y == height - 1) { // the block row's last pixel row
                    double[] error = error(reduced.get(i), y >> shift, blockRow, y + 1 - (y >> shift << shift),
                            1 << shift, width);
                    squared[i] += error[0];
                    signed[i] += error[1];
                    Arrays.fill(blockRow, 0);
                }
            }
        }
        Error[] errors = new Error[reduced.size()];
        for (int i = 0; i < errors.length; i++) {
            ScaledImage image = reduced.get(i);
            double samples = (double) image.width() * image.height() * channels;
            double mse = squared[i] / samples;
            errors[i] = new Error(mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse), signed[i], samples);
        }
        return errors;
    }

    /**
     * A reduced decode against the box-averaged reference.
     *
     * @param psnr      peak signal-to-noise ratio, dB
     * @param signedSum sum over the samples of (decoded - reference), in levels: its mean is the bias
     * @param samples   how many samples were compared
     */
    record Error(double psnr, double signedSum, double samples) {
    }

    /**
     * {squared, signed} error of block row {@code by} of {@code image} against the block means of {@code rows} summed
     * rows.
     */
    private static double[] error(ScaledImage image, int by, long[] blockRow, int rows, int scale, int width) {
        int channels = image.channels();
        double squared = 0;
        double signed = 0;
        for (int bx = 0; bx < image.width(); bx++) {
            int count = rows * Math.min(scale, width - bx * scale);
            for (int c = 0; c < channels; c++) {
                double d = (image.samples()[(by * image.width() + bx) * channels + c] & 0xFF)
                        - (double) blockRow[bx * channels + c] / count;
                squared += d * d;
                signed += d;
            }
        }
        return new double[] { squared, signed };
    }
}
