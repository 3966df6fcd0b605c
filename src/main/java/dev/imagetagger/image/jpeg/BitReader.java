package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.CorruptImageException;

/**
 * Reads entropy-coded bits from the byte array: drops the 0x00 stuffed after each 0xFF data byte, and stops in front
 * of a marker (or the end of the data) without consuming it. Past that point it feeds zero bits and counts them, so a
 * scan that needs more bits than there are is detected ({@link #checkNotOverrun}) instead of read past.
 */
final class BitReader {

    private final byte[] data;
    private int position;
    /** Unread bits, right-aligned: the next bit is bit {@code count - 1}. */
    private long buffer;
    private int count;
    /** Zero bits fed after the end of the entropy data; they sit at the tail of the buffer. */
    private int padding;

    BitReader(byte[] data, int position) {
        this.data = data;
        this.position = position;
    }

    int position() {
        return position;
    }

    /** Tops the buffer up to more than 32 bits, all that any caller needs: usually four bytes in one step. */
    private void fill() {
        byte[] data = this.data;
        long buffer = this.buffer;
        int count = this.count;
        int position = this.position;
        if (count <= 32 && position + 4 <= data.length) {
            int word = (data[position] & 0xFF) << 24 | (data[position + 1] & 0xFF) << 16
                    | (data[position + 2] & 0xFF) << 8 | (data[position + 3] & 0xFF);
            int inverted = ~word;
            if (((inverted - 0x01010101) & ~inverted & 0x80808080) == 0) { // no 0xFF byte: four data bytes at once
                this.buffer = buffer << 32 | (word & 0xFFFFFFFFL);
                this.count = count + 32;
                this.position = position + 4;
                return;
            }
        }
        while (count <= 32) {
            int b;
            if (position < data.length && (b = data[position]) != (byte) 0xFF) {
                position++;
                b &= 0xFF;
            } else if (position + 1 < data.length && data[position + 1] == 0) {
                position += 2; // 0xFF data byte, stuffed 0x00 dropped
                b = 0xFF;
            } else {
                b = 0; // a marker or the end: stay in front of it
                padding += 8;
            }
            buffer = buffer << 8 | b;
            count += 8;
        }
        this.buffer = buffer;
        this.count = count;
        this.position = position;
    }

    /** Decodes one Huffman-coded symbol (T.81 F.2.2.3, DECODE). */
    int decode(HuffmanTable table) {
        if (count < 16) {
            fill();
        }
        int next = (int) (buffer >>> (count - HuffmanTable.LOOKAHEAD)) & ((1 << HuffmanTable.LOOKAHEAD) - 1);
        int code = table.fast[next];
        if (code == 0) {
            code = table.slowCode((int) (buffer >>> (count - 16)) & 0xFFFF);
            if (code < 0) {
                throw new CorruptImageException("The JPEG entropy data holds a code its Huffman table does not have.");
            }
        }
        count -= HuffmanTable.codeLength(code);
        return HuffmanTable.codeSymbol(code);
    }

    /** The next {@code n} bits (0 to 16) as an unsigned number. */
    int bits(int n) {
        if (count < n) {
            fill();
        }
        count -= n;
        return (int) (buffer >>> count) & ((1 << n) - 1);
    }

    int bit() {
        if (count < 1) {
            fill();
        }
        count--;
        return (int) (buffer >>> count) & 1;
    }

    /**
     * The next {@code n} bits (0 to 16) as a signed coefficient, the JPEG way (a leading 0 bit means negative: T.81
     * F.2.2.1, EXTEND).
     */
    int signed(int n) {
        if (n == 0) {
            return 0;
        }
        int value = bits(n);
        return value < 1 << (n - 1) ? value - (1 << n) + 1 : value;
    }

    void skip(int n) {
        if (count < n) {
            fill();
        }
        count -= n;
    }

