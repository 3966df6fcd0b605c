package dev.imagetagger.image.jpeg;

/**
 * Inverse DCT (T.81 A.3.3) of one dequantised 8x8 block straight to the output size: 8x8 at scale 1 (libjpeg's
 * accurate integer "islow" algorithm, as the JDK's decoder uses), and at 1/2, 1/4 and 1/8 the exact average of each
 * 2x2, 4x4 or 8x8 pixel group of the full inverse transform, computed without the full-size pixels. Averaging a
 * cosine over a group is again a cosine of the reduced grid times a constant, so the reduced transform is a 4x8 or
 * 2x8 matrix per direction; some of its columns vanish (4 at 1/2; 2, 4, 6 at 1/4), the coefficients libjpeg's
 * jpeg_idct_4x4 and jpeg_idct_2x2 also ignore. At 1/8 it is the DC coefficient alone (the block's mean).
 */
final class ScaledIdct {

    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    /** Output side of a block: 8 / scale. */
    final int size;
    /**
     * Reduced sizes, [x * 8 + u]: C(u) / 2 x the mean of cos((2i + 1) u pi / 16) over the pixels i of output sample
     * x's group, in 13-bit fixed point.
     */
    private final int[] basis;
    private final int[] workspace = new int[64];
    /** For each zig-zag index, if the transform reads that coefficient: its {@link Occupied#mark}, else 0. */
    final int[] marks = new int[64];

    ScaledIdct(int scale) {
        size = 8 / scale;
        basis = new int[size * 8];
        for (int x = 0; x < (size + 1) / 2; x++) {
            for (int u = 0; u < 8; u++) {
                double mean = 0;
                for (int i = x * scale; i < (x + 1) * scale; i++) {
                    mean += Math.cos((2 * i + 1) * u * Math.PI / 16) / scale;
                }
                double c = u == 0 ? Math.sqrt(0.5) : 1;
                basis[x * 8 + u] = (int) Math.round((1 << CONST_BITS) * c / 2 * mean);
                // Each cosine is even (u even) or odd (u odd) about the block's centre: mirror it exactly.
                basis[(size - 1 - x) * 8 + u] = (u & 1) == 0 ? basis[x * 8 + u] : -basis[x * 8 + u];
            }
        }
        boolean[] used = new boolean[8];
        for (int i = 0; i < basis.length; i++) {
            used[i & 7] |= size == 8 || basis[i] != 0;
        }
        for (int k = 0; k < 64; k++) {
            int z = CodingTables.NATURAL_ORDER[k];
            marks[k] = used[z >> 3] && used[z & 7] ? Occupied.mark(z >> 3, z & 7) : 0;
        }
    }

    /**
     * Dequantisation factors (given in natural order) in zig-zag order, 0 for the coefficients the transform ignores:
     * decoding then stores those as zeros instead of branching on each one.
     */
    int[] zigzagFactors(int[] quant) {
        int[] factors = new int[64];
        for (int k = 0; k < 64; k++) {
            factors[k] = marks[k] != 0 || k == 0 ? quant[CodingTables.NATURAL_ORDER[k]] : 0;
        }
        return factors;
    }

    /**
     * Writes the block's {@code size x size} samples at {@code offset} of {@code out}, for sizes 8, 4 and 2. At 1/8 a
     * block is its DC coefficient alone, which {@link #flat} writes.
     *
     * @param block    dequantised coefficients in natural order
     * @param occupied the block's {@link Occupied} mask: the {@link #marks} of its non-zero AC coefficients, or-ed
     */
    void transform(int[] block, int occupied, byte[] out, int offset, int stride) {
        switch (size) {
            case 8 -> islow(block, occupied, out, offset, stride);
            case 4 -> half(block, 31 - Integer.numberOfLeadingZeros(Occupied.columns(occupied) | 1), out, offset,
                    stride);
            case 2 -> quarter(block, out, offset, stride);
            default -> throw new IllegalStateException("A 1x1 block is its DC coefficient: flat() writes it.");
        }
    }

    /** A block with no AC coefficient is flat at every size: its mean, rounded as islow rounds it. */
    void flat(int dc, byte[] out, int offset, int stride) {
        byte value = (byte) clamp(((dc + 4) >> 3) + 128);
        for (int y = 0; y < size; y++) {
            int row = offset + y * stride;
            for (int x = 0; x < size; x++) {
                out[row + x] = value;
            }
        }
    }

