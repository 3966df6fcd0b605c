package dev.imagetagger.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Prediction;
import dev.imagetagger.model.Label;

/**
 * Our tags against S3's documented tag rules, with documented-style examples rather than the code's own pattern.
 * From the Amazon S3 User Guide, "Categorizing your storage using tags" (object tagging):
 * <ul>
 * <li>"You can associate up to 10 tags with an object. Tags that are associated with an object must have unique tag
 * keys."</li>
 * <li>"A tag key can be up to 128 Unicode characters in length, and tag values can be up to 256 Unicode characters in
 * length. Amazon S3 object tags are internally represented in UTF-16. Note that in UTF-16, characters consume either 1
 * or 2 character positions."</li>
 * <li>"The key and values are case sensitive."</li>
 * <li>Its examples: {@code PHI=True}, {@code Classification=PHI}, {@code Project=Blue},
 * {@code Project=x Classification=confidential}.</li>
 * </ul>
 * And from the tag restrictions it refers to, and S3's API reference ({@code S3Tag}, {@code Tag}): keys and values
 * may hold letters, numbers and spaces representable in UTF-8, and {@code + - = . _ : / @} (the API's pattern:
 * {@code ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$}); keys have 1 to 128 characters and values 0 to 256; system tags
 * begin with {@code aws:}, which a user-defined key may not.
 */
class TagSchemaTest {

    /** Every character S3 documents as allowed that is not a letter, a number or a space. */
    private static final String DOCUMENTED_SYMBOLS = "+-=._:/@";

    private final TagSchema schema = new TagSchema("tagger-");

    /** A model of two classes without categories, and one of three with; names are not unique. */
    private static final List<Label> PLAIN = List.of(new Label(0, "tabby", null, null),
            new Label(1, "robin's egg", null, null));
    private static final List<Label> CATEGORISED = List.of(new Label(15, "robin", "n01558993", "bird"),
            new Label(134, "crane", "n02012849", "bird"), new Label(517, "crane", "n03126707", "device"));

    @Test
    void imageNetNamesWithApostrophesAndCommasBecomeValidValues() {
        Map<String, String> tags = schema.forClassification(classification(
                new Prediction(607, "jack-o'-lantern", "n03590841", null, 0.91f),
                new Prediction(134, "crane", "n02012849", null, 0.05f),
                new Prediction(517, "crane", "n03126707", null, 0.04f)), 3);

        assertEquals("jack-o-lantern", tags.get("tagger-label"));
        assertEquals("607:jack-o-lantern:0.9100/134:crane:0.0500/517:crane:0.0400", tags.get("tagger-top"));
        tags.forEach((key, value) -> {
            assertDocumented(key, 128);
            assertDocumented(value, 256);
        });
    }

    @Test
    void punctuationS3DoesNotListBecomesSpacesAndNonAsciiLettersStay() {
        Map<String, String> tags = schema.forClassification(classification(
                new Prediction(1, "Rock, paper; scissors!", null, "jouets!", 0.5f),
                new Prediction(2, "Café crème", null, null, 0.3f),
                new Prediction(3, "猫", null, null, 0.2f)), 3);

        assertEquals("Rock paper scissors", tags.get("tagger-label"));
        assertEquals("jouets", tags.get("tagger-category"));
        assertEquals("1:Rock paper scissors:0.5000/2:Café crème:0.3000/3:猫:0.2000", tags.get("tagger-top"));
    }

    @Test
    void tabsAndLineBreaksAreNotTheSpacesS3Allows() {
        Map<String, String> tags = schema.forClassification(classification(
                new Prediction(1, "sea\tlion", null, "marine\nmammal", 0.5f)), 1);

        assertEquals("sea lion", tags.get("tagger-label"));
        assertEquals("marine mammal", tags.get("tagger-category"));
        assertThrows(IllegalArgumentException.class, () -> new TagSchema("tag\tger-"));
    }

    @Test
    void valuesAreCutAt256Utf16PositionsAndNeverInsideACharacter() {
        assertEquals("x".repeat(256), TagSchema.value("x".repeat(256)));
        assertEquals("x".repeat(256), TagSchema.value("x".repeat(300)));

        // U+1D49C MATHEMATICAL SCRIPT CAPITAL A is a letter taking two UTF-16 positions.
        String scriptA = new String(Character.toChars(0x1D49C));
        String cut = TagSchema.value("x" + scriptA.repeat(200));
        assertEquals(255, cut.length(), "the 128th letter would straddle position 256");
        assertEquals("x" + scriptA.repeat(127), cut);
        assertDocumented(cut, 256);
    }

