package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
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
    void readsAnAsymmetricSquareUprightRowByRow(Orientation orientation) {
        PixelRows upright = UprightRows.of(rows(STORED, 3, 3), orientation);

        assertEquals(UPRIGHT.get(orientation), readRows(upright, 0, 0, 3));
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void readsTheSameUprightPixelsColumnByColumn(Orientation orientation) {
        PixelRows upright = UprightRows.of(rows(STORED, 3, 3), orientation);

        assertEquals(UPRIGHT.get(orientation), readColumns(upright, 0, 3, 0, 3));
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void readsPartsOfAnOblongUpright(Orientation orientation) {
        // Stored 4 x 2 ("abcd" over "efgh"); the expected upright image is the reference's turn of it.
        String stored = "abcdefgh";
        String upright = turn(stored, 4, 2, orientation);
        int width = orientation.swapsSides() ? 2 : 4;
        PixelRows rows = UprightRows.of(rows(stored, 4, 2), orientation);

        assertEquals(width, rows.width());
        assertEquals(8 / width, rows.height());
        // The upright pixels from column 1 to the last, of every row but the first.
        StringBuilder expected = new StringBuilder();
        for (int y = 1; y < rows.height(); y++) {
            expected.append(upright, y * width + 1, (y + 1) * width);
        }
        assertEquals(expected.toString(), readRows(rows, 1, 1, width));
        assertEquals(expected.toString(), readColumns(rows, 1, rows.height() - 1, 1, width));
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void mapsAnUprightRegionBackToTheStoredPixelsItShows(Orientation orientation) {
        String stored = "abcdefghijkl"; // 4 x 3
        String upright = turn(stored, 4, 3, orientation);
        int width = orientation.swapsSides() ? 3 : 4;
        Region part = new Region(1, 1, width, 3);
        StringBuilder shown = new StringBuilder();
        for (int y = part.top(); y < part.bottom(); y++) {
            shown.append(upright, y * width + part.left(), y * width + part.right());
        }

        Region region = orientation.storedRegion(part, 4, 3);

        StringBuilder inRegion = new StringBuilder();
        for (int y = region.top(); y < region.bottom(); y++) {
            inRegion.append(stored, y * 4 + region.left(), y * 4 + region.right());
        }
        assertEquals(sorted(shown.toString()), sorted(inRegion.toString()));
    }

    @Test
    void uprightIsTheStoredRowsThemselves() {
        PixelRows stored = rows(STORED, 3, 3);

        assertSame(stored, UprightRows.of(stored, Orientation.NORMAL));
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
    private static PixelRows rows(String pixels, int width, int height) {
        byte[] samples = new byte[pixels.length() * 3];
        for (int i = 0; i < pixels.length(); i++) {
            char c = pixels.charAt(i);
            samples[i * 3] = (byte) c;
            samples[i * 3 + 1] = (byte) (c + 50);
            samples[i * 3 + 2] = (byte) (c + 100);
        }
        return new SampleRows(width, height, 3, samples);
    }

    /** Rows {@code [top, height)}, columns {@code [left, width)}, read a row at a time. */
    private static String readRows(PixelRows rows, int top, int left, int width) {
        StringBuilder pixels = new StringBuilder();
        float[] line = new float[3 * width];
        for (int y = top; y < rows.height(); y++) {
            rows.read(y, left, width, line);
            pixels.append(decode(line, width - left));
        }
        return pixels.toString();
    }

    /** Rows {@code [top, top + count)}, columns {@code [left, width)}, read as a strip of columns, row by row. */
    private static String readColumns(PixelRows rows, int top, int count, int left, int width) {
        float[][] columns = new float[width - left][3 * count];
        rows.readColumns(top, count, left, width, columns);
        StringBuilder pixels = new StringBuilder();
        for (int r = 0; r < count; r++) {
            for (float[] column : columns) {
                pixels.append(decode(new float[] { column[3 * r], column[3 * r + 1], column[3 * r + 2] }, 1));
            }
        }
        return pixels.toString();
    }

    private static String decode(float[] rgb, int pixels) {
        StringBuilder decoded = new StringBuilder();
        for (int i = 0; i < 3 * pixels; i += 3) {
            char c = (char) rgb[i];
            assertEquals(c + 50, rgb[i + 1]);
            assertEquals(c + 100, rgb[i + 2]);
            decoded.append(c);
        }
        return decoded.toString();
    }

    /**
     * A stored {@code width x height} image of letters turned upright, written from the EXIF definitions as the
     * 3 x 3 table above is: the stored pixel at (x, y) shows at these upright coordinates.
     */
    private static String turn(String stored, int width, int height, Orientation orientation) {
        boolean swaps = orientation.swapsSides();
        int uprightWidth = swaps ? height : width;
        char[] upright = new char[stored.length()];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] at = switch (orientation) {
                    case NORMAL -> new int[] { x, y };
                    case MIRROR_HORIZONTAL -> new int[] { width - 1 - x, y };
                    case ROTATE_180 -> new int[] { width - 1 - x, height - 1 - y };
                    case MIRROR_VERTICAL -> new int[] { x, height - 1 - y };
                    case TRANSPOSE -> new int[] { y, x };
                    case ROTATE_90_CW -> new int[] { height - 1 - y, x };
                    case TRANSVERSE -> new int[] { height - 1 - y, width - 1 - x };
                    case ROTATE_90_CCW -> new int[] { y, width - 1 - x };
                };
                upright[at[1] * uprightWidth + at[0]] = stored.charAt(y * width + x);
            }
        }
        return new String(upright);
    }

    private static String sorted(String letters) {
        char[] chars = letters.toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }
}
