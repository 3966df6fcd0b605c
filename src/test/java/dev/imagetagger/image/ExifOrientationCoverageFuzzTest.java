package dev.imagetagger.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the EXIF reader (Jazzer): a malformed EXIF segment means "upright", so every input must
 * end in an orientation, never an exception or a hang. The committed inputs ({@code
 * ExifOrientationCoverageFuzzTestInputs/}: a JPEG's headers with each orientation, in both byte orders) replay in
 * every test run; see the README for fuzzing.
 */
class ExifOrientationCoverageFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void orientation(byte[] jpeg) {
        if (ExifOrientation.ofJpeg(jpeg) == null) {
            throw new IllegalStateException("no orientation");
        }
    }
}
