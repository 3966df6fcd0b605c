package dev.imagetagger.image;

/** The layout of the model's input tensor: channels first (NCHW) or last (NHWC). */
public enum TensorLayout {
    NCHW,
    NHWC
}
