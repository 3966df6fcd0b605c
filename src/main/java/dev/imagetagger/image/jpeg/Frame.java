package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.CorruptImageException;

/**
 * The frame header (SOFn, T.81 B.2.2): size, coding and components, checked for consistency before any pixel work.
 * An MCU (A.2.3) covers 8 Hmax x 8 Vmax pixels, {@link #hMax} and {@link #vMax} being the largest sampling factors.
 */
final class Frame {

    final int marker;
    final int precision;
    final int width;
    final int height;
    final int hMax;
    final int vMax;
    final int mcusAcross;
    final int mcusDown;
    final Component[] components;

    private Frame(int marker, byte[] data, int start, int end) {
        if (end - start < 6) {
            throw new CorruptImageException("The JPEG frame header is too short.");
        }
        this.marker = marker;
        precision = data[start] & 0xFF;
        height = Segments.u16(data, start + 1);
        width = Segments.u16(data, start + 3);
        int count = data[start + 5] & 0xFF;
        if (count == 0 || end - start != 6 + 3 * count) {
            throw new CorruptImageException("The JPEG frame header's length does not match its component count.");
        }
        if (width == 0) {
            throw new CorruptImageException("The JPEG frame header declares a width of 0.");
        }
        int hMax = 1;
        int vMax = 1;
        for (int i = 0; i < count; i++) {
            int factors = data[start + 7 + 3 * i] & 0xFF;
            int h = factors >> 4;
            int v = factors & 15;
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw new CorruptImageException("A JPEG component has sampling factors outside 1 to 4.");
            }
            if ((data[start + 8 + 3 * i] & 0xFF) > 3) {
                throw new CorruptImageException("A JPEG component names a quantisation table outside 0 to 3.");
            }
            hMax = Math.max(hMax, h);
            vMax = Math.max(vMax, v);
        }
        this.hMax = hMax;
        this.vMax = vMax;
        mcusAcross = Component.ceilDiv(width, 8L * hMax);
        mcusDown = Component.ceilDiv(height, 8L * vMax);
        components = new Component[count];
        for (int i = 0; i < count; i++) {
            int at = start + 6 + 3 * i;
            int id = data[at] & 0xFF;
            for (int j = 0; j < i; j++) {
                if (components[j].id == id) {
                    throw new CorruptImageException("Two JPEG components have the same id.");
                }
            }
            int factors = data[at + 1] & 0xFF;
            components[i] = new Component(id, factors >> 4, factors & 15, data[at + 2] & 0xFF, this);
        }
    }

    static Frame parse(int marker, byte[] data, int start, int end) {
        return new Frame(marker, data, start, end);
    }

    boolean progressive() {
        return marker == Segments.SOF2;
    }

    /** Why this decoder cannot decode the frame, or null if it can. */
    String unsupportedReason() {
        if (marker != Segments.SOF0 && marker != Segments.SOF1 && marker != Segments.SOF2) {
            return switch (marker) {
                case 0xC3, 0xC7, 0xCB, 0xCF -> "lossless JPEG";
                case 0xC5, 0xC6 -> "hierarchical JPEG";
                default -> "arithmetic-coded JPEG";
            };
        }
        if (precision != 8) {
            return precision + "-bit JPEG";
        }
        if (components.length != 1 && components.length != 3) {
            return components.length + "-component JPEG";
        }
        if (height == 0) {
            return "JPEG with its height in a DNL marker";
        }
        for (Component c : components) {
            if (hMax % c.h != 0 || vMax % c.v != 0) {
                return "JPEG with fractional chroma sampling";
            }
        }
        return null;
    }

    JpegHeader header() {
        return new JpegHeader(width, height, unsupportedReason() == null);
    }

    /** Where the component with {@code id} (a scan's Csj) is in the frame. */
    int indexOf(int id) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].id == id) {
                return i;
            }
        }
        throw new CorruptImageException("A JPEG scan names a component the frame does not have.");
    }
}
