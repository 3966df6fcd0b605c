package dev.imagetagger.image.png;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A small PNG encoder for tests: any colour type and depth, the filter of every row chosen by the test (ImageIO's
 * writer picks them itself), extra chunks, IDAT split into chunks of any size. Rows are produced and compressed one at
 * a time, so huge images cost only their compressed size.
 */
final class PngEncoder {

    /** Fills {@code raw} with the unfiltered bytes of row {@code y}. */
    interface Rows {
        void fill(int y, byte[] raw);
    }

    /** Filter mode that gives row {@code y} the filter {@code y % 5}. */
    static final int CYCLE_FILTERS = -1;

    private final int width;
    private final int height;
    private final int bitDepth;
    private final int colorType;
    private final List<byte[]> chunksBeforeIdat = new ArrayList<>();
    private int filter = CYCLE_FILTERS;
    private int idatChunkBytes = 1 << 15;
    private int level = Deflater.DEFAULT_COMPRESSION;

    PngEncoder(int width, int height, int bitDepth, int colorType) {
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.colorType = colorType;
    }

    PngEncoder filter(int filter) {
        this.filter = filter;
        return this;
    }

    PngEncoder idatChunkBytes(int bytes) {
        this.idatChunkBytes = bytes;
        return this;
    }

    PngEncoder level(int level) {
        this.level = level;
        return this;
    }

    /** Adds a chunk between IHDR and the first IDAT, e.g. PLTE, tRNS, gAMA. */
    PngEncoder chunk(String type, byte[] data) {
        chunksBeforeIdat.add(chunkBytes(type, data));
        return this;
    }

    long rowBytes() {
        return ((long) width * channels() * bitDepth + 7) / 8;
    }

    private int channels() {
        return switch (colorType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
    }

    byte[] encode(Rows rows) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
            byte[] ihdr = new byte[13];
            putInt(ihdr, 0, width);
            putInt(ihdr, 4, height);
            ihdr[8] = (byte) bitDepth;
            ihdr[9] = (byte) colorType;
            png.write(chunkBytes("IHDR", ihdr));
            for (byte[] chunk : chunksBeforeIdat) {
                png.write(chunk);
            }
            Deflater deflater = new Deflater(level);
            try (OutputStream idat = new BufferedOutputStream(
                    new DeflaterOutputStream(new IdatChunks(png), deflater, 1 << 16), 1 << 16)) {
                writeRows(rows, idat);
            } finally {
                deflater.end();
            }
            png.write(chunkBytes("IEND", new byte[0]));
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRows(Rows rows, OutputStream out) throws IOException {
        int length = Math.toIntExact(rowBytes());
        int stride = Math.max(1, channels() * bitDepth / 8);
        byte[] previous = new byte[length];
        byte[] current = new byte[length];
        byte[] filtered = new byte[1 + length];
        for (int y = 0; y < height; y++) {
            rows.fill(y, current);
            int type = filter == CYCLE_FILTERS ? y % 5 : filter;
            filtered[0] = (byte) type;
            for (int i = 0; i < length; i++) {
                int a = i >= stride ? current[i - stride] & 0xFF : 0;
                int b = previous[i] & 0xFF;
                int c = i >= stride ? previous[i - stride] & 0xFF : 0;
                int predicted = switch (type) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) >>> 1;
                    case 4 -> paeth(a, b, c);
                    default -> throw new IllegalArgumentException("filter " + type);
                };
                filtered[1 + i] = (byte) (current[i] - predicted);
            }
            out.write(filtered);
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    static byte[] chunkBytes(String type, byte[] data) {
        byte[] chunk = new byte[12 + data.length];
        putInt(chunk, 0, data.length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(chunk, 4, 4 + data.length);
        putInt(chunk, 8 + data.length, (int) crc.getValue());
        return chunk;
    }

    static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    /** Cuts the compressed stream into IDAT chunks of {@code idatChunkBytes}. */
    private final class IdatChunks extends OutputStream {
        private final OutputStream png;
        private final byte[] pending = new byte[idatChunkBytes];
        private int size;

        IdatChunks(OutputStream png) {
            this.png = png;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, pending.length - size);
                System.arraycopy(bytes, offset, pending, size, n);
                size += n;
                offset += n;
                length -= n;
                if (size == pending.length) {
                    flushChunk();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (size > 0) {
                flushChunk();
            }
        }

        private void flushChunk() throws IOException {
            byte[] data = new byte[size];
            System.arraycopy(pending, 0, data, 0, size);
            png.write(chunkBytes("IDAT", data));
            size = 0;
        }
    }
}
