package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.CorruptImageException;

/** The tables in force at a point of the file: DQT, DHT and DRI segments may replace them between scans. */
final class CodingTables {

    /** Natural (row-major) position of the k-th coefficient in zig-zag order. */
    static final int[] NATURAL_ORDER = {
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
            12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
            35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
            58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63 };

    /** Quantisation factors in natural order. */
    final int[][] quant = new int[4][];
    final HuffmanTable[] dc = new HuffmanTable[4];
    final HuffmanTable[] ac = new HuffmanTable[4];
    /** MCUs between restart markers; 0 for none. */
    int restartInterval;

    void readQuantisation(byte[] data, int start, int end) {
        int at = start;
        while (at < end) {
            int precision = (data[at] & 0xFF) >> 4;
            int id = data[at] & 15;
            int size = 64 * (precision + 1);
            if (precision > 1 || id > 3 || at + 1 + size > end) {
                throw new CorruptImageException("A JPEG quantisation table (DQT) is malformed.");
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                table[NATURAL_ORDER[k]] = precision == 0 ? data[at + 1 + k] & 0xFF : Segments.u16(data, at + 1 + 2 * k);
            }
            quant[id] = table;
            at += 1 + size;
        }
    }

    void readHuffman(byte[] data, int start, int end) {
        int at = start;
        while (at < end) {
            int tableClass = (data[at] & 0xFF) >> 4;
            int id = data[at] & 15;
            if (tableClass > 1 || id > 3 || at + 17 > end) {
                throw new CorruptImageException("A JPEG Huffman table (DHT) is malformed.");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int length = 1; length <= 16; length++) {
                counts[length] = data[at + length] & 0xFF;
                total += counts[length];
            }
            if (total > 256 || at + 17 + total > end) {
                throw new CorruptImageException("A JPEG Huffman table (DHT) has more symbols than its segment holds.");
            }
            byte[] symbols = new byte[total];
            System.arraycopy(data, at + 17, symbols, 0, total);
            (tableClass == 0 ? dc : ac)[id] = new HuffmanTable(counts, symbols);
            at += 17 + total;
        }
    }

    void readRestartInterval(byte[] data, int start, int end) {
        if (end - start != 2) {
            throw new CorruptImageException("A JPEG restart interval (DRI) segment has the wrong length.");
        }
        restartInterval = Segments.u16(data, start);
    }
}
