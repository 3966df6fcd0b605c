package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleRowsTest {

    @Test
    void rgbColumnsAreReadFromTheRequestedRow() {
        byte[] samples = new byte[2 * 3 * 3];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (200 + i);
        }

        float[] rgb = new float[6];
        new SampleRows(3, 2, 3, samples).read(1, 1, 3, rgb);

        assertArrayEquals(new float[] { 212, 213, 214, 215, 216, 217 }, rgb);
    }

    @Test
    void greyIsRepeatedIntoEveryChannel() {
        float[] rgb = new float[6];
        new SampleRows(2, 2, 1, new byte[] { 1, 2, 3, (byte) 250 }).read(1, 0, 2, rgb);

        assertArrayEquals(new float[] { 3, 3, 3, 250, 250, 250 }, rgb);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 3 })
    void columnsHoldTheSameValuesAsTheRowsTransposed(int channels) {
        byte[] samples = new byte[7 * 5 * channels];
        new Random(3).nextBytes(samples);
        SampleRows rows = new SampleRows(7, 5, channels, samples);

        float[][] columns = new float[4][3 * 3];
        rows.readColumns(1, 3, 2, 6, columns);

        float[] line = new float[4 * 3];
        for (int r = 0; r < 3; r++) {
            rows.read(1 + r, 2, 6, line);
            for (int x = 0; x < 4; x++) {
                assertArrayEquals(Arrays.copyOfRange(line, x * 3, x * 3 + 3),
                        Arrays.copyOfRange(columns[x], r * 3, r * 3 + 3), "column " + x + ", row " + r);
            }
        }
    }

    @Test
    void samplesThatDoNotFillTheSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SampleRows(2, 2, 3, new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> new SampleRows(2, 2, 4, new byte[16]));
    }
}
