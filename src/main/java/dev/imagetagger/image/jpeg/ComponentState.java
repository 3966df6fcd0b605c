package dev.imagetagger.image.jpeg;

/**
 * What decoding builds up for one component: the tables its scans select, its DC predictor, and its coefficients
 * (progressive) or decoded samples.
 */
final class ComponentState {

    final Component component;
    final ComponentPlan plan;
    final ScaledIdct idct;
    /** Dequantisation factors in natural order, latched when the component's first scan starts. */
    int[] quant;
    /** The same in zig-zag order, 0 where the scaled IDCT ignores a coefficient ({@link ScaledIdct#zigzagFactors}). */
    int[] zigzagFactors;
    HuffmanTable dcTable;
    HuffmanTable acTable;
    /** PRED of T.81 F.2.2.1: the DC coefficient of the component's previous block in the scan. */
    int dcPredictor;
    /** Progressive only: coefficients of every block, {@link ComponentPlan#coefficientsPerBlock} a block, zig-zag. */
    short[] coefficients;
    /** Decoded samples at the block scale, {@link ComponentPlan#planeStride} a row. */
    byte[] plane;

    ComponentState(Component component, ComponentPlan plan) {
        this.component = component;
        this.plan = plan;
        this.idct = new ScaledIdct(plan.blockScale());
    }
}
