package dev.imagetagger.image;

import dev.imagetagger.classify.Preprocessing;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.model.ModelConfig;

/** Run in a JVM of its own by {@link FastPathWithoutAwtTest}: a JPEG and a PNG from bytes to the model's crop. */
public final class FastPathProbe {

    private FastPathProbe() {
    }

    public static void main(String[] args) {
        ImageDecoder decoder = new ImageDecoder(Configs.defaults(ImageLimits.class));
        Preprocessor preprocessor = Preprocessing.of(Configs.defaults(ModelConfig.class));
        for (String file : new String[] { "large/EveningGlow-4032x3024-q92.jpg",
                "formats/n01558993_robin.png-rgba.png", "jpeg-structures/n01558993_robin-progressive-sa.jpg" }) {
            float[] crop = preprocessor.uprightCrop(decoder.decode(Shared.image(file), preprocessor));
            System.out.println("probe " + file + " " + crop.length);
        }
    }
}
