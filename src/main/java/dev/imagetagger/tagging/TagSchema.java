package dev.imagetagger.tagging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Prediction;
import dev.imagetagger.model.Label;

/**
 * The tags the function owns and how they join the user's. S3 allows ten tags per object, keys up to 128 and values
 * up to 256 characters (counted in UTF-16), from letters, digits, spaces and {@code + - = . _ : / @} (S3's API gives
 * them as {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}: a tab or a line break is refused). Our tags all start with one
 * prefix; every other tag is the user's and is kept as it is. When the user's tags leave too little room, ours are
 * cut from the least important end: status, label, category (when the model has categories), model, score, class,
 * top.
 */
public final class TagSchema {

    static final int MAX_TAGS = 10;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;
    /** The longest name after our prefix: the prefix leaves room for it within {@link #MAX_KEY}. */
    private static final String LONGEST_NAME = "category";
    /**
     * The rule for {@code tagger.tags.prefix}: S3's tag characters, room for our longest name, and not S3's reserved
     * {@code aws:}. The template's {@code TagKeyPrefix} has the same AllowedPattern (CloudFormation's regexes are
     * Java's), held equal by a test, so a prefix the function would refuse at start-up is refused at deploy time.
     */
    public static final String PREFIX_RULE = "^(?![Aa][Ww][Ss]:)[\\p{L}\\p{Z}\\p{N}+=._:/@-]{1,120}$";
    private static final Pattern PREFIX = Pattern.compile(PREFIX_RULE);
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}+\\-=._:/@]");
    private static final Pattern NOT_ALLOWED_IN_NAME = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}+\\-=._@]");

    private final String prefix;

    public TagSchema(String prefix) {
        if (!PREFIX.matcher(prefix).matches() || prefix.length() > MAX_KEY - LONGEST_NAME.length()) {
            throw new IllegalArgumentException("tagger.tags.prefix '" + prefix + "' must be 1 to "
                    + (MAX_KEY - LONGEST_NAME.length()) + " characters of letters, digits, spaces and"
                    + " + - = . _ : / @, and must not start with aws:");
        }
        this.prefix = prefix;
    }

    public String status() {
        return prefix + "status";
    }

    public String model() {
        return prefix + "model";
    }

    public String category() {
        return prefix + "category";
    }

    /** Our tags for a classified image, most important first. */
    public Map<String, String> forClassification(Classification classification, int topK) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(status(), Outcome.OK.id());
        List<Prediction> predictions = classification.predictions();
        if (!predictions.isEmpty()) {
            Prediction best = predictions.get(0);
            tags.put(prefix + "label", value(name(best.label())));
            if (best.category() != null) {
                tags.put(category(), value(best.category()));
            }
            tags.put(model(), value(classification.model()));
            tags.put(prefix + "score", score(best.score()));
            tags.put(prefix + "class", Integer.toString(best.index()));
            tags.put(prefix + "top", top(predictions.subList(0, Math.min(topK, predictions.size()))));
        } else {
            tags.put(model(), value(classification.model()));
        }
        return tags;
    }

    /** Our tags for an object that was not classified (not an image, corrupt, too large). */
    public Map<String, String> forRejection(Outcome outcome, String modelId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(status(), outcome.id());
        tags.put(model(), value(modelId));
        return tags;
    }

    /**
     * Whether the object already carries our result from this model (of these {@code classes}), so a re-delivered
     * event or a repeated backfill does no work. A result whose model tag was cut for lack of room counts as this
     * model's only if its label and category are those of one of this model's classes: another model's result is
     * replaced, and this model's own is not classified again on every event. A labelled object without the category
     * of a categorised model is not done, so a backfill adds the category to objects tagged before categories
     * existed, unless the user's tags leave it no room.
     */
    public boolean alreadyTagged(Map<String, String> existing, String modelId, List<Label> classes) {
        if (!existing.containsKey(status())) {
            return false;
        }
        String model = existing.get(model());
        boolean thisModels = model != null ? model.equals(value(modelId)) : agreesWithClasses(existing, classes);
        boolean categorised = !classes.isEmpty() && classes.get(0).category() != null;
        return thisModels && !(categorised && lacksCategoryWithRoom(existing));
    }

    /**
     * Whether the label, category and class tags present (a cut result holds status, label, category, in that order)
     * are one class's of this model. A status alone (nine user tags) has nothing to disagree with: any model would
     * write the same.
     */
    private boolean agreesWithClasses(Map<String, String> existing, List<Label> classes) {
        String label = existing.get(prefix + "label");
        String category = existing.get(category());
        String index = existing.get(prefix + "class");
        if (label == null && category == null && index == null) {
            return true;
        }
        return classes.stream().anyMatch(c -> (label == null || label.equals(value(name(c.name()))))
                && (category == null || (c.category() != null && category.equals(value(c.category()))))
                && (index == null || index.equals(Integer.toString(c.index()))));
    }

    private boolean lacksCategoryWithRoom(Map<String, String> existing) {
        long users = existing.keySet().stream().filter(key -> !key.startsWith(prefix)).count();
        // The category is our third tag (status, label, category): it fits when the user's tags leave three places.
        return existing.containsKey(prefix + "label") && !existing.containsKey(category()) && users <= MAX_TAGS - 3;
    }

    /**
     * The user's tags, unchanged and first, followed by as many of ours as fit; empty when none of ours fits.
     */
    public Optional<Map<String, String>> merge(Map<String, String> existing, Map<String, String> ours) {
        Map<String, String> merged = new LinkedHashMap<>();
        existing.forEach((key, value) -> {
            if (!key.startsWith(prefix)) {
                merged.put(key, value);
            }
        });
        int room = MAX_TAGS - merged.size();
        if (room <= 0) {
            return Optional.empty();
        }
        ours.entrySet().stream().limit(room).forEach(e -> merged.put(e.getKey(), e.getValue()));
        return Optional.of(merged);
    }

    /** The user's tags alone: ours taken off. */
    public Map<String, String> withoutOurs(Map<String, String> existing) {
        Map<String, String> theirs = new LinkedHashMap<>(existing);
        theirs.keySet().removeIf(key -> key.startsWith(prefix));
        return theirs;
    }

    /** A class name made fit for a tag value: apostrophes dropped, other disallowed characters become spaces. */
    static String name(String label) {
        String cleaned = NOT_ALLOWED_IN_NAME.matcher(label.replace("'", "")).replaceAll(" ");
        return cleaned.replaceAll("\\s+", " ").strip();
    }

    /** A value made fit for S3: disallowed characters become spaces, cut to 256 characters. */
    static String value(String raw) {
        String cleaned = NOT_ALLOWED.matcher(raw).replaceAll(" ").strip();
        if (cleaned.length() <= MAX_VALUE) {
            return cleaned;
        }
        // Cut between characters, never inside one that takes two UTF-16 places.
        int end = Character.isHighSurrogate(cleaned.charAt(MAX_VALUE - 1)) ? MAX_VALUE - 1 : MAX_VALUE;
        return cleaned.substring(0, end);
    }

    private static String score(float score) {
        return String.format(Locale.ROOT, "%.4f", score);
    }

    /** {@code index:name:score} for each class, joined by {@code /}, as many as fit in one value. */
    private static String top(List<Prediction> predictions) {
        StringBuilder top = new StringBuilder();
        for (Prediction p : predictions) {
            String entry = p.index() + ":" + name(p.label()) + ":" + score(p.score());
            if (top.length() + entry.length() + 1 > MAX_VALUE) {
                break;
            }
            top.append(top.length() == 0 ? "" : "/").append(entry);
        }
        return top.toString();
    }
}