    /**
     * At 1/2: rows, then columns, of the 4x8 reduced matrix. Output samples x and 3 - x share their terms, the even
     * frequencies' (0, 2, 6; 4 has none) added to the odd ones' (1, 3, 5, 7) for one and subtracted for the other.
     * Columns right of the last non-zero one stay zero in the workspace.
     */
    private void half(int[] in, int lastColumn, byte[] out, int offset, int stride) {
        int[] m = basis;
        int[] ws = workspace;
        int shift = CONST_BITS - PASS1_BITS;
        int round = 1 << (shift - 1);
        for (int u = 0; u < 8; u++) {
            if (u > lastColumn) {
                ws[u] = 0;
                ws[8 + u] = 0;
                ws[16 + u] = 0;
                ws[24 + u] = 0;
                continue;
            }
            int b0 = in[u];
            int b2 = in[16 + u];
            int b6 = in[48 + u];
            int b1 = in[8 + u];
            int b3 = in[24 + u];
            int b5 = in[40 + u];
            int b7 = in[56 + u];
            int even0 = m[0] * b0 + m[2] * b2 + m[6] * b6;
            int even1 = m[8] * b0 + m[10] * b2 + m[14] * b6;
            int odd0 = m[1] * b1 + m[3] * b3 + m[5] * b5 + m[7] * b7;
            int odd1 = m[9] * b1 + m[11] * b3 + m[13] * b5 + m[15] * b7;
            ws[u] = (even0 + odd0 + round) >> shift;
            ws[24 + u] = (even0 - odd0 + round) >> shift;
            ws[8 + u] = (even1 + odd1 + round) >> shift;
            ws[16 + u] = (even1 - odd1 + round) >> shift;
        }
        shift = CONST_BITS + PASS1_BITS;
        round = 1 << (shift - 1);
        for (int y = 0; y < 4; y++) {
            int w = y * 8;
            int even0 = m[0] * ws[w] + m[2] * ws[w + 2] + m[6] * ws[w + 6];
            int even1 = m[8] * ws[w] + m[10] * ws[w + 2] + m[14] * ws[w + 6];
            int odd0 = m[1] * ws[w + 1] + m[3] * ws[w + 3] + m[5] * ws[w + 5] + m[7] * ws[w + 7];
            int odd1 = m[9] * ws[w + 1] + m[11] * ws[w + 3] + m[13] * ws[w + 5] + m[15] * ws[w + 7];
            int o = offset + y * stride;
            out[o] = (byte) clamp(((even0 + odd0 + round) >> shift) + 128);
            out[o + 3] = (byte) clamp(((even0 - odd0 + round) >> shift) + 128);
            out[o + 1] = (byte) clamp(((even1 + odd1 + round) >> shift) + 128);
            out[o + 2] = (byte) clamp(((even1 - odd1 + round) >> shift) + 128);
        }
    }

    /**
     * At 1/4, as {@link #half}: the 2x2 output's two rows (and columns) are the sum and the difference of
     * the even (DC) and odd (1, 3, 5, 7) frequencies' terms, by the basis's symmetry; 2, 4 and 6 have no terms.
     */
    private void quarter(int[] block, byte[] out, int offset, int stride) {
        int m0 = basis[0];
        int m1 = basis[1];
        int m3 = basis[3];
        int m5 = basis[5];
        int m7 = basis[7];
        int shift = CONST_BITS - PASS1_BITS;
        int round = 1 << (shift - 1);
        int even = m0 * block[0];
        int odd = m1 * block[8] + m3 * block[24] + m5 * block[40] + m7 * block[56];
        int top0 = (even + odd + round) >> shift;
        int bottom0 = (even - odd + round) >> shift;
        even = m0 * block[1];
        odd = m1 * block[9] + m3 * block[25] + m5 * block[41] + m7 * block[57];
        int top1 = (even + odd + round) >> shift;
        int bottom1 = (even - odd + round) >> shift;
        even = m0 * block[3];
        odd = m1 * block[11] + m3 * block[27] + m5 * block[43] + m7 * block[59];
        int top3 = (even + odd + round) >> shift;
        int bottom3 = (even - odd + round) >> shift;
        even = m0 * block[5];
        odd = m1 * block[13] + m3 * block[29] + m5 * block[45] + m7 * block[61];
        int top5 = (even + odd + round) >> shift;
        int bottom5 = (even - odd + round) >> shift;
        even = m0 * block[7];
        odd = m1 * block[15] + m3 * block[31] + m5 * block[47] + m7 * block[63];
        int top7 = (even + odd + round) >> shift;
        int bottom7 = (even - odd + round) >> shift;

        shift = CONST_BITS + PASS1_BITS;
        round = 1 << (shift - 1);
        even = m0 * top0;
        odd = m1 * top1 + m3 * top3 + m5 * top5 + m7 * top7;
        out[offset] = (byte) clamp(((even + odd + round) >> shift) + 128);
        out[offset + 1] = (byte) clamp(((even - odd + round) >> shift) + 128);
        even = m0 * bottom0;
        odd = m1 * bottom1 + m3 * bottom3 + m5 * bottom5 + m7 * bottom7;
        out[offset + stride] = (byte) clamp(((even + odd + round) >> shift) + 128);
        out[offset + stride + 1] = (byte) clamp(((even - odd + round) >> shift) + 128);
    }

