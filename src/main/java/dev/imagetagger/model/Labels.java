package dev.imagetagger.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The class labels of a model, indexed by output index. */
public final class Labels {

    private static final Pattern SYNSET_LINE = Pattern.compile("^(n\\d{8})\\s+(.+)$");

    private final List<Label> byOutput;
    private final int offset;

    private Labels(List<Label> byOutput, int offset) {
        this.byOutput = byOutput;
        this.offset = offset;
    }

    /**
     * Parses a labels file: one class per non-empty line, either {@code wnid name[, synonym...]} or a plain name.
     * Line {@code n} labels output {@code n + offset}.
     */
    public static Labels parse(String text, int offset) {
        List<Label> labels = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int index = labels.size() + offset;
            Matcher synset = SYNSET_LINE.matcher(line);
            if (synset.matches()) {
                String names = synset.group(2);
                int comma = names.indexOf(',');
                String name = (comma < 0 ? names : names.substring(0, comma)).strip();
                labels.add(new Label(index, name, synset.group(1), null));
            } else {
                labels.add(new Label(index, line, null, null));
            }
        }
        return new Labels(List.copyOf(labels), offset);
    }

    /** The same classes, each replaced by what {@code relabel} makes of it. */
    Labels map(UnaryOperator<Label> relabel) {
        return new Labels(byOutput.stream().map(relabel).toList(), offset);
    }

    /** Every labelled class, by output index. */
    public List<Label> all() {
        return byOutput;
    }

    /** Whether the classes carry categories. */
    public boolean categorised() {
        return !byOutput.isEmpty() && byOutput.get(0).category() != null;
    }

    /** Number of labelled classes. */
    public int size() {
        return byOutput.size();
    }

    /** Number of model outputs these labels describe: the classes plus the unlabelled leading outputs. */
    public int outputCount() {
        return byOutput.size() + offset;
    }

    /** Whether output {@code index} is a labelled class (not a leading non-class output). */
    public boolean isClass(int index) {
        return index >= offset && index < outputCount();
    }

    /** The label of output {@code index}; only for indices where {@link #isClass(int)} holds. */
    public Label of(int index) {
        return byOutput.get(index - offset);
    }
}
