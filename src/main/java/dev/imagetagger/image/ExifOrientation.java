package dev.imagetagger.image;

/**
 * Reads the EXIF Orientation tag of a JPEG, which ImageIO ignores. Every offset is bounds-checked: EXIF segments in
 * the wild are often junk, and a malformed one simply means "upright".
 */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    static Orientation ofJpeg(byte[] jpeg) {
        int at = 2; // after SOI
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break; // start of scan or end of image: no metadata follows
            }
            int length = u16(jpeg, at + 2, false);
            if (length < 2 || at + 2 + length > jpeg.length) {
                break;
            }
            if (marker == 0xE1 && length >= 8 && isExifHeader(jpeg, at + 4)) {
                return Orientation.ofExifValue(fromTiff(jpeg, at + 10, at + 2 + length));
            }
            at += 2 + length;
        }
        return Orientation.NORMAL;
    }

    private static boolean isExifHeader(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** The orientation value in the first IFD of the TIFF structure spanning [start, end), or 1. */
    private static int fromTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return 1;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = start + u32(b, start + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, (int) entry, little) == ORIENTATION_TAG) {
                return u16(b, (int) entry + 8, little); // a SHORT value sits in the first bytes of the value field
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, at, little);
        long lo = u16(b, at + 2, little);
        return little ? hi | (lo << 16) : (hi << 16) | lo;
    }
}
