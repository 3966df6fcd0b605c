package dev.imagetagger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.Shared;

class LabelsTest {

    @Test
    void parsesSynsetLinesIntoWnidAndFirstSynonym() {
        Labels labels = Labels.parse("n01440764 tench, Tinca tinca\nn01443537 goldfish, Carassius auratus\n", 0);

        assertEquals(new Label(0, "tench", "n01440764", null), labels.of(0));
        assertEquals(new Label(1, "goldfish", "n01443537", null), labels.of(1));
    }

    @Test
    void onlyAnNAndEightDigitsBeforeWhiteSpaceAreAWnid() {
        Labels labels = Labels.parse("n0144076 tench\nn01440764tench\nx01440764 tench\nn0144a764 tench\nn01440764\n"
                + "n01440764\t tench,  Tinca tinca \n", 0);

        assertEquals(new Label(0, "n0144076 tench", null, null), labels.of(0));
        assertEquals(new Label(1, "n01440764tench", null, null), labels.of(1));
        assertEquals(new Label(2, "x01440764 tench", null, null), labels.of(2));
        assertEquals(new Label(3, "n0144a764 tench", null, null), labels.of(3));
        assertEquals(new Label(4, "n01440764", null, null), labels.of(4));
        assertEquals(new Label(5, "tench", "n01440764", null), labels.of(5));
    }

    @Test
    void parsesPlainLinesAsNamesWithoutWnid() {
        Labels labels = Labels.parse("dog\r\ncat\r\n\r\nother", 0);

        assertEquals(3, labels.size());
        assertEquals("cat", labels.of(1).name());
        assertNull(labels.of(1).wnid());
        assertEquals("other", labels.of(2).name());
    }

    @Test
    void anOffsetShiftsLinesToLaterOutputs() {
        Labels labels = Labels.parse("tench\ngoldfish\n", 1);

        assertEquals(2, labels.size());
        assertEquals(3, labels.outputCount());
        assertFalse(labels.isClass(0));
        assertTrue(labels.isClass(1) && labels.isClass(2));
        assertFalse(labels.isClass(3));
        assertEquals(new Label(1, "tench", null, null), labels.of(1));
        assertEquals(new Label(2, "goldfish", null, null), labels.of(2));
    }

    @Test
    void theImageNetSynsetsGiveThousandClassesWithDuplicateNamesKeptApartByIndex() throws IOException {
        Labels labels = Labels.parse(Files.readString(Shared.model("imagenet-synsets.txt")), 0);

        assertEquals(1000, labels.size());
        assertEquals(new Label(134, "crane", "n02012849", null), labels.of(134));
        assertEquals(new Label(517, "crane", "n03126707", null), labels.of(517));
        assertEquals(labels.of(638).name(), labels.of(639).name());
        assertNotEquals(labels.of(638).wnid(), labels.of(639).wnid());
    }

    @Test
    void everyNameEqualsTheSharedHumanReadableLabelList() throws IOException {
        Labels labels = Labels.parse(Files.readString(Shared.model("imagenet-synsets.txt")), 0);
        List<String> names = Files.readAllLines(Shared.model("imagenet-labels.txt"));

        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), labels.of(i).name(), "class " + i);
        }
    }

    @Test
    void thePackagedSynsetsAreTheSharedOnes() throws IOException {
        try (InputStream packaged = getClass().getClassLoader().getResourceAsStream("model/imagenet-synsets.txt")) {
            assertEquals(Files.readString(Shared.model("imagenet-synsets.txt")),
                    new String(packaged.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
