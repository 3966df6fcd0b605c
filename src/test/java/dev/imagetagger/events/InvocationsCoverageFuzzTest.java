package dev.imagetagger.events;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Coverage-guided fuzzing of event parsing (Jazzer): any JSON the function is invoked with must be told apart as HTTP
 * or read into an {@link Invocation}, or end in {@link UnrecognisedEventException}; any other exception or a hang is a
 * finding. Text that is not JSON at all is refused by Jackson before the function sees it, so it is skipped. The
 * committed inputs ({@code InvocationsCoverageFuzzTestInputs/}: the sample events) replay in every test run; see the
 * README for fuzzing.
 */
class InvocationsCoverageFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @FuzzTest(maxDuration = "5s")
    void read(byte[] json) {
        JsonNode event;
        try {
            event = MAPPER.readTree(json);
        } catch (IOException e) { // JacksonException is one
            return;
        }
        if (event == null || Invocations.isHttp(event)) {
            return;
        }
        try {
            if (Invocations.read(event) == null) {
                throw new IllegalStateException("no invocation");
            }
        } catch (UnrecognisedEventException e) {
            // a documented rejection
        }
    }
}
