package dev.imagetagger.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.imagetagger.model.ModelInfo;
import dev.imagetagger.model.ModelSession;

/** {@code GET /model}: the model descriptor in force, its sha256 and label count. */
@Path("/model")
@Tag(name = "model")
public class ModelResource {

    private final ModelSession session;

    public ModelResource(ModelSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The model in force", description = "The model descriptor, its file's sha256 and its"
            + " label count.")
    @APIResponse(responseCode = "200", description = "The model in force.")
    @APIResponse(responseCode = "405", description = "method-not-allowed: a method other than GET; the Allow header"
            + " names the one allowed.", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = "internal: an unexpected failure (see the function's log).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ModelInfo model() {
        return session.info();
    }
}
