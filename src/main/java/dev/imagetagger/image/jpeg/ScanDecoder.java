package dev.imagetagger.image.jpeg;

import java.util.Arrays;

import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.Region;

/**
 * Decodes the entropy-coded data of each scan (SOS, T.81 B.2.3) of one frame, as its {@link DecodePlan} says.
 * Sequential scans (T.81 F.2) go block by block straight through the scaled IDCT into the component planes;
 * progressive scans (G.2) accumulate coefficients that {@link #finish()} turns into samples. At 1/8 only DC
 * coefficients are kept, and a progressive file's AC scans are not even decoded. (At 1/2 and 1/4 every scan is
 * decoded: a refinement scan's bits depend on which coefficients of its whole band earlier scans made non-zero, so
 * a scan of high frequencies cannot be skipped when a later one refines a wider band.)
 */
final class ScanDecoder {

    private static final int BASELINE = 0;
    private static final int DC_FIRST = 1;
    private static final int DC_REFINE = 2;
    private static final int AC_FIRST = 3;
    private static final int AC_REFINE = 4;
    /**
     * Scans allowed in one file. Encoders write 1 to 3 sequential scans and about 10 progressive ones; a scan can
     * cover thousands of blocks with a few bytes (end-of-band runs), so without a bound a small file could demand
     * unbounded work.
     */
    private static final int MAX_SCANS = 100;

    private final Frame frame;
    private final CodingTables tables;
    private final byte[] data;
    /** The frame's components, in frame order. */
    private final ComponentState[] components;
    private final int[] block = new int[64];

    private BitReader in;
    private ComponentState[] scanComponents;
    private int mode;
    /** Ss: the first coefficient of the scan's band, in zig-zag order. */
    private int spectralStart;
    /** Se: the last coefficient of the band. */
    private int spectralEnd;
    /** Al: the bit position the scan codes (successive approximation), 0 in a sequential scan. */
    private int approximationLow;
    /** EOBRUN: the blocks after this one whose band the last end-of-band code also ends (T.81 G.1.2.2). */
    private int endOfBandRun;
    /** MCUs left before the next restart marker, when the scan has a restart interval. */
    private int untilRestart;
    private int scans;

    ScanDecoder(Frame frame, DecodePlan plan, CodingTables tables, byte[] data) {
        this.frame = frame;
        this.tables = tables;
        this.data = data;
        this.components = new ComponentState[frame.components.length];
        for (int i = 0; i < components.length; i++) {
            components[i] = new ComponentState(frame.components[i], plan.component(i));
        }
    }

    /** The decoded samples of the frame's {@code index}-th component, once {@link #finish()} has run. */
    byte[] plane(int index) {
        return components[index].plane;
    }

