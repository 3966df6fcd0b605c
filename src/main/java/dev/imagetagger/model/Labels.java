package dev.imagetagger.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The class labels of a model, indexed by output index. */
public final class Labels {

    /** A WordNet id: {@code n} and eight digits. */
    private static final int WNID_LENGTH = 9;

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
            if (isSynsetLine(line)) {
                String names = line.substring(WNID_LENGTH).strip();
                int comma = names.indexOf(',');
                String name = (comma < 0 ? names : names.substring(0, comma)).strip();
                labels.add(new Label(index, name, line.substring(0, WNID_LENGTH), null));
            } else {
                labels.add(new Label(index, line, null, null));
            }
        }
        return new Labels(List.copyOf(labels), offset);
    }

    /**
     * Whether a stripped line is {@code wnid name}: a WordNet id, then white space and a name. Read by hand, not with
     * a regular expression: start-up parses a thousand lines before the JIT has compiled anything.
     */
    private static boolean isSynsetLine(String line) {
        if (line.length() <= WNID_LENGTH || line.charAt(0) != 'n'
                || !Character.isWhitespace(line.charAt(WNID_LENGTH))) {
            return false;
        }
        for (int i = 1; i < WNID_LENGTH; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
