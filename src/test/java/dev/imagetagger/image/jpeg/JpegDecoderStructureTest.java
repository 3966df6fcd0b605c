package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.Region;

/** Behaviours the reference comparison cannot show: what is skipped at 1/8, and the structural limits. */
class JpegDecoderStructureTest {

    private static final byte[] PROGRESSIVE = Shared.image("jpeg-structures/n01558993_robin-progressive-sa.jpg");
    private static final byte[] RESTARTS = Shared.image("jpeg-structures/n01558993_robin-restart-7blocks.jpg");

    @Test
    void atOneEighthAProgressiveFileIsDecodedFromItsDcScansAlone() {
        byte[] garbled = PROGRESSIVE.clone();
        int garbledScans = 0;
        for (int at = 2; at + 1 < garbled.length; at++) {
            if ((garbled[at] & 0xFF) == 0xFF && (garbled[at + 1] & 0xFF) == 0xDA) {
                int header = at + 2;
                int count = garbled[header + 2] & 0xFF;
                int spectralStart = garbled[header + 3 + 2 * count] & 0xFF;
                int data = header + ((garbled[header] & 0xFF) << 8 | (garbled[header + 1] & 0xFF));
                if (spectralStart > 0) {
                    // Overwrite the AC scan's entropy data (no 0xFF, so the markers stay where they are).
                    for (int i = data; !((garbled[i] & 0xFF) == 0xFF && garbled[i + 1] != 0); i++) {
                        garbled[i] = (byte) 0x5A;
                    }
                    garbledScans++;
                }
                at = data;
            }
        }
        assertEquals(8, garbledScans);

        assertArrayEquals(JpegDecoder.decode(PROGRESSIVE, 8, Region.ALL).samples(),
                JpegDecoder.decode(garbled, 8, Region.ALL).samples());
        // 1/4 reads the AC scans: the garbage runs out of data before the end of a scan, or decodes differently.
        boolean affected;
        try {
            byte[] clean = JpegDecoder.decode(PROGRESSIVE, 4, Region.ALL).samples();
            affected = !Arrays.equals(clean, JpegDecoder.decode(garbled, 4, Region.ALL).samples());
        } catch (CorruptImageException e) {
            affected = true;
        }
        assertTrue(affected, "1/4 reads the AC scans");
    }

    @Test
    void moreThanAHundredScansAreRejected() {
        // The file's last DC refinement scan (SOS segment and its data) repeated: each copy is a valid scan.
        int eoi = PROGRESSIVE.length - 2;
        int lastDcScan = lastIndexOfScan(PROGRESSIVE, true);
        int next = indexOfMarker(PROGRESSIVE, lastDcScan + 2);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(PROGRESSIVE, 0, eoi);
        for (int i = 0; i < 100; i++) {
            file.write(PROGRESSIVE, lastDcScan, next - lastDcScan);
        }
        file.write(PROGRESSIVE, eoi, 2);

        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> JpegDecoder.decode(file.toByteArray(), 8, Region.ALL));
        assertEquals("The JPEG has more than 100 scans.", e.getMessage());
    }

    @Test
    void restartMarkersMustBeWhereTheIntervalSays() {
        ByteArrayOutputStream withoutRestarts = new ByteArrayOutputStream();
        for (int i = 0; i < RESTARTS.length; i++) {
            if (i + 1 < RESTARTS.length && (RESTARTS[i] & 0xFF) == 0xFF && (RESTARTS[i + 1] & 0xF8) == 0xD0) {
                i++;
            } else {
                withoutRestarts.write(RESTARTS[i]);
            }
        }

        JpegDecoder.decode(RESTARTS, 1, Region.ALL);
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> JpegDecoder.decode(withoutRestarts.toByteArray(), 1, Region.ALL));
        assertEquals("A JPEG restart marker is missing from the entropy data.", e.getMessage());
    }

    @Test
    void theHeaderIsReadWithoutTheScans() {
        JpegHeader header = JpegDecoder.readHeader(Arrays.copyOf(PROGRESSIVE, indexOfMarker(PROGRESSIVE, 2, 0xDA)));
        assertEquals(new JpegHeader(500, 375, true), header);
    }

    /** The offset of the last SOS marker of a DC scan (Ss = 0) with {@code refinement} Ah > 0. */
    private static int lastIndexOfScan(byte[] jpeg, boolean refinement) {
        int found = -1;
        for (int at = 2; at + 1 < jpeg.length; at++) {
            if ((jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == 0xDA) {
                int count = jpeg[at + 4] & 0xFF;
                int spectralStart = jpeg[at + 5 + 2 * count] & 0xFF;
                int high = (jpeg[at + 7 + 2 * count] & 0xFF) >> 4;
                if (spectralStart == 0 && (high > 0) == refinement) {
                    found = at;
                }
            }
        }
        return found;
    }

    /** The offset of the next marker (other than a stuffed 0xFF00 or a restart marker) from {@code from}. */
    private static int indexOfMarker(byte[] jpeg, int from) {
        for (int at = from; at + 1 < jpeg.length; at++) {
            int code = jpeg[at + 1] & 0xFF;
            if ((jpeg[at] & 0xFF) == 0xFF && code != 0 && (code & 0xF8) != 0xD0) {
                return at;
            }
        }
        return jpeg.length;
    }

    private static int indexOfMarker(byte[] jpeg, int from, int code) {
        for (int at = from; at + 1 < jpeg.length; at++) {
            if ((jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == code) {
                return at;
            }
        }
        return jpeg.length;
    }
}
