package dev.imagetagger.events;

import java.util.List;

/**
 * Thrown, after every object of an invocation was tried, when some could not be tagged for a reason a retry may fix;
 * it fails the invocation so that Lambda retries it and, after its retries, sends it to the on-failure destination.
 * Like {@link UnrecognisedEventException}, it carries no stack trace: each failure was logged when it happened.
 */
public class ObjectsNotTaggedException extends RuntimeException {

    public ObjectsNotTaggedException(List<String> failures) {
        super(failures.size() + " object(s) not tagged, will be retried: " + String.join("; ", failures), null, false,
                false);
    }
}
