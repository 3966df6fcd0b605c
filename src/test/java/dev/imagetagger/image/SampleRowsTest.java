package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

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

    @Test
    void samplesThatDoNotFillTheSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SampleRows(2, 2, 3, new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> new SampleRows(2, 2, 4, new byte[16]));
    }
}