    /**
     * libjpeg's jpeg_idct_islow: columns, then rows, with 2 extra bits of precision between the passes. Where AC terms
     * are zero it takes libjpeg's shortcuts, exact equivalents of the full arithmetic; which ones apply is read off
     * the occupied rows and columns rather than tested coefficient by coefficient.
     */
    private void islow(int[] in, int occupied, byte[] out, int offset, int stride) {
        int[] ws = workspace;
        int columns = Occupied.columns(occupied) | 1; // column 0 holds the DC coefficient
        boolean firstRowOnly = !Occupied.belowFirstRow(occupied);
        for (int col = 0; col < 8; col++) {
            if ((columns & 1 << col) == 0) {
                for (int row = 0; row < 64; row += 8) {
                    ws[row + col] = 0;
                }
                continue;
            }
            if (firstRowOnly) {
                int dc = in[col] << PASS1_BITS;
                for (int row = 0; row < 64; row += 8) {
                    ws[row + col] = dc;
                }
                continue;
            }
            int z2 = in[16 + col];
            int z3 = in[48 + col];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 - z3 * FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = in[col];
            z3 = in[32 + col];
            int tmp0 = (z2 + z3) << CONST_BITS;
            int tmp1 = (z2 - z3) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = in[56 + col];
            tmp1 = in[40 + col];
            tmp2 = in[24 + col];
            tmp3 = in[8 + col];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560 + z5;
            z4 = z4 * -FIX_0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            int shift = CONST_BITS - PASS1_BITS;
            int round = 1 << (shift - 1);
            ws[col] = (tmp10 + tmp3 + round) >> shift;
            ws[56 + col] = (tmp10 - tmp3 + round) >> shift;
            ws[8 + col] = (tmp11 + tmp2 + round) >> shift;
            ws[48 + col] = (tmp11 - tmp2 + round) >> shift;
            ws[16 + col] = (tmp12 + tmp1 + round) >> shift;
            ws[40 + col] = (tmp12 - tmp1 + round) >> shift;
            ws[24 + col] = (tmp13 + tmp0 + round) >> shift;
            ws[32 + col] = (tmp13 - tmp0 + round) >> shift;
        }

        int shift = CONST_BITS + PASS1_BITS + 3;
        int round = 1 << (shift - 1);
        boolean firstColumnOnly = columns == 1;
        for (int row = 0; row < 64; row += 8) {
            int o = offset + (row >> 3) * stride;
            if (firstColumnOnly) {
                byte dc = (byte) clamp(((ws[row] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) + 128);
                for (int x = 0; x < 8; x++) {
                    out[o + x] = dc;
                }
                continue;
            }
            int z2 = ws[row + 2];
            int z3 = ws[row + 6];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 - z3 * FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            int tmp0 = (ws[row] + ws[row + 4]) << CONST_BITS;
            int tmp1 = (ws[row] - ws[row + 4]) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = ws[row + 7];
            tmp1 = ws[row + 5];
            tmp2 = ws[row + 3];
            tmp3 = ws[row + 1];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560 + z5;
            z4 = z4 * -FIX_0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            out[o] = (byte) clamp(((tmp10 + tmp3 + round) >> shift) + 128);
            out[o + 7] = (byte) clamp(((tmp10 - tmp3 + round) >> shift) + 128);
            out[o + 1] = (byte) clamp(((tmp11 + tmp2 + round) >> shift) + 128);
            out[o + 6] = (byte) clamp(((tmp11 - tmp2 + round) >> shift) + 128);
            out[o + 2] = (byte) clamp(((tmp12 + tmp1 + round) >> shift) + 128);
            out[o + 5] = (byte) clamp(((tmp12 - tmp1 + round) >> shift) + 128);
            out[o + 3] = (byte) clamp(((tmp13 + tmp0 + round) >> shift) + 128);
            out[o + 4] = (byte) clamp(((tmp13 - tmp0 + round) >> shift) + 128);
        }
    }

    /** To 0-255, with one test for the usual sample already in range. */
    static int clamp(int value) {
        return (value & ~0xFF) == 0 ? value : value < 0 ? 0 : 255;
    }
}
