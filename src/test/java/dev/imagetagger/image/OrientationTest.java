package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrientationTest {

    // The stored 3x3 image, one letter a pixel, row by row:
    //   a b c
    //   d e f
    //   g h i
    private static final String STORED = "abcdefghi";

    // What a viewer that honours each EXIF Orientation value shows (the EXIF 2.3 definitions, written out by hand).
    private static final Map<Orientation, String> UPRIGHT = Map.of(
            Orientation.NORMAL, "abcdefghi",
            Orientation.MIRROR_HORIZONTAL, "cbafedihg",
            Orientation.ROTATE_180, "ihgfedcba",
            Orientation.MIRROR_VERTICAL, "ghidefabc",
            Orientation.TRANSPOSE, "adgbehcfi",
            Orientation.ROTATE_90_CW, "gdahebifc",
            Orientation.TRANSVERSE, "ifchebgda",
            Orientation.ROTATE_90_CCW, "cfibehadg");

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void turnsAnAsymmetricSquareUpright(Orientation orientation) {
        float[] upright = orientation.apply(encode(STORED), 3);

        assertEquals(UPRIGHT.get(orientation), decode(upright));
    }

    @Test
    void keepsTheThreeChannelsOfAPixelTogether() {
        float[] stored = encode(STORED);

        float[] upright = Orientation.ROTATE_90_CW.apply(stored, 3);

        // Top-left upright pixel is stored pixel g (index 6), with all three of its channels.
        assertArrayEquals(new float[] { stored[18], stored[19], stored[20] },
                new float[] { upright[0], upright[1], upright[2] });
    }

    @Test
    void normalReturnsTheSameArray() {
        float[] stored = encode(STORED);

        assertSame(stored, Orientation.NORMAL.apply(stored, 3));
    }

    @Test
    void mapsExifValuesOneToEightInOrder() {
        Orientation[] expected = { Orientation.NORMAL, Orientation.MIRROR_HORIZONTAL, Orientation.ROTATE_180,
                Orientation.MIRROR_VERTICAL, Orientation.TRANSPOSE, Orientation.ROTATE_90_CW, Orientation.TRANSVERSE,
                Orientation.ROTATE_90_CCW };
        for (int value = 1; value <= 8; value++) {
            assertEquals(expected[value - 1], Orientation.ofExifValue(value), "EXIF " + value);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { -1, 0, 9, 65535 })
    void treatsOutOfRangeValuesAsUpright(int value) {
        assertEquals(Orientation.NORMAL, Orientation.ofExifValue(value));
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void swapsSidesExactlyForTheQuarterTurns(Orientation orientation) {
        String upright = UPRIGHT.get(orientation);
        // Sides are swapped when the stored top row (a b c) ends up as a column.
        boolean topRowIsAColumn = Math.abs(upright.indexOf('a') - upright.indexOf('b')) == 3;

        assertEquals(topRowIsAColumn, orientation.swapsSides());
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void reportsWhichStoredAxesRunBackwardsUpright(Orientation orientation) {
        String upright = UPRIGHT.get(orientation);
        // Stored +x goes from a to b, stored +y from a to d; an axis is reversed when that step goes left or up.
        boolean xReversed = upright.indexOf('b') < upright.indexOf('a');
        boolean yReversed = upright.indexOf('d') < upright.indexOf('a');

        assertEquals(xReversed, orientation.reversesStoredX(), "x");
        assertEquals(yReversed, orientation.reversesStoredY(), "y");
    }

    /** Each letter becomes a pixel whose channels are distinct values derived from it. */
    private static float[] encode(String pixels) {
        float[] rgb = new float[pixels.length() * 3];
        for (int i = 0; i < pixels.length(); i++) {
            char c = pixels.charAt(i);
            rgb[i * 3] = c;
            rgb[i * 3 + 1] = c + 100;
            rgb[i * 3 + 2] = c + 200;
        }
        return rgb;
    }

    private static String decode(float[] rgb) {
        StringBuilder pixels = new StringBuilder();
        for (int i = 0; i < rgb.length; i += 3) {
            char c = (char) rgb[i];
            assertEquals(c + 100, rgb[i + 1]);
            assertEquals(c + 200, rgb[i + 2]);
            pixels.append(c);
        }
        return pixels.toString();
    }
}
