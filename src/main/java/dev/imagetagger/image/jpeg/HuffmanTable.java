package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.CorruptImageException;

/**
 * One canonical Huffman table (DHT, T.81 B.2.4.2), its codes generated as T.81 Annex C and F.2.2.3 describe. Codes
 * of up to {@link #LOOKAHEAD} bits resolve with one table lookup; longer ones (rare: libjpeg's default tables put
 * almost every frequent symbol under 9 bits) walk the per-length code limits ({@link #maxCode}, T.81's MAXCODE).
 *
 * <p>The lookup tables pack several small fields into one int each, for one load per lookup; the static helpers
 * below pack and unpack them by name. An AC symbol is RRRRSSSS (T.81 F.1.2.2.1): a run of zero coefficients and
 * the size in bits of the coefficient's value that follows the code.
 */
final class HuffmanTable {

    static final int LOOKAHEAD = 9;
    static final int RUN_LOOKAHEAD = 12;
    static final int COEFFICIENT_LOOKAHEAD = 11;

    /** Indexed by the next {@link #LOOKAHEAD} bits: a {@link #code} entry, or 0 for a longer code. */
    final int[] fast = new int[1 << LOOKAHEAD];
    /**
     * For AC tables, indexed like {@link #fast}: a {@link #skip(int, int)} entry, or 0 for a longer code: a whole
     * coefficient skipped in one step.
     */
    final int[] skip = new int[1 << LOOKAHEAD];
    /**
     * For AC tables, indexed by the next {@link #COEFFICIENT_LOOKAHEAD} bits: a {@link #coefficient} entry when the
     * code and its value bits fit in them, or 0 when they do not. Decoding a coefficient is then one lookup instead of
     * a lookup and a read of its value bits.
     */
    final int[] coefficients = new int[1 << COEFFICIENT_LOOKAHEAD];
    /** Largest code of each length, -1 when there is none. */
    final int[] maxCode = new int[17];
    /** Added to a code of each length to index {@link #symbols}. */
    final int[] symbolOffset = new int[17];
    final byte[] symbols;
    private int[] coefficientRuns;

    /** A decoded code: its length in bits and its symbol. */
    static int code(int length, int symbol) {
        return length << 8 | symbol;
    }

    static int codeLength(int code) {
        return code >>> 8;
    }

    static int codeSymbol(int code) {
        return code & 0xFF;
    }

    /**
     * A coefficient decoded with its value bits: the value (0 for end of block and ZRL), the run of zeros before it
     * (RRRR) and the bits used by code and value together.
     */
    static int coefficient(int value, int run, int bits) {
        return value << 16 | run << 8 | bits;
    }

    static int coefficientValue(int coefficient) {
        return coefficient >> 16;
    }

    static int coefficientRun(int coefficient) {
        return (coefficient >> 8) & 0xFF;
    }

    static int coefficientBits(int coefficient) {
        return coefficient & 0xFF;
    }

    /**
     * A coefficient stepped over: the bits its code and value use, and the positions it advances (run + 1, 16 for
     * ZRL, 0 for end of block).
     */
    static int skip(int bits, int advance) {
        return bits << 8 | advance;
    }

    static int skipBits(int skip) {
        return skip >>> 8;
    }

    static int skipAdvance(int skip) {
        return skip & 0xFF;
    }

    /** A run of whole coefficients stepped over: the bits they use, whether they end the block, the positions. */
    static int run(int bits, boolean endOfBlock, int advance) {
        return bits << 16 | (endOfBlock ? 1 << 15 : 0) | advance;
    }

    static int runBits(int run) {
        return run >>> 16;
    }

    static boolean runEndsBlock(int run) {
        return (run & 1 << 15) != 0;
    }

    static int runAdvance(int run) {
        return run & 0x7FFF;
    }

