package dev.imagetagger.tagging;

import dev.imagetagger.image.ImageRejectedException;
import dev.imagetagger.image.Rejection;

/** A folder marker named by a caller: not an image, so refused as unsupported, and never tagged. */
public class FolderMarkerException extends ImageRejectedException {

    FolderMarkerException(String message) {
        super(Rejection.UNSUPPORTED, message);
    }
}
