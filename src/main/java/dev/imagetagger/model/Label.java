package dev.imagetagger.model;

/**
 * One class of the model. Names are not unique ({@code crane} is both 134 and 517), so the output index (and the
 * WordNet id, where the labels file has one) identifies a class.
 *
 * @param index the model's output index
 * @param name the human-readable name (the first synonym)
 * @param wnid the WordNet synset id, or {@code null} when the labels file has none
 * @param category the coarse category, or {@code null} when the model has no categories
 */
public record Label(int index, String name, String wnid, String category) {

    /** The key that names this class in a categories file: its wnid, else its name. */
    String key() {
        return wnid != null ? wnid : name;
    }

    Label withCategory(String category) {
        return new Label(index, name, wnid, category);
    }
}
