package dev.imagetagger.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imagetagger.fixtures.Shared;

/** The packaged ImageNet categories (generated from WordNet 3.0) and the checks a custom categories file passes. */
class CategoriesTest {

    /** The vocabulary documented in infra/labels/make-categories.py. */
    private static final Set<String> VOCABULARY = Set.of("dog", "cat", "wild-cat", "primate", "mammal", "bird", "fish",
            "amphibian", "reptile", "insect", "arachnid", "invertebrate", "person", "fungus", "food", "vegetable",
            "fruit", "plant", "landscape", "boat", "aircraft", "car", "truck", "vehicle", "clothing", "cosmetic",
            "textile", "furniture", "musical-instrument", "sports-equipment", "weapon", "stationery", "electronics",
            "appliance", "tool", "kitchenware", "structure", "container", "device", "other");

    private static Labels imageNet() throws IOException {
        Labels labels = Labels.parse(Files.readString(Shared.model("imagenet-synsets.txt")), 0);
        return Categories.read(labels, Categories.IMAGENET_CATEGORIES);
    }

    @Test
    void everyImageNetClassHasOneCategoryOfTheVocabularyAndEveryCategoryIsUsed() throws IOException {
        Labels labels = imageNet();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String category = labels.of(i).category();
            assertTrue(VOCABULARY.contains(category), "class " + i + " has category " + category);
            counts.merge(category, 1, Integer::sum);
        }
        assertEquals(VOCABULARY, counts.keySet());
        assertEquals(1000, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(labels.categorised());
        System.out.println("ImageNet categories: " + counts);
    }

