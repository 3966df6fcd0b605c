package dev.imagetagger.image.png;

import dev.imagetagger.image.CorruptImageException;

/**
 * Walks the chunks of a PNG one at a time: each chunk's type and where its data lies, every length checked against
 * the bytes there are. CRCs are not checked, as ImageIO does not check those of the image data either.
 */
final class ChunkReader {

    static final int IHDR = 0x49484452;
    static final int PLTE = 0x504C5445;
    static final int IDAT = 0x49444154;
    static final int IEND = 0x49454E44;

    private final byte[] png;
    private int next;
    private int type;
    private int dataOffset;
    private int dataLength;

    ChunkReader(byte[] png, int start) {
        this.png = png;
        this.next = start;
    }

    /** Moves to the next chunk; false at IEND or where the bytes end. */
    boolean next() {
        if (png.length - next < 8) {
            return false;
        }
        long length = int32(png, next) & 0xFFFFFFFFL;
        long end = next + 8L + length;
        if (end > png.length) {
            throw new CorruptImageException("A PNG chunk claims more bytes than the file holds.");
        }
        type = int32(png, next + 4);
        dataOffset = next + 8;
        dataLength = (int) length;
        // A missing CRC after the last chunk is tolerated: the next call then finds no more chunks.
        next = (int) Math.min(end + 4, png.length);
        return type != IEND;
    }

    int type() {
        return type;
    }

    int dataOffset() {
        return dataOffset;
    }

    int dataLength() {
        return dataLength;
    }

    /** The big-endian 32-bit integer at {@code at}. */
    static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
    }
}
