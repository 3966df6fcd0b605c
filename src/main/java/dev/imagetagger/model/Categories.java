package dev.imagetagger.model;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gives each class its coarse category (dog, cat, vehicle...) from a categories file, so that bucket policies and
 * searches can use one tag instead of a thousand class names. A file that does not give every class exactly one
 * category fails start-up and names {@code tagger.model.categories}.
 */
final class Categories {

    static final String PROPERTY = "tagger.model.categories";
    static final String IMAGENET_LABELS = "classpath:model/imagenet-synsets.txt";
    /** Generated from WordNet 3.0 by infra/labels/make-categories.py. */
    static final String IMAGENET_CATEGORIES = "classpath:model/imagenet-categories.txt";

    /** One word a tag value can hold: letters, digits and S3's punctuation, no spaces. */
    private static final Pattern CATEGORY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}+\\-=._:/@]{0,127}");
    private static final int MISSING_SHOWN = 5;

    private Categories() {
    }

    /** The categories file in force: the configured one, else the packaged one for the packaged ImageNet labels. */
    static Optional<String> location(ModelConfig config) {
        return config.categories().or(() -> config.labels().equals(IMAGENET_LABELS)
                ? Optional.of(IMAGENET_CATEGORIES)
                : Optional.empty());
    }

    /** {@code labels} with the categories of the file at {@code location}. */
    static Labels read(Labels labels, String location) {
        byte[] bytes;
        try {
            bytes = ModelFiles.read(location);
        } catch (ModelMismatchException e) {
            throw new ModelMismatchException(e.getMessage() + " (" + PROPERTY + ")");
        }
        return assign(labels, new String(bytes, StandardCharsets.UTF_8), location);
    }

    /**
     * Parses a categories file: one {@code key category} per line (the category is the last word, so a name key may
     * hold spaces); blank lines and lines starting with {@code #} are skipped.
     */
    static Labels assign(Labels labels, String text, String location) {
        Set<String> keys = labels.all().stream().map(Label::key).collect(Collectors.toSet());
        Map<String, String> categories = new HashMap<>();
        String[] lines = text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = location + " line " + (n + 1) + ": ";
            int space = lastWhiteSpace(line);
            if (space < 0) {
                throw mismatch(where + "'" + line + "' needs a class and a category");
            }
            String key = line.substring(0, space).strip();
            String category = line.substring(space + 1);
            if (!CATEGORY.matcher(category).matches()) {
                throw mismatch(where + "category '" + category + "' must be one word of at most 128 letters, digits"
                        + " and + - = . _ : / @");
            }
            if (!keys.contains(key)) {
                throw mismatch(where + "no class of the labels has the wnid or name '" + key + "'");
            }
            if (categories.put(key, category) != null) {
                throw mismatch(where + "'" + key + "' has a second category");
            }
        }
        List<Label> missing = labels.all().stream().filter(l -> !categories.containsKey(l.key())).toList();
        if (!missing.isEmpty()) {
            throw mismatch(location + " gives no category to " + missing.size() + " class(es), e.g. "
                    + missing.stream().limit(MISSING_SHOWN).map(Label::key).toList() + "; every class needs one");
        }
        return labels.map(label -> label.withCategory(categories.get(label.key())));
    }

    /**
     * Where the last word of a stripped line starts, less one; -1 for a single word. By hand, not with a regular
     * expression: start-up reads a thousand lines before the JIT has compiled anything.
     */
    private static int lastWhiteSpace(String line) {
        for (int i = line.length() - 1; i > 0; i--) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static ModelMismatchException mismatch(String message) {
        return new ModelMismatchException(message + ". Fix " + PROPERTY + ".");
    }
}