    @Test
    void spotChecksAcrossTheHierarchy() throws IOException {
        Labels labels = imageNet();
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("n02085620", "dog"), // Chihuahua
                Map.entry("n02099601", "dog"), // golden retriever
                Map.entry("n02123045", "cat"), // tabby
                Map.entry("n02123159", "cat"), // tiger cat: a house cat, not a tiger
                Map.entry("n02124075", "cat"), // Egyptian cat
                Map.entry("n02129604", "wild-cat"), // tiger
                Map.entry("n02114367", "mammal"), // timber wolf: a canine, not a dog
                Map.entry("n02480855", "primate"), // gorilla
                Map.entry("n01443537", "fish"), // goldfish
                Map.entry("n01484850", "fish"), // great white shark
                Map.entry("n01558993", "bird"), // robin
                Map.entry("n02012849", "bird"), // crane, the bird (134)
                Map.entry("n03126707", "device"), // crane, the machine (517)
                Map.entry("n01644373", "amphibian"), // tree frog
                Map.entry("n01774750", "arachnid"), // tarantula
                Map.entry("n02206856", "insect"), // bee
                Map.entry("n04146614", "vehicle"), // school bus
                Map.entry("n04285008", "car"), // sports car
                Map.entry("n04273569", "boat"), // speedboat
                Map.entry("n02690373", "aircraft"), // airliner
                Map.entry("n07873807", "food"), // pizza
                Map.entry("n07742313", "fruit"), // Granny Smith
                Map.entry("n11939491", "plant"), // daisy
                Map.entry("n03642806", "electronics"), // laptop
                Map.entry("n03595614", "clothing"), // jersey
                Map.entry("n03045698", "clothing"), // cloak (the one override of WordNet)
                Map.entry("n04344873", "furniture"), // studio couch
                Map.entry("n03028079", "structure"), // church
                Map.entry("n04536866", "musical-instrument"), // violin
                Map.entry("n09472597", "landscape"), // volcano
                Map.entry("n10148035", "person"))); // groom
        Map<String, String> actual = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            Label label = labels.of(i);
            if (expected.containsKey(label.wnid())) {
                actual.put(label.wnid(), label.category());
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void aFileKeyedByNameCategorisesPlainLabels() {
        Labels pets = Labels.parse("dog\ncat\nother\n", 0);

        Labels categorised = Categories.assign(pets, "# pets\ndog pet\ncat\tpet\n\nother other\n", "pets.txt");

        assertEquals("pet", categorised.of(0).category());
        assertEquals("pet", categorised.of(1).category());
        assertEquals("other", categorised.of(2).category());
        assertFalse(pets.categorised());
    }

    @Test
    void aNameKeyMayHoldSpaces() {
        Labels labels = Labels.parse("golden retriever\ntabby cat\n", 0);

        Labels categorised = Categories.assign(labels, "golden retriever dog\ntabby cat cat\n", "f");

        assertEquals("dog", categorised.of(0).category());
        assertEquals("cat", categorised.of(1).category());
    }

    @Test
    void aBadFileFailsNamingTheLineAndTheProperty() {
        Labels pets = Labels.parse("dog\ncat\nother\n", 0);
        Map<String, String> bad = Map.of(
                "dog pet\ncat pet\n", "gives no category to 1 class(es), e.g. [other]",
                "dog pet\ncat pet\nother other\nhamster pet\n",
                "line 4: no class of the labels has the wnid or name 'hamster'",
                "dog pet\ncat pet\ndog animal\nother other\n", "line 3: 'dog' has a second category",
                "dog pet\ncat\nother other\n", "line 2: 'cat' needs a class and a category",
                "dog pet\ncat pet\nother no,way\n", "line 3: category 'no,way' must be one word");
        bad.forEach((text, message) -> {
            ModelMismatchException e = assertThrows(ModelMismatchException.class,
                    () -> Categories.assign(pets, text, "pets-categories.txt"), text);
            assertThat(e.getMessage(), allOf(containsString("pets-categories.txt"), containsString(message),
                    containsString("tagger.model.categories")));
        });
    }

    @Test
    void imageNetCategoriesAreKeyedByWnidNotByName() {
        Labels two = Labels.parse("n02012849 crane\nn03126707 crane\n", 0);

        ModelMismatchException e = assertThrows(ModelMismatchException.class,
                () -> Categories.assign(two, "crane bird\n", "f"));
        assertThat(e.getMessage(), containsString("no class of the labels has the wnid or name 'crane'"));
    }

    @Test
    void aSessionTakesTheConfiguredFileAndOnlyThePackagedLabelsGetThePackagedOne(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("pets-categories.txt");
        Files.writeString(file, "dog animal\ncat animal\nother other\n");
        Map<String, String> pets = Map.of(
                "file", Shared.model("mobilenetv2-pets-3class.onnx").toString(),
                "labels", Shared.model("pets-labels.txt").toString(),
                "input-name", "pixel_values",
                "output-name", "logits");

        ModelSession plain = Sessions.open(pets);
        try {
            assertFalse(plain.labels().categorised());
            assertNull(plain.info().categories());
        } finally {
            plain.close();
        }
        Map<String, String> withCategories = new TreeMap<>(pets);
        withCategories.put("categories", file.toString());
        ModelSession categorised = Sessions.open(withCategories);
        try {
            assertEquals("animal", categorised.labels().of(0).category());
            assertEquals(file.toString(), categorised.info().categories());
        } finally {
            categorised.close();
        }
        assertEquals(Categories.IMAGENET_CATEGORIES, Categories.location(Sessions.config(Map.of())).orElseThrow());
    }

    @Test
    void aMissingFileFailsStartUpNamingTheProperty(@TempDir Path dir) {
        Map<String, String> properties = Map.of("categories", dir.resolve("none.txt").toString());

        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> Sessions.open(properties));
        assertThat(e.getMessage(), allOf(containsString("none.txt"), containsString("tagger.model.categories")));
    }

    @Test
    void theCommittedResourceListsEachImageNetClassOnce() throws IOException {
        Set<String> wnids = new TreeSet<>();
        int lines = 0;
        try (var in = getClass().getClassLoader().getResourceAsStream("model/imagenet-categories.txt")) {
            for (String line : new String(in.readAllBytes()).split("\n")) {
                if (!line.startsWith("#")) {
                    wnids.add(line.split(" ")[0]);
                    lines++;
                }
            }
        }
        assertEquals(1000, lines);
        assertEquals(1000, wnids.size());
    }
}
