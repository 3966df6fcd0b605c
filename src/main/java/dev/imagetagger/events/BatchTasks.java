package dev.imagetagger.events;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imagetagger.storage.ObjectRef;

/** Reads the object of an S3 Batch Operations task: schema 1.0 names the bucket by ARN, 2.0 by name. */
final class BatchTasks {

    private static final String BUCKET_ARN = "arn:aws:s3:::";

    private BatchTasks() {
    }

    static ObjectRef object(JsonNode task, String schema) {
        String bucket;
        if (task.hasNonNull("s3Bucket")) {
            bucket = S3Notifications.required(task, "s3Bucket");
        } else {
            String arn = S3Notifications.required(task, "s3BucketArn");
            if (!arn.startsWith(BUCKET_ARN)) {
                throw new UnrecognisedEventException("Schema " + schema + " task has an unexpected bucket ARN.");
            }
            bucket = arn.substring(BUCKET_ARN.length());
        }
        return new ObjectRef(bucket, S3Notifications.decodeKey(S3Notifications.required(task, "s3Key")),
                S3Notifications.optional(task, "s3VersionId"), null);
    }
}
