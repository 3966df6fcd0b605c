package dev.imagetagger.classify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The decoding rehearsal needs neither the application's configuration nor the model: it runs before Quarkus. */
class ClassifierWarmUpTest {

    @Test
    void thePackagedPhotoIsDecodedWithoutTheApplication() {
        assertDoesNotThrow(ClassifierWarmUp::rehearseDecoding);
    }
}
