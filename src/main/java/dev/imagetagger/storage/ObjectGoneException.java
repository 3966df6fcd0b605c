package dev.imagetagger.storage;

/** Thrown when the object (or the version an event names) was deleted or overwritten since the event. */
public class ObjectGoneException extends RuntimeException {

    public ObjectGoneException(String message) {
        super(message, null, false, false);
    }
}
