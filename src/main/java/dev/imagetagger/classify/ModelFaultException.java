package dev.imagetagger.classify;

/**
 * Thrown when the model's outputs are not finite numbers: a fault of the model or of the pipeline that fed it, never a
 * verdict on the image, so nothing is tagged and the object goes back to its trigger's retry path.
 */
public class ModelFaultException extends RuntimeException {

    public ModelFaultException(String message) {
        super(message);
    }
}