    @Test
    void aPrefixLeavesRoomForOurLongestKeyWithin128Characters() {
        String longest = "p".repeat(120);
        TagSchema roomy = new TagSchema(longest);
        assertEquals(128, roomy.category().length());

        assertThrows(IllegalArgumentException.class, () -> new TagSchema("p".repeat(121)));
    }

    @Test
    void documentedStylePrefixesAreAccepted() {
        for (String prefix : List.of("tagger-", "Project", "Classification:", "photos/ai@v2 ", "a+b=c.d_e-",
                "étiquette-", "写真-", "Ключ_")) {
            assertEquals(prefix + "status", new TagSchema(prefix).status(), prefix);
        }
    }

    @Test
    void prefixesS3WouldRefuseFailAtStartUp() {
        for (String prefix : List.of("", "aws:", "aws:tagger-", "tag,ger", "tag*", "tag#", "tag'ger", "tag;ger",
                "(tagger)", "tag\nger")) {
            assertThrows(IllegalArgumentException.class, () -> new TagSchema(prefix), prefix);
        }
    }

    @Test
    void keysAreCaseSensitiveSoAUsersLookAlikeTagIsTheUsers() {
        Map<String, String> existing = new LinkedHashMap<>(Map.of("Tagger-status", "mine", "PHI", "True",
                "Project", "Blue"));
        Map<String, String> merged = schema.merge(existing, schema.forRejection(Outcome.CORRUPT, "m1")).orElseThrow();

        assertEquals(Map.of("Tagger-status", "mine", "PHI", "True", "Project", "Blue", "tagger-status", "corrupt",
                "tagger-model", "m1"), merged);
    }

    /** Checks {@code text} character by character against S3's documented rule, and its length in UTF-16. */
    private static void assertDocumented(String text, int maxLength) {
        assertTrue(text.length() <= maxLength, text.length() + " > " + maxLength + ": " + text);
        text.codePoints().forEach(c -> assertTrue(Character.isLetter(c) || isNumber(c) || Character.isSpaceChar(c)
                || DOCUMENTED_SYMBOLS.indexOf(c) >= 0,
                "'" + Character.toString(c) + "' in " + text));
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
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-model", "m1"), "m1", PLAIN));
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "ok"), "m1", PLAIN), "a status alone, model cut");
        assertFalse(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-model", "m0"), "m1", PLAIN));
        assertFalse(schema.alreadyTagged(Map.of("tagger-model", "m1"), "m1", PLAIN));
    }

    @Test
    void withoutItsModelTagAResultIsThisModelsOnlyIfItsLabelsAreThisModels() {
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-label", "robins egg"), "m1", PLAIN),
                "the label as this model writes it");
        assertFalse(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-label", "robin"), "m1", PLAIN),
                "a label this model does not have");

        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-label", "robin",
                "tagger-category", "bird"), "m1", CATEGORISED));
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-label", "crane",
                "tagger-category", "device"), "m1", CATEGORISED), "either crane");
        assertFalse(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-label", "robin",
                "tagger-category", "device"), "m1", CATEGORISED), "this model's label with another category");
        assertFalse(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-label", "tabby",
                "tagger-category", "cat"), "m1", PLAIN), "a category from a model with categories");
        assertFalse(schema.alreadyTagged(Map.of("tagger-status", "ok", "tagger-label", "crane",
                "tagger-class", "15"), "m1", CATEGORISED), "a class index of another label");
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "corrupt"), "m1", CATEGORISED),
                "a refusal, model cut: no label to disagree");
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

        assertFalse(schema.alreadyTagged(before, "m1", CATEGORISED), "tagged before categories existed");
        assertTrue(schema.alreadyTagged(after, "m1", CATEGORISED));
        assertTrue(schema.alreadyTagged(before, "m1", PLAIN), "a model without categories");
        assertTrue(schema.alreadyTagged(Map.of("tagger-status", "corrupt", "tagger-model", "m1"), "m1", CATEGORISED),
                "a rejected object has no label and needs no category");
    }

    @Test
    void aCategoryCutForLackOfRoomIsNotRetriedForever() {
        Map<String, String> full = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            full.put("user" + i, "v");
        }
        full.put("tagger-status", "ok");
        full.put("tagger-label", "robin");

        assertTrue(schema.alreadyTagged(full, "m1", CATEGORISED), "eight user tags leave no place for the category");
        full.remove("user7");
        assertFalse(schema.alreadyTagged(full, "m1", CATEGORISED), "seven user tags leave one");
    }

    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static Classification classification(Prediction... predictions) {
        return new Classification("m1", new Classification.ImageSummary("jpeg", 1, 1), List.of(predictions),
                new Classification.Timings(0, 0, 0));
    }
}
