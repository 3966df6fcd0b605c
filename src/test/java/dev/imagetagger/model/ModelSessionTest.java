package dev.imagetagger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.hamcrest.MatcherAssert;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.Shared;

/** Start-up checks against the real ONNX files: a descriptor that does not fit its model fails with a clear message. */
class ModelSessionTest {

    // Model file identity as recorded in shared/models/SOURCES.md.
    private static final String ZOO_SHA256 = "cc028fe6cae7bc11a4ff53cfc9b79c920e8be65ce33a904ec3e2a8f66d77f95f";

    @Test
    void theDefaultDescriptorOpensThePackagedZooModel() {
        ModelSession session = Sessions.open(Map.of());
        try {
            ModelInfo info = session.info();
            assertEquals(ZOO_SHA256, info.sha256());
            assertEquals(1000, info.labelCount());
            assertEquals(1000, info.outputCount());
            assertEquals("input", info.inputName());
            assertTrue(session.startupMillis() > 0);
            assertEquals(1000, session.run(buffer -> {
            }).length);
        } finally {
            session.close();
        }
    }

    /** The digest that start-up reports without hashing is the packaged model's own. */
    @Test
    void thePackagedDigestIsThePackagedModels() throws Exception {
        String packaged = ModelFiles.packagedSha256("classpath:model/mobilenetv2-12-int8.onnx").orElseThrow();
        byte[] model = ModelFiles.read("classpath:model/mobilenetv2-12-int8.onnx");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)), packaged);
        assertEquals(Optional.empty(), ModelFiles.packagedSha256(Shared.model("mobilenetv2-12-int8.onnx").toString()));
    }

    @Test
    void aWrongInputNameFailsNamingTheModelsInputs() {
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> Sessions.open(Map.of(
                "file", Shared.model("mobilenetv2-pets-3class.onnx").toString(),
                "labels", Shared.model("pets-labels.txt").toString(),
                "input-name", "input",
                "output-name", "logits")));

        MatcherAssert.assertThat(e.getMessage(), Matchers.allOf(
                Matchers.containsString("no input 'input'"),
                Matchers.containsString("pixel_values"),
                Matchers.containsString("tagger.model.input-name")));
    }

    @Test
    void aWrongOutputNameFailsNamingTheModelsOutputs() {
        ModelMismatchException e = assertThrows(ModelMismatchException.class,
                () -> Sessions.open(Map.of("output-name", "logits")));

        MatcherAssert.assertThat(e.getMessage(), Matchers.allOf(
                Matchers.containsString("no output 'logits'"),
                Matchers.containsString("[output]"),
                Matchers.containsString("tagger.model.output-name")));
    }

    @Test
    void aLabelsFileOfTheWrongLengthFailsWithBothCounts() {
        // The 1000-class zoo model served with the 3 labels of the pets model.
        ModelMismatchException e = assertThrows(ModelMismatchException.class,
                () -> Sessions.open(Map.of("labels", Shared.model("pets-labels.txt").toString())));

        MatcherAssert.assertThat(e.getMessage(), Matchers.allOf(
                Matchers.containsString("has 1000 values"),
                Matchers.containsString("describes 3"),
                Matchers.containsString("tagger.model.labels")));
    }

    @Test
    void aMissingLabelOffsetFailsOnTheBackgroundOutput() {
        // The Hugging Face layout has 1001 outputs (background first); 1000 synsets need label-offset 1.
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> Sessions.open(Map.of(
                "file", Shared.model("mobilenetv2-hf-layout-1001.onnx").toString(),
                "input-name", "pixel_values",
                "output-name", "logits")));

        MatcherAssert.assertThat(e.getMessage(), Matchers.allOf(
                Matchers.containsString("has 1001 values"),
                Matchers.containsString("label offset 0"),
                Matchers.containsString("tagger.model.label-offset")));
    }

    @Test
    void aWrongInputSizeFailsOnTheShape() {
        ModelMismatchException e = assertThrows(ModelMismatchException.class,
                () -> Sessions.open(Map.of("input-size", "192")));

        MatcherAssert.assertThat(e.getMessage(), Matchers.allOf(
                Matchers.containsString("192x192"),
                Matchers.containsString("tagger.model.input-size")));
    }

    @Test
    void aMissingModelFileFailsNamingIt() {
        ModelMismatchException e = assertThrows(ModelMismatchException.class,
                () -> Sessions.open(Map.of("file", "/nonexistent/model.onnx")));

        MatcherAssert.assertThat(e.getMessage(), Matchers.containsString("/nonexistent/model.onnx"));
    }

    @Test
    void impossibleNormalisationFailsBeforeTheModelIsRead() {
        ModelMismatchException e = assertThrows(ModelMismatchException.class,
                () -> Sessions.open(Map.of("std", "0.5,0,0.5")));

        MatcherAssert.assertThat(e.getMessage(), Matchers.containsString("tagger.model.std must be positive"));
    }
}