    /**
     * Decodes the AC coefficients of one sequential block (T.81 F.2.2.2) into {@code block} (natural order), each
     * times its {@code factors} entry (zig-zag order; 0 for a coefficient the scaled IDCT ignores). Returns the
     * block's {@link Occupied} mask: the {@code marks} (zig-zag order) of the coefficients stored, or-ed. A corrupt
     * block whose run of zeros passes the 64th coefficient is decoded as libjpeg decodes it (its zig-zag table has
     * extra entries for this): the value goes to the 64th, and the block ends there.
     */
    int decodeAcCoefficients(HuffmanTable table, int[] factors, int[] marks, int[] block) {
        int[] lookup = table.coefficients;
        long buffer = this.buffer;
        int count = this.count;
        int occupied = 0;
        for (int k = 1; k < 64; k++) {
            if (count < 32) {
                this.count = count;
                fill();
                buffer = this.buffer;
                count = this.count;
            }
            int entry = lookup[(int) (buffer >>> (count - HuffmanTable.COEFFICIENT_LOOKAHEAD))
                    & ((1 << HuffmanTable.COEFFICIENT_LOOKAHEAD) - 1)];
            int value;
            int run;
            if (entry != 0) {
                count -= HuffmanTable.coefficientBits(entry);
                value = HuffmanTable.coefficientValue(entry);
                run = HuffmanTable.coefficientRun(entry);
            } else { // a long code, or a large value
                this.count = count;
                int symbol = decode(table);
                run = symbol >> 4;
                value = signed(symbol & 15);
                buffer = this.buffer;
                count = this.count;
            }
            if (value == 0) { // size 0: ZRL, else end of block
                if (run != 15) {
                    break;
                }
                k += 15;
                continue;
            }
            k += run;
            if (k > 63) {
                k = 63; // corrupt: libjpeg stores the value at the 64th, and the block ends
            }
            block[CodingTables.NATURAL_ORDER[k]] = value * factors[k];
            occupied |= Occupied.ANY_AC | marks[k];
        }
        this.count = count;
        return occupied;
    }

    /**
     * Steps over the AC coefficients of one sequential block without computing them (1/8 scale), using the table's
     * {@link HuffmanTable#skip} entries: one lookup consumes a code and its value bits.
     */
    void skipAcCoefficients(HuffmanTable table) {
        int[] runs = table.coefficientRuns();
        int[] skip = table.skip;
        long buffer = this.buffer;
        int count = this.count;
        for (int k = 1; k < 64; ) {
            if (count < 32) {
                this.count = count;
                fill();
                buffer = this.buffer;
                count = this.count;
            }
            int run = runs[(int) (buffer >>> (count - HuffmanTable.RUN_LOOKAHEAD))
                    & ((1 << HuffmanTable.RUN_LOOKAHEAD) - 1)];
            int advance = HuffmanTable.runAdvance(run);
            if (run != 0 && k + advance < 64) {
                count -= HuffmanTable.runBits(run);
                if (HuffmanTable.runEndsBlock(run)) {
                    break;
                }
                k += advance;
                continue;
            }
            // One coefficient at a time: near the end of the block, or a code too long for the run table.
            int entry = skip[(int) (buffer >>> (count - HuffmanTable.LOOKAHEAD)) & ((1 << HuffmanTable.LOOKAHEAD) - 1)];
            if (entry == 0) {
                this.count = count;
                k += skipLongCode(table);
                count = this.count;
                buffer = this.buffer;
                continue;
            }
            count -= HuffmanTable.skipBits(entry);
            advance = HuffmanTable.skipAdvance(entry);
            if (advance == 0) {
                break; // end of block
            }
            k += advance;
        }
        this.count = count;
    }

    /** A coefficient whose code is longer than the lookahead: how far it advances, 64 at the end of the block. */
    private int skipLongCode(HuffmanTable table) {
        int symbol = decode(table);
        int size = symbol & 15;
        if (size == 0 && symbol != 0xF0) {
            return 64;
        }
        skip(size);
        return size == 0 ? 16 : (symbol >> 4) + 1;
    }

    /** Fails if the decoder used bits beyond the end of the entropy data: the file is truncated or corrupt. */
    void checkNotOverrun() {
        if (padding > count) {
            throw new CorruptImageException("The JPEG entropy data ends before all blocks are decoded.");
        }
    }

    /**
     * Ends an entropy-coded segment: drops the buffered bits and moves to the next marker, skipping bytes a sloppy
     * encoder left before it. Returns the marker code (0 at the end of the data) with the position after it.
     */
    int nextMarker() {
        checkNotOverrun();
        buffer = 0;
        count = 0;
        padding = 0;
        while (position + 1 < data.length) {
            if (data[position] == (byte) 0xFF) {
                int code = data[position + 1] & 0xFF;
                if (code != 0 && code != 0xFF) {
                    position += 2;
                    return code;
                }
            }
            position++;
        }
        position = data.length;
        return 0;
    }
}
