package dev.imagetagger.storage;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The offline rehearsal runs every call of the tagging workflow through the SDK, and only once per JVM. */
class S3RehearsalTest {

    @Test
    void everyCallOfTheWorkflowIsRehearsedOnce() {
        String outcome = S3Rehearsal.run();
        assertTrue(outcome.startsWith("rehearsed in "), outcome);
        assertSame(outcome, S3Rehearsal.run());
    }
}
