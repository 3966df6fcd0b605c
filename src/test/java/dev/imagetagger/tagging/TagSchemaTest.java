package dev.imagetagger.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Prediction;

class TagSchemaTest {

    /** S3's allowed tag characters: letters, digits, spaces and + - = . _ : / @ */
    private static final Pattern S3_ALLOWED = Pattern.compile("[\\p{L}\\p{N}\\s+\\-=._:/@]*");
    private final TagSchema schema = new TagSchema("tagger-");

    @Test
    void imageNetNamesWithApostrophesAndCommasBecomeValidValues() {
        Map<String, String> tags = schema.forClassification(classification(
                new Prediction(607, "jack-o'-lantern", "n03590841", null, 0.91f),
                new Prediction(134, "crane", "n02012849", null, 0.05f),
                new Prediction(517, "crane", "n03126707", null, 0.04f)), 3);

        assertEquals("jack-o-lantern", tags.get("tagger-label"));
        assertEquals("607:jack-o-lantern:0.9100/134:crane:0.0500/517:crane:0.0400", tags.get("tagger-top"));
        tags.forEach((key, value) -> {
            assertTrue(S3_ALLOWED.matcher(key).matches() && key.length() <= 128, key);
            assertTrue(S3_ALLOWED.matcher(value).matches() && value.length() <= 256, value);
        });
    }

    @Test
    void theTopTagStopsAtS3sValueLength() {
        Prediction[] many = new Prediction[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = new Prediction(i, "a rather long class name number " + i, null, null, 0.01f);
        }
        String top = schema.forClassification(classification(many), 20).get("tagger-top");

        assertTrue(top.length() <= 256, top);
        assertTrue(top.endsWith(":0.0100"), "whole entries only: " + top);
    }

    @Test
    void withNoClassAboveTheMinimumScoreOnlyStatusAndModelAreWritten() {
        assertEquals(Map.of("tagger-status", "ok", "tagger-model", "m1"),
                schema.forClassification(classification(), 3));
    }

    @Test
    void mergeKeepsTheUsersTagsAndReplacesOurs() {
        Map<String, String> existing = new LinkedHashMap<>(Map.of("owner", "alice", "tagger-label", "stale"));
        Map<String, String> merged = schema.merge(existing, schema.forRejection(Outcome.CORRUPT, "m1")).orElseThrow();

        assertEquals(Map.of("owner", "alice", "tagger-status", "corrupt", "tagger-model", "m1"), merged);
    }

    @Test
    void mergeCutsOursToTheRoomLeftAndGivesUpWithoutRoom() {
        Map<String, String> nine = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("user" + i, "v");
        }
        Map<String, String> ours = schema.forRejection(Outcome.UNSUPPORTED, "m1");

        Map<String, String> merged = schema.merge(nine, ours).orElseThrow();
        assertEquals(10, merged.size());
        assertEquals("unsupported", merged.get("tagger-status"));

        nine.put("user9", "v");
        assertTrue(schema.merge(nine, ours).isEmpty());
    }

    @Test
    void alreadyTaggedMeansThisModelsStatusIsThere() {
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-model", "m1"), "m1", false));
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "ok"), "m1", false), "model tag cut for room");
        assertFalse(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-model", "m0"), "m1", false));
        assertFalse(schema.alreadyTagged(Map.of("tagger-model", "m1"), "m1", false));
    }

    @Test
    void theCategoryComesRightAfterStatusAndLabel() {
        Map<String, String> tags = schema.forClassification(classification(
                new Prediction(285, "Egyptian cat", "n02124075", "cat", 0.8f)), 3);

        assertEquals(List.of("tagger-status", "tagger-label", "tagger-category", "tagger-model", "tagger-score",
                "tagger-class", "tagger-top"), List.copyOf(tags.keySet()));
        assertEquals("cat", tags.get("tagger-category"));

        Map<String, String> seven = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            seven.put("user" + i, "v");
        }
        Map<String, String> merged = schema.merge(seven, tags).orElseThrow();
        assertEquals(Map.of("tagger-status", "ok", "tagger-label", "Egyptian cat", "tagger-category", "cat"),
                Map.of("tagger-status", merged.get("tagger-status"), "tagger-label", merged.get("tagger-label"),
                        "tagger-category", merged.get("tagger-category")));
        assertEquals(10, merged.size());
    }

    @Test
    void aLabelledObjectWithoutTheCategoryOfACategorisedModelIsNotDone() {
        Map<String, String> before = Map.of("tagger-status", "ok", "tagger-label", "tabby", "tagger-model", "m1");
        Map<String, String> after = Map.of("tagger-status", "ok", "tagger-label", "tabby", "tagger-category", "cat",
                "tagger-model", "m1");

        assertFalse(schema.alreadyTagged(before, "m1", true), "tagged before categories existed");
        assertTrue(schema.alreadyTagged(after, "m1", true));
        assertTrue(schema.alreadyTagged(before, "m1", false), "a model without categories");
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "corrupt", "tagger-model", "m1"), "m1", true),
                "a rejected object has no label and needs no category");
    }

    @Test
    void aCategoryCutForLackOfRoomIsNotRetriedForever() {
        Map<String, String> full = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            full.put("user" + i, "v");
        }
        full.put("tagger-status", "ok");
        full.put("tagger-label", "tabby");

        assertTrue(schema.alreadyTagged(full, "m1", true), "eight user tags leave no place for the category");
        full.remove("user7");
        assertFalse(schema.alreadyTagged(full, "m1", true), "seven user tags leave one");
    }

    @Test
    void aPrefixS3WouldRefuseFailsAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> new TagSchema("aws:tagger-"));
        assertThrows(IllegalArgumentException.class, () -> new TagSchema("tag,ger"));
        assertThrows(IllegalArgumentException.class, () -> new TagSchema(""));
    }

    private static Classification classification(Prediction... predictions) {
        return new Classification("m1", new Classification.ImageSummary("jpeg", 1, 1), List.of(predictions),
                new Classification.Timings(0, 0, 0));
    }
}
