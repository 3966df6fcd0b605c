package dev.imagetagger.api;

import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.ClassifyConfig;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.image.ImageTooLargeException;
import dev.imagetagger.image.Rejection;
import dev.imagetagger.storage.ObjectRef;
import dev.imagetagger.storage.S3Config;
import dev.imagetagger.tagging.ObjectTagger;
import dev.imagetagger.tagging.Outcome;
import dev.imagetagger.tagging.TaggingLog;
import dev.imagetagger.tagging.TaggingResult;

/**
 * {@code POST /classify}: classify the image in the request body, or (JSON body) an S3 object on the allow-list,
 * optionally writing the result onto it as tags.
 */
@Path("/classify")
@Tag(name = "classify")
@APIResponse(responseCode = "400", description = "invalid-parameter: a malformed topK or minScore (plain decimals"
        + " only), or a JSON body without bucket and key; invalid-json: a body sent as JSON that is not JSON, or not an"
        + " object of this shape (the detail names the field); s3-invalid-request: S3 refused the request for good (a"
        + " malformed versionId, an object encrypted with a customer-provided key).", content = @Content(
                mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "bucket-not-allowed: a bucket outside the allow-list (nothing is"
        + " read); s3-access-denied: S3 refused the function access.", content = @Content(
                mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "object-not-found: the S3 object does not exist;"
        + " s3-delete-marker: the version named is a delete marker; not-found: a path the API does not have.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "405", description = "method-not-allowed: a method other than POST; the Allow header"
        + " names the one allowed.", content = @Content(mediaType = Problem.MEDIA_TYPE,
                schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "s3-object-archived: the S3 object is archived; restore it first.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "413", description = "too-large: over the byte size or the pixel count.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "415", description = "unsupported: not an image, a format not decoded (HEIC, AVIF),"
        + " or a folder marker (not tagged); unsupported-media-type: a body of another media type (the detail lists"
        + " those accepted).", content = @Content(mediaType = Problem.MEDIA_TYPE,
                schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "corrupt: a broken or truncated image.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "500", description = "internal: an unexpected failure (see the function's log);"
        + " model-fault: the model answered with non-finite scores.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "s3-unavailable: S3 failed in a way a retry may fix.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClassifyResource {

    private static final String TOP_K = "Classes in the answer (default tagger.classify.top-k, 5), at most"
            + " tagger.api.max-top-k (100).";
    private static final String MIN_SCORE = "Classes below this probability are left out (default 0).";

    private final Classifier classifier;
    private final ObjectTagger tagger;
    private final ClassifyConfig defaults;
    private final ApiConfig api;
    private final Set<String> allowedBuckets;
    private final TaggingLog log;

    public ClassifyResource(Classifier classifier, ObjectTagger tagger, ClassifyConfig defaults, ApiConfig api,
            S3Config s3, TaggingLog log) {
        this.classifier = classifier;
        this.tagger = tagger;
        this.log = log;
        this.defaults = defaults;
        this.api = api;
        this.allowedBuckets = s3.allowedBuckets().orElse(Set.of());
    }

    @POST
    @Consumes({ "image/*", MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify an image", description = "The image as the body (image/*, at most 4.5 MiB), or"
            + " an S3 object by reference (application/json), optionally tagging it.")
    @APIResponse(responseCode = "200", description = "A Classification for an image body, an ObjectAnswer for a"
            + " reference.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = { Classification.class, ObjectAnswer.class })))
    public Classification classify(byte[] body, @QueryParam("topK") @Parameter(description = TOP_K,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String topK,
            @QueryParam("minScore") @Parameter(description = MIN_SCORE,
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "1")) String minScore) {
        int k = QueryParameters.intIn("topK", topK, defaults.topK(), 1, api.maxTopK());
        float min = QueryParameters.floatIn("minScore", minScore, defaults.minScore(), 0, 1);
        if (body.length > api.maxBodyBytes()) {
            throw new ImageTooLargeException("The body is " + body.length + " bytes; at most " + api.maxBodyBytes()
                    + " bytes fit through API Gateway and Lambda. Upload the image to S3 and classify it by reference.");
        }
        return classifier.classify(body, k, min);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectAnswer classifyObject(ObjectReference request,
            @QueryParam("topK") @Parameter(description = TOP_K,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String topK,
            @QueryParam("minScore") @Parameter(description = MIN_SCORE,
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "1")) String minScore,
            @Context com.amazonaws.services.lambda.runtime.Context lambda) {
        int k = QueryParameters.intIn("topK", topK, defaults.topK(), 1, api.maxTopK());
        float min = QueryParameters.floatIn("minScore", minScore, defaults.minScore(), 0, 1);
        if (request == null) {
            throw new ProblemAnswer(ProblemMappers.invalidJson("the body is empty or null."));
        }
        if (isBlank(request.bucket()) || isBlank(request.key())) {
            throw new InvalidParameterException("The JSON body needs a bucket and a key.");
        }
        if (!allowedBuckets.contains(request.bucket())) {
            throw new BucketNotAllowedException(request.bucket());
        }
        ObjectRef object = new ObjectRef(request.bucket(), request.key(), request.versionId(), null);
        if (!Boolean.TRUE.equals(request.tag())) {
            return answer(request, "classified", false, tagger.classify(object, k, min));
        }
        TaggingResult result = tagger.tag(object, ObjectTagger.Trigger.EXPLICIT);
        log.record(lambda == null ? null : lambda.getAwsRequestId(), "http", result);
        Outcome outcome = result.outcome();
        if (outcome == Outcome.OK || outcome == Outcome.NO_ROOM) {
            return answer(request, outcome.id(), outcome == Outcome.OK, result.classification());
        }
        throw new ProblemAnswer(problem(result));
    }

    /** The problem answering an object that was not classified: rejected (and tagged with why), refused or gone. */
    private static Response problem(TaggingResult result) {
        Outcome outcome = result.outcome();
        if (outcome.rejection() != null) {
            return ProblemMappers.rejected(outcome.rejection(),
                    result.detail() + " The object was tagged with status " + outcome.id() + ".");
        }
        if (outcome.refusal() != null) {
            return ProblemMappers.refused(outcome.refusal(), result.detail());
        }
        if (outcome == Outcome.SKIPPED_GONE) {
            return ProblemMappers.gone(result.detail());
        }
        if (outcome == Outcome.SKIPPED_FOLDER) {
            return ProblemMappers.rejected(Rejection.UNSUPPORTED, result.detail());
        }
        throw new IllegalStateException("An explicit request is never skipped, yet it was: " + outcome.id());
    }

    private static ObjectAnswer answer(ObjectReference request, String outcome, boolean tagged,
            Classification classification) {
        return new ObjectAnswer(request.bucket(), request.key(), request.versionId(), outcome, tagged, classification);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