    /**
     * @param counts  number of codes of each length 1..16 (index 0 unused)
     * @param symbols the symbols in code order
     */
    HuffmanTable(int[] counts, byte[] symbols) {
        this.symbols = symbols;
        int code = 0;
        int index = 0;
        for (int length = 1; length <= 16; length++) {
            int count = counts[length];
            symbolOffset[length] = index - code;
            maxCode[length] = count == 0 ? -1 : code + count - 1;
            for (int i = 0; i < count; i++, code++, index++) {
                if (code >= 1 << length) {
                    throw new CorruptImageException("A JPEG Huffman table has more codes than its code lengths allow.");
                }
                if (length <= LOOKAHEAD) {
                    int shift = LOOKAHEAD - length;
                    int symbol = symbols[index] & 0xFF;
                    int entry = code(length, symbol);
                    int skipEntry = skipEntry(length, symbol);
                    for (int fill = code << shift, end = (code + 1) << shift; fill < end; fill++) {
                        fast[fill] = entry;
                        skip[fill] = skipEntry;
                    }
                }
                if (length + (symbols[index] & 15) <= COEFFICIENT_LOOKAHEAD) {
                    addCoefficients(code, length, symbols[index] & 0xFF);
                }
            }
            code <<= 1;
        }
    }

    /** The {@link #skip} entry of a coefficient coded by {@code symbol} with a code {@code length} bits long. */
    private static int skipEntry(int length, int symbol) {
        int size = symbol & 15;
        int advance = size != 0 ? (symbol >> 4) + 1 : symbol == 0xF0 ? 16 : 0;
        return skip(length + size, advance);
    }

    /** The {@link #coefficients} entries of one code: one for each pattern of its value bits. */
    private void addCoefficients(int code, int length, int symbol) {
        int size = symbol & 15;
        int used = length + size;
        int shift = COEFFICIENT_LOOKAHEAD - used;
        for (int bits = 0; bits < 1 << size; bits++) {
            int value = size == 0 ? 0 : bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
            int entry = coefficient(value, symbol >> 4, used);
            int first = (code << size | bits) << shift;
            for (int fill = first, end = first + (1 << shift); fill < end; fill++) {
                coefficients[fill] = entry;
            }
        }
    }

    /**
     * For stepping over AC coefficients (1/8 scale), indexed by the next {@link #RUN_LOOKAHEAD} bits: as many whole
     * coefficients (code and value bits) as fit in them, up to an end of block, as a {@link #run} entry; 0 when not
     * even one fits. Usually two or three coefficients a lookup, which
     * shortens the chain of dependent steps that bounds entropy decoding. Built at first use.
     */
    int[] coefficientRuns() {
        if (coefficientRuns == null) {
            int[] runs = new int[1 << RUN_LOOKAHEAD];
            for (int pattern = 0; pattern < runs.length; pattern++) {
                int used = 0;
                int advance = 0;
                boolean endOfBlock = false;
                while (true) {
                    // The coefficient at bit `used`, from the skip entry of the next LOOKAHEAD bits (zeros past
                    // the pattern's end: a coefficient that fits in the pattern does not reach them).
                    int next = (pattern << used >> (RUN_LOOKAHEAD - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1);
                    int entry = skip[next] != 0 ? skip[next] : longSkipEntry(pattern, used);
                    if (entry == 0 || used + skipBits(entry) > RUN_LOOKAHEAD) {
                        break;
                    }
                    used += skipBits(entry);
                    if (skipAdvance(entry) == 0) {
                        endOfBlock = true;
                        break;
                    }
                    advance += skipAdvance(entry);
                }
                runs[pattern] = used == 0 ? 0 : run(used, endOfBlock, advance);
            }
            coefficientRuns = runs;
        }
        return coefficientRuns;
    }

    /**
     * As a {@link #skip} entry, the coefficient at bit {@code used} of a {@link #RUN_LOOKAHEAD}-bit pattern whose
     * code is longer than the lookahead but within the pattern; 0 if there is none.
     */
    private int longSkipEntry(int pattern, int used) {
        int remaining = RUN_LOOKAHEAD - used;
        for (int length = LOOKAHEAD + 1; length <= remaining; length++) {
            int code = (pattern >> (remaining - length)) & ((1 << length) - 1);
            if (code <= maxCode[length]) {
                return skipEntry(length, symbols[symbolOffset[length] + code] & 0xFF);
            }
        }
        return 0;
    }

    /** The {@link #code} entry of a code longer than the lookahead, given the next 16 bits; -1 if none matches. */
    int slowCode(int next16) {
        for (int length = LOOKAHEAD + 1; length <= 16; length++) {
            int code = next16 >>> (16 - length);
            if (code <= maxCode[length]) {
                return code(length, symbols[symbolOffset[length] + code] & 0xFF);
            }
        }
        return -1;
    }
}
