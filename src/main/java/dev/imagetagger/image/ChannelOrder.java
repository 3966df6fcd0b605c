package dev.imagetagger.image;

/** The order of the colour channels in the model's input tensor. */
public enum ChannelOrder {
    RGB,
    BGR
}
