package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.Region;

/**
 * The output geometry of one decode, decided once from the frame, the scale and the region before any scan is read,
 * as libjpeg's jpeg_calc_output_dimensions decides it: the output size, the part of it decoded, and for each
 * component its {@link ComponentPlan}. Nothing in it changes while decoding.
 */
final class DecodePlan {

    /** Largest Java array, with the headroom some VMs need. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** The image is decoded at 1/scale: 1, 2, 4 or 8. */
    final int scale;
    /** Output size: ceil(frame size / scale). */
    final int width;
    final int height;
    /** 1 (grey) or 3 (R, G, B). */
    final int channels;
    /** The part of the output decoded; the rest is left 0. */
    final Region output;
    private final ComponentPlan[] components;

    /** The plan for {@code region} (in output coordinates) of {@code frame} decoded at 1/{@code scale}. */
    DecodePlan(Frame frame, int scale, Region region) {
        this.scale = scale;
        this.width = Component.ceilDiv(frame.width, scale);
        this.height = Component.ceilDiv(frame.height, scale);
        this.channels = frame.components.length == 1 ? 1 : 3;
        this.output = region.within(width, height);
        this.components = new ComponentPlan[frame.components.length];
        for (int i = 0; i < components.length; i++) {
            components[i] = ComponentPlan.of(frame.components[i], frame, scale, output);
        }
        checkArraySizes(frame);
    }

    /** The plan of the frame's {@code index}-th component. */
    ComponentPlan component(int index) {
        return components[index];
    }

    /** The arrays decoding will need, from the header alone: refuse what no Java array can hold. */
    private void checkArraySizes(Frame frame) {
        long largest = (long) width * height * channels;
        for (int i = 0; i < components.length; i++) {
            Component c = frame.components[i];
            ComponentPlan plan = components[i];
            long blocks = (long) c.blocksPerLine * c.blocksPerColumn;
            largest = Math.max(largest, blocks * plan.idctSize() * plan.idctSize());
            if (frame.progressive()) {
                largest = Math.max(largest, blocks * plan.coefficientsPerBlock());
            }
        }
        if (largest > MAX_ARRAY) {
            throw new UnsupportedJpegException("The JPEG is " + frame.width + "x" + frame.height
                    + ", too large for this decoder at scale 1/" + scale + ".");
        }
    }
}
