package dev.imagetagger.image.jpeg;

/**
 * The occupied mask of a block: which of its rows and columns may hold a non-zero AC coefficient, or-ed together
 * by the entropy decoder as it stores coefficients, so that the inverse DCT skips what is empty. Bits 0 to 7 are the
 * columns, bits 8 to 15 the rows, and {@link #ANY_AC} is set once any AC coefficient was non-zero, even one the
 * scaled transform ignores (which has no row or column mark): such a block is still transformed, because the
 * transform rounds a lone DC coefficient unlike {@link ScaledIdct#flat}.
 */
final class Occupied {

    static final int ANY_AC = 1 << 16;

    private Occupied() {
    }

    /** The mark of the coefficient at {@code row}, {@code column} of the block (natural order). */
    static int mark(int row, int column) {
        return 1 << (8 + row) | 1 << column;
    }

    /** The columns that may hold a coefficient, bit {@code column} for each. */
    static int columns(int occupied) {
        return occupied & 0xFF;
    }

    /** Whether a row other than the first may hold a coefficient. */
    static boolean belowFirstRow(int occupied) {
        return (occupied & 0xFE00) != 0;
    }
}