    /** Whether every component has been in at least one scan. */
    boolean allComponentsCoded() {
        for (ComponentState c : components) {
            if (c.quant == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes the scan whose header is {@code data[start, end)}, entropy data following it, and returns the marker
     * after that data ({@link Segments#END} if none) with {@link #position()} just after it.
     */
    int decodeScan(int start, int end) {
        if (++scans > MAX_SCANS) {
            throw new CorruptImageException("The JPEG has more than " + MAX_SCANS + " scans.");
        }
        readScanHeader(start, end);
        in = new BitReader(data, end);
        if (frame.progressive() && spectralStart > 0 && scanComponents[0].plan.blockScale() == 8) {
            return nextMarkerAfterScan(); // AC coefficients: 1/8 uses none
        }
        for (ComponentState c : scanComponents) {
            prepare(c);
            c.dcPredictor = 0;
        }
        endOfBandRun = 0;
        untilRestart = tables.restartInterval;
        if (scanComponents.length == 1) {
            decodeNonInterleaved(scanComponents[0]);
        } else {
            decodeInterleaved();
        }
        return nextMarkerAfterScan();
    }

    int position() {
        return in.position();
    }

    private void readScanHeader(int start, int end) {
        int count = end - start < 1 ? 0 : data[start] & 0xFF;
        if (count < 1 || count > 4 || end - start != 4 + 2 * count) {
            throw new CorruptImageException("A JPEG scan header (SOS) is malformed.");
        }
        scanComponents = new ComponentState[count];
        int blocksPerMcu = 0;
        for (int i = 0; i < count; i++) {
            ComponentState c = components[frame.indexOf(data[start + 1 + 2 * i] & 0xFF)];
            for (int j = 0; j < i; j++) {
                if (scanComponents[j] == c) {
                    throw new CorruptImageException("A JPEG scan names the same component twice.");
                }
            }
            int selectors = data[start + 2 + 2 * i] & 0xFF;
            if (selectors >> 4 > 3 || (selectors & 15) > 3) {
                throw new CorruptImageException("A JPEG scan names a Huffman table outside 0 to 3.");
            }
            c.dcTable = tables.dc[selectors >> 4];
            c.acTable = tables.ac[selectors & 15];
            scanComponents[i] = c;
            blocksPerMcu += c.component.h * c.component.v;
        }
        if (count > 1 && blocksPerMcu > 10) {
            throw new CorruptImageException("A JPEG scan has more than 10 blocks in an MCU.");
        }
        int at = start + 1 + 2 * count;
        spectralStart = data[at] & 0xFF;
        spectralEnd = data[at + 1] & 0xFF;
        int approximationHigh = (data[at + 2] & 0xFF) >> 4;
        approximationLow = data[at + 2] & 15;
        if (!frame.progressive()) {
            mode = BASELINE;
        } else {
            boolean dc = spectralStart == 0;
            if (spectralEnd > 63 || spectralStart > spectralEnd || (dc && spectralEnd != 0) || (!dc && count != 1)
                    || approximationLow > 13 || (approximationHigh != 0 && approximationHigh != approximationLow + 1)) {
                throw new CorruptImageException(
                        "A JPEG progressive scan has an invalid spectral band or bit position.");
            }
            boolean first = approximationHigh == 0;
            mode = dc ? (first ? DC_FIRST : DC_REFINE) : (first ? AC_FIRST : AC_REFINE);
        }
        for (ComponentState c : scanComponents) {
            boolean needsDc = mode == BASELINE || mode == DC_FIRST;
            boolean needsAc = mode == BASELINE || mode == AC_FIRST || mode == AC_REFINE;
            if ((needsDc && c.dcTable == null) || (needsAc && c.acTable == null)) {
                throw new CorruptImageException("A JPEG scan uses a Huffman table that was never defined.");
            }
        }
    }

    /** Latches the component's quantisation table and allocates its output, at its first scan. */
    private void prepare(ComponentState c) {
        if (c.quant != null) {
            return;
        }
        int[] quant = tables.quant[c.component.quantTable];
        if (quant == null) {
            throw new CorruptImageException("A JPEG component uses a quantisation table that was never defined.");
        }
        c.quant = quant.clone();
        c.zigzagFactors = c.idct.zigzagFactors(quant);
        if (frame.progressive()) {
            c.coefficients = new short[c.component.blocksPerLine * c.component.blocksPerColumn
                    * c.plan.coefficientsPerBlock()];
        } else {
            allocatePlane(c);
        }
    }

    private static void allocatePlane(ComponentState c) {
        c.plane = new byte[c.plan.planeStride() * c.plan.planeRows()];
    }

    /** An interleaved scan codes MCU by MCU, each MCU H x V blocks of each component in turn (T.81 A.2.3). */
    private void decodeInterleaved() {
        int mcus = frame.mcusAcross * frame.mcusDown;
        for (int mcu = 0; mcu < mcus; mcu++) {
            restartIfDue();
            int mcuRow = mcu / frame.mcusAcross;
            int mcuColumn = mcu - mcuRow * frame.mcusAcross;
            for (ComponentState c : scanComponents) {
                int h = c.component.h;
                int v = c.component.v;
                for (int y = 0; y < v; y++) {
                    for (int x = 0; x < h; x++) {
                        decodeBlock(c, mcuRow * v + y, mcuColumn * h + x);
                    }
                }
            }
            in.checkNotOverrun();
        }
    }

    /** A scan of one component codes its blocks in raster order, one block an MCU, image area only (T.81 A.2.2). */
    private void decodeNonInterleaved(ComponentState c) {
        int blocksWide = c.component.blocksWide;
        int blocks = blocksWide * c.component.blocksHigh;
        for (int mcu = 0; mcu < blocks; mcu++) {
            restartIfDue();
            int row = mcu / blocksWide;
            decodeBlock(c, row, mcu - row * blocksWide);
            in.checkNotOverrun();
        }
    }

    /**
     * Before each MCU: once a restart interval's MCUs are decoded (the DRI count, T.81 B.2.4.4), the restart marker
     * RSTm must follow, and the DC predictors and EOBRUN start again from 0 (T.81 E.2.4, F.2.1.3.1, G.1.2.2).
     */
    private void restartIfDue() {
        if (tables.restartInterval > 0) {
            if (untilRestart == 0) {
                restart();
                untilRestart = tables.restartInterval;
            }
            untilRestart--;
        }
    }

    private void restart() {
        int marker = in.nextMarker();
        if (marker < 0xD0 || marker > 0xD7) {
            throw new CorruptImageException("A JPEG restart marker is missing from the entropy data.");
        }
        for (ComponentState c : scanComponents) {
            c.dcPredictor = 0;
        }
        endOfBandRun = 0;
    }

    /** The marker after the scan's data, stray restart markers skipped. */
    private int nextMarkerAfterScan() {
        int marker;
        do {
            marker = in.nextMarker();
        } while (marker >= 0xD0 && marker <= 0xD7);
        return marker == 0 ? Segments.END : marker;
    }

    private void decodeBlock(ComponentState c, int row, int column) {
        int blocksPerLine = c.component.blocksPerLine;
        switch (mode) {
            case BASELINE -> {
                if (!c.plan.blocksRead().contains(column, row)) {
                    skipBlock(c);
                } else if (c.plan.blockScale() == 8) {
                    baselineDcOnly(c, row, column);
                } else {
                    baseline(c, row, column);
                }
            }
            case DC_FIRST -> dcFirst(c, row * blocksPerLine + column);
            case DC_REFINE -> dcRefine(c, row * blocksPerLine + column);
            case AC_FIRST -> acFirst(c, (row * blocksPerLine + column) * 64);
            default -> acRefine(c, (row * blocksPerLine + column) * 64);
        }
    }

    /** The DC difference DIFF (T.81 F.2.2.1): a size category SSSS, Huffman-coded, then SSSS bits. */
    private int dcDifference(ComponentState c) {
        int size = in.decode(c.dcTable);
        if (size > 16) {
            throw new CorruptImageException("The JPEG entropy data holds an invalid DC coefficient size.");
        }
        return in.signed(size);
    }

    /** A sequential block (T.81 F.2.2.1 and F.2.2.2), dequantised (A.3.4) and transformed (A.3.3) into the plane. */
    private void baseline(ComponentState c, int row, int column) {
        int[] b = block;
        c.dcPredictor += dcDifference(c);
        b[0] = c.dcPredictor * c.quant[0];
        ScaledIdct idct = c.idct;
        int occupied = in.decodeAcCoefficients(c.acTable, c.zigzagFactors, idct.marks, b);
        int n = idct.size;
        int stride = c.plan.planeStride();
        int offset = row * n * stride + column * n;
        if (occupied != 0) { // see Occupied.ANY_AC
            idct.transform(b, occupied, c.plane, offset, stride);
            Arrays.fill(b, 0);
        } else {
            idct.flat(b[0], c.plane, offset, stride);
        }
    }

    /** A block no decoded pixel needs: its coefficients are stepped over, the DC difference kept for the next. */
    private void skipBlock(ComponentState c) {
        c.dcPredictor += dcDifference(c);
        in.skipAcCoefficients(c.acTable);
    }

    /** 1/8 scale: the DC coefficient is the block's mean; AC coefficients are decoded only to be stepped over. */
    private void baselineDcOnly(ComponentState c, int row, int column) {
        c.dcPredictor += dcDifference(c);
        int mean = ((c.dcPredictor * c.quant[0] + 4) >> 3) + 128;
        c.plane[row * c.plan.planeStride() + column] = (byte) ScaledIdct.clamp(mean);
        in.skipAcCoefficients(c.acTable);
    }

    /** The first scan of DC coefficients: the DIFF of sequential coding, shifted left by Al (T.81 G.1.2.1). */
    private void dcFirst(ComponentState c, int blockIndex) {
        c.dcPredictor += dcDifference(c);
        c.coefficients[blockIndex * c.plan.coefficientsPerBlock()] = (short) (c.dcPredictor << approximationLow);
    }

    /** A DC refinement scan: one more bit of each DC coefficient, uncoded (T.81 G.1.2.1). */
    private void dcRefine(ComponentState c, int blockIndex) {
        c.coefficients[blockIndex * c.plan.coefficientsPerBlock()] |= (short) (in.bit() << approximationLow);
    }

    /**
     * The first scan of an AC band Ss to Se: run-length coded as in sequential scans, and an EOBn code ends the band
     * in this block and the next EOBRUN blocks (T.81 G.1.2.2).
     */
    private void acFirst(ComponentState c, int base) {
        if (endOfBandRun > 0) {
            endOfBandRun--;
            return;
        }
        short[] coefficients = c.coefficients;
        HuffmanTable ac = c.acTable;
        for (int k = spectralStart; k <= spectralEnd; ) {
            int symbol = in.decode(ac);
            int run = symbol >> 4;
            int size = symbol & 15;
            if (size == 0) {
                if (run < 15) {
                    endOfBandRun = (1 << run) - 1 + in.bits(run);
                    break;
                }
                k += 16;
                continue;
            }
            k += run;
            // Past the band (corrupt), libjpeg still stores the value: at k, or at the 64th past the block's end.
            coefficients[base + Math.min(k, 63)] = (short) (in.signed(size) << approximationLow);
            k++;
        }
    }

    /**
     * An AC refinement scan: one more bit (Al) of each coefficient already non-zero, and newly non-zero coefficients
     * of magnitude 1, with runs counting only the zero coefficients passed (T.81 G.1.2.3).
     */
    private void acRefine(ComponentState c, int base) {
        short[] coefficients = c.coefficients;
        int plusOne = 1 << approximationLow;
        int minusOne = -1 << approximationLow;
        int k = spectralStart;
        if (endOfBandRun == 0) {
            HuffmanTable ac = c.acTable;
            for (; k <= spectralEnd; k++) {
                int symbol = in.decode(ac);
                int run = symbol >> 4;
                int size = symbol & 15;
                int value = 0;
                if (size != 0) { // 1; another size is corrupt, and libjpeg warns and reads it as 1: so does this
                    value = in.bit() != 0 ? plusOne : minusOne;
                } else if (run != 15) {
                    endOfBandRun = (1 << run) + in.bits(run);
                    break;
                }
                // Skip `run` zero coefficients, refining the non-zero ones passed on the way.
                for (; k <= spectralEnd; k++) {
                    int i = base + k;
                    if (coefficients[i] != 0) {
                        refine(coefficients, i, plusOne);
                    } else if (--run < 0) {
                        break;
                    }
                }
                if (value != 0) { // past the band (corrupt) as libjpeg: at k, or at the 64th past the block's end
                    coefficients[base + Math.min(k, 63)] = (short) value;
                }
            }
        }
        if (endOfBandRun > 0) {
            for (; k <= spectralEnd; k++) {
                int i = base + k;
                if (coefficients[i] != 0) {
                    refine(coefficients, i, plusOne);
                }
            }
            endOfBandRun--;
        }
    }

    /**
     * Adds the next correction bit to a non-zero coefficient, away from zero, unless it has that bit already. Without
     * branches: the bits are random, so a branch on them is mispredicted half the time.
     */
    private void refine(short[] coefficients, int i, int plusOne) {
        int value = coefficients[i];
        int correct = in.bit() & ((value & plusOne) - 1) >>> 31; // 1 if the bit is set and the value lacks it
        coefficients[i] = (short) (value + correct * (value >> 31 | 1) * plusOne);
    }

    /**
     * Progressive frames: dequantises and transforms the accumulated coefficients of the blocks read into the planes.
     */
    void finish() {
        if (!frame.progressive()) {
            return;
        }
        for (ComponentState c : components) {
            ScaledIdct idct = c.idct;
            int n = idct.size;
            int[] marks = idct.marks;
            allocatePlane(c);
            short[] coefficients = c.coefficients;
            int perBlock = c.plan.coefficientsPerBlock();
            int stride = c.plan.planeStride();
            int blocksPerLine = c.component.blocksPerLine;
            int[] quant = c.quant;
            int[] factors = c.zigzagFactors;
            Region read = c.plan.blocksRead();
            int bottom = Math.min(read.bottom(), c.component.blocksHigh);
            int right = Math.min(read.right(), c.component.blocksWide);
            for (int row = read.top(); row < bottom; row++) {
                for (int column = read.left(); column < right; column++) {
                    int base = (row * blocksPerLine + column) * perBlock;
                    int offset = row * n * stride + column * n;
                    int occupied = 0;
                    for (int k = 1; k < perBlock; k++) {
                        int value = coefficients[base + k];
                        if (value != 0) {
                            block[CodingTables.NATURAL_ORDER[k]] = value * factors[k];
                            occupied |= Occupied.ANY_AC | marks[k];
                        }
                    }
                    int dc = coefficients[base] * quant[0];
                    if (occupied != 0) { // see Occupied.ANY_AC
                        block[0] = dc;
                        idct.transform(block, occupied, c.plane, offset, stride);
                        Arrays.fill(block, 0);
                    } else {
                        idct.flat(dc, c.plane, offset, stride);
                    }
                }
            }
            c.coefficients = null;
        }
    }
}
