package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.CorruptImageException;

/** A cursor over the marker segments of a JPEG file; every length is checked against the data. */
final class Segments {

    static final int SOF0 = 0xC0;
    static final int SOF1 = 0xC1;
    static final int SOF2 = 0xC2;
    static final int DHT = 0xC4;
    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int DQT = 0xDB;
    static final int DRI = 0xDD;
    static final int DHP = 0xDE;
    static final int APP0 = 0xE0;
    static final int APP14 = 0xEE;
    /** Returned by {@link #next()} when the data ends without an EOI marker. */
    static final int END = -1;

    private final byte[] data;
    private int position;
    /** Where the current segment ends: {@link #next()} continues from here. */
    private int segmentEnd = 2;

    Segments(byte[] data) {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw new CorruptImageException("Not a JPEG file: it does not start with an SOI marker.");
        }
        this.data = data;
    }

    static int u16(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
    }

    static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * Moves to the next marker, skipping stray bytes and 0xFF fill bytes before it as libjpeg does, and returns its
     * code; for a marker with a segment, {@link #start()} and {@link #end()} then bound its content.
     */
    int next() {
        position = segmentEnd;
        while (position + 1 < data.length) {
            if (data[position] == (byte) 0xFF) {
                int code = data[position + 1] & 0xFF;
                if (code != 0 && code != 0xFF) {
                    position += 2;
                    openSegment(code);
                    return code;
                }
            }
            position++;
        }
        segmentEnd = data.length;
        return END;
    }

    /** Continues after an entropy-coded segment that ended in front of {@code marker}, at {@code position}. */
    void resumeAt(int position, int marker) {
        this.position = position;
        openSegment(marker);
    }

    private void openSegment(int code) {
        boolean standalone = code == SOI || code == EOI || code == 0x01 || (code >= 0xD0 && code <= 0xD7);
        if (standalone) {
            segmentEnd = position;
            return;
        }
        if (position + 2 > data.length) {
            throw new CorruptImageException("The JPEG data ends inside a marker segment's length.");
        }
        int length = u16(data, position);
        if (length < 2 || position + length > data.length) {
            throw new CorruptImageException("A JPEG marker segment's length runs past the end of the data.");
        }
        segmentEnd = position + length;
        position += 2;
    }

    /** First content byte of the current segment (after its length). */
    int start() {
        return position;
    }

    int end() {
        return segmentEnd;
    }
}
