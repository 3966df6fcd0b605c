package dev.imagetagger.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Image formats recognised from their leading bytes; the content decides, never the file name or MIME type. */
public enum ImageFormat {
    JPEG("jpeg", true),
    PNG("png", true),
    GIF("gif", true),
    BMP("bmp", true),
    TIFF("tiff", true),
    WEBP("webp", true),
    HEIC("heic", false),
    AVIF("avif", false);

    private final String id;
    private final boolean decodable;

    ImageFormat(String id, boolean decodable) {
        this.id = id;
        this.decodable = decodable;
    }

    /** Lower-case name, as reported in responses and used to look up an ImageIO reader. */
    public String id() {
        return id;
    }

    /** Whether this function decodes the format (HEIC and AVIF are recognised only to refuse them clearly). */
    public boolean decodable() {
        return decodable;
    }

    /** The format the bytes start with, if any. */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(b, 0, "BM") && b.length >= 26) {
            return Optional.of(BMP);
        }
        // 42: classic TIFF; 43: BigTIFF (64-bit offsets), which the TIFF reader decodes too.
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)
                || startsWith(b, 0, 'I', 'I', 43, 0) || startsWith(b, 0, 'M', 'M', 0, 43)) {
            return Optional.of(TIFF);
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (ascii(b, 4, "ftyp")) {
            return isoBrand(b);
        }
        return Optional.empty();
    }

    /** HEIF-family files name their codec in the ftyp box: the major brand, then compatible brands. */
    private static Optional<ImageFormat> isoBrand(byte[] b) {
        int boxSize = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int end = Math.min(b.length, Math.max(16, Math.min(boxSize, 256)));
        boolean heif = false;
        for (int at = 8; at + 4 <= end; at += 4) {
            if (at == 12) {
                continue; // minor version, not a brand
            }
            String brand = new String(b, at, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("avif") || brand.equals("avis")) {
                return Optional.of(AVIF);
            }
            heif |= brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1");
        }
        return heif ? Optional.of(HEIC) : Optional.empty();
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String expected) {
        return startsWith(b, at, expected.chars().toArray());
    }
}
