package dev.imagetagger.image.png;

import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.ImageTooLargeException;

/** Entry points: the header alone (to check limits before any pixel is decoded), then the rows one at a time. */
public final class PngDecoder {

    /** The longest row an array holds, with room for the filters' zero prefix. */
    private static final long MAX_ROW_BYTES = Integer.MAX_VALUE - 64;

    private PngDecoder() {
    }

    /**
     * Parses the signature and IHDR only: size, bit depth, colour type, interlace.
     *
     * @throws CorruptImageException if they are not a valid PNG signature and IHDR
     */
    public static PngHeader readHeader(byte[] png) {
        return PngHeader.read(png);
    }

    /**
     * A forward-only reader of the image's rows. Chunks up to the first IDAT are checked here; the image data is
     * inflated only as rows are read.
     *
     * @throws CorruptImageException if the header or the chunks are broken, or a palette image has no PLTE
     * @throws UnsupportedPngException if the image is interlaced
     */
    public static PngRows open(byte[] png) {
        PngHeader header = readHeader(png);
        if (header.interlaced()) {
            throw new UnsupportedPngException("Interlaced PNGs are not read row by row.");
        }
        long rowBytes = header.rowBytes();
        if (rowBytes > MAX_ROW_BYTES) {
            throw new ImageTooLargeException("The PNG is " + header.width() + " pixels wide, too wide to hold a row.");
        }
        ChunkReader chunks = new ChunkReader(png, PngHeader.AFTER_IHDR);
        int plteOffset = -1;
        int plteLength = 0;
        while (true) {
            if (!chunks.next()) {
                throw new CorruptImageException("The PNG has no image data (IDAT chunk).");
            }
            if (chunks.type() == ChunkReader.IDAT) {
                break;
            }
            if (chunks.type() == ChunkReader.PLTE && plteOffset < 0) {
                plteOffset = chunks.dataOffset();
                plteLength = chunks.dataLength();
            }
        }
        if (header.colorType() == PngHeader.PALETTE && plteOffset < 0) {
            throw new CorruptImageException("The palette PNG has no palette (PLTE chunk) before its image data.");
        }
        PixelUnpacker unpacker = PixelUnpacker.of(header, png, plteOffset, plteLength);
        Scanlines scanlines = new Scanlines(header.filterStride(), (int) rowBytes);
        return new PngRows(header, scanlines, new IdatStream(png, chunks), unpacker);
    }
}
