package dev.imagetagger.model;

import java.util.List;
import java.util.Optional;

import dev.imagetagger.image.ChannelOrder;
import dev.imagetagger.image.TensorLayout;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Describes the served model as data, so that a fine-tuned MobileNetV2 with its own labels and preprocessing needs
 * configuration only. The defaults describe the ONNX Model Zoo {@code mobilenetv2-12-int8}.
 */
@ConfigMapping(prefix = "tagger.model")
public interface ModelConfig {

    /** Identifier reported in responses and written into tags; change it whenever the model changes. */
    @WithDefault("mobilenetv2-12-int8")
    String id();

    /** The ONNX file: a filesystem path, or {@code classpath:} for a resource packaged in the artifact. */
    @WithDefault("classpath:model/mobilenetv2-12-int8.onnx")
    String file();

    /** Labels, one per output line: {@code wnid name[, synonym...]} (ImageNet synset style) or a plain name. */
    @WithDefault("classpath:model/imagenet-synsets.txt")
    String labels();

    /**
     * Categories, one line per class: {@code key category}, the key being the class's wnid (or, in a labels file
     * without wnids, its name). Unset: the packaged ImageNet labels come with the packaged ImageNet categories, and
     * other labels get no category tag.
     */
    Optional<String> categories();

    /**
     * Leading outputs that are not classes (e.g. a {@code background} logit): output {@code i} carries label line
     * {@code i - labelOffset}, and outputs below the offset are never reported.
     */
    @WithDefault("0")
    int labelOffset();

    /** Name of the model's image input. */
    @WithDefault("input")
    String inputName();

    /** Name of the model's class-score output. */
    @WithDefault("output")
    String outputName();

    /** Side of the square input the model takes (the centre crop). */
    @WithDefault("224")
    int inputSize();

    /** The image's shorter side is resized to this before the centre crop (256 then 224 is the ImageNet recipe). */
    @WithDefault("256")
    int resizeShorterSide();

    /** Per-channel mean, in RGB order, subtracted after scaling pixels to [0, 1]. */
    @WithDefault("0.485,0.456,0.406")
    List<Float> mean();

    /** Per-channel standard deviation, in RGB order, divided by after subtracting the mean. */
    @WithDefault("0.229,0.224,0.225")
    List<Float> std();

    /** Channel order the model expects. */
    @WithDefault("rgb")
    ChannelOrder channelOrder();

    /** Tensor layout the model expects. */
    @WithDefault("nchw")
    TensorLayout layout();

    /** Whether the output holds logits (softmax is applied) or probabilities (used as they are). */
    @WithDefault("logits")
    OutputKind outputKind();

    /** ONNX Runtime threading. */
    Threads threads();

    interface Threads {
        /** Intra-op threads; one suits a Lambda function below 1,769 MB (one vCPU). */
        @WithDefault("1")
        int intraOp();
    }

    enum OutputKind {
        LOGITS,
        PROBABILITIES
    }
}
