package dev.imagetagger.model;

/** Thrown at start-up when the configured model descriptor does not match the ONNX model it names. */
public class ModelMismatchException extends RuntimeException {

    public ModelMismatchException(String message) {
        super(message);
    }
}
