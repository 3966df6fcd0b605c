package dev.imagetagger.image.png;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.imagetagger.image.CorruptImageException;

/**
 * The inflated image data of consecutive IDAT chunks, read forwards. It inflates only as far as it is read (plus one
 * buffer), so a decompression bomb costs the time of the rows read, and every loop ends: each step produces a byte,
 * consumes input, moves to the next chunk or fails.
 */
final class IdatStream implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final byte[] png;
    private final ChunkReader chunks;
    private final Inflater inflater = new Inflater();
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;

    /** {@code chunks} stands on the first IDAT chunk. */
    IdatStream(byte[] png, ChunkReader chunks) {
        this.png = png;
        this.chunks = chunks;
        inflater.setInput(png, chunks.dataOffset(), chunks.dataLength());
    }

    void readFully(byte[] into, int offset, int length) {
        while (length > 0) {
            if (position == limit) {
                if (length >= buffer.length) {
                    // Large rows inflate straight into place.
                    int n = inflate(into, offset, length);
                    offset += n;
                    length -= n;
                    continue;
                }
                limit = inflate(buffer, 0, buffer.length);
                position = 0;
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            offset += n;
            length -= n;
        }
    }

    /** Inflates at least one byte, feeding the next IDAT chunk whenever the inflater runs dry. */
    private int inflate(byte[] into, int offset, int length) {
        while (true) {
            long consumed = inflater.getBytesRead();
            int n;
            try {
                n = inflater.inflate(into, offset, length);
            } catch (DataFormatException e) {
                throw new CorruptImageException("The PNG image data is not valid zlib data (" + e.getMessage() + ").");
            }
            if (n > 0) {
                return n;
            }
            if (inflater.finished()) {
                throw new CorruptImageException("The PNG image data ends before the last row.");
            }
            if (inflater.needsDictionary()) {
                throw new CorruptImageException("The PNG image data asks for a zlib dictionary, which PNG forbids.");
            }
            if (inflater.needsInput()) {
                if (!chunks.next() || chunks.type() != ChunkReader.IDAT) {
                    throw new CorruptImageException("The PNG image data is truncated: it ends before the last row.");
                }
                inflater.setInput(png, chunks.dataOffset(), chunks.dataLength());
            } else if (inflater.getBytesRead() == consumed) {
                throw new CorruptImageException("The PNG image data cannot be inflated any further.");
            }
        }
    }

    /** Frees the inflater's native memory; reading afterwards is an error. */
    @Override
    public void close() {
        inflater.end();
    }
}
