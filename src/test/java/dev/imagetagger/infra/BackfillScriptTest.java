package dev.imagetagger.infra;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code infra/backfill.sh} run by bash against a fake AWS CLI (src/test/resources/.../fake-aws) that answers from
 * canned files: a job followed through its states to the end, its completion report summed up, the dry run's count
 * and cost, and today's fire-and-forget behaviour behind {@code --no-wait}.
 */
class BackfillScriptTest {

    private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "infra", "backfill.sh");
    private static final String JOB = "5e1f0c1d-7a2b-4c3d-9e8f-0a1b2c3d4e5f";
    private static final String REPORTS = "s3/image-tagger-backfill/reports/job-" + JOB + "/";
    private static final Pattern PROGRESS = Pattern.compile("^ *\\d+%  \\d+/\\d+ tasks .*");

    @TempDir
    Path dir;
    private Path aws;

    @BeforeEach
    void fakeAwsCli() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        try (InputStream fake = getClass().getResourceAsStream("fake-aws")) {
            Files.copy(fake, bin.resolve("aws"));
        }
        Files.setPosixFilePermissions(bin.resolve("aws"), PosixFilePermissions.fromString("rwxr-xr-x"));
        aws = Files.createDirectories(dir.resolve("aws"));
        write("job-id", JOB + "\n");
        write("stack.json", """
                {"Outputs": [
                  {"OutputKey": "BucketName", "OutputValue": "image-tagger-images"},
                  {"OutputKey": "FunctionAliasArn",
                   "OutputValue": "arn:aws:lambda:eu-west-1:123456789012:function:tagger:live"},
                  {"OutputKey": "BackfillRoleArn", "OutputValue": "arn:aws:iam::123456789012:role/tagger-BackfillRole"},
                  {"OutputKey": "BackfillBucketName", "OutputValue": "image-tagger-backfill"}],
                 "Parameters": [
                  {"ParameterKey": "KeyPrefix", "ParameterValue": ""},
                  {"ParameterKey": "KeySuffix", "ParameterValue": ""},
                  {"ParameterKey": "MemorySize", "ParameterValue": "1024"},
                  {"ParameterKey": "InventoryBucketName", "ParameterValue": "inventories"}]}
                """);
    }

    @Test
    void followsTheJobToItsEndThenSumsUpTheReportByOutcome() throws IOException {
        jobStates(progress("Preparing", 0, 0, 0), progress("Active", 1000, 250, 0), progress("Active", 1000, 250, 0),
                progress("Active", 1000, 990, 2), progress("Complete", 1000, 995, 5));
        completionReport();

        Run run = run("--stack", "tagger", "--prefix", "photos/", "--start", "--interval", "0");

        assertEquals(0, run.exit, run.output);
        assertThat(run.output,
                containsString("Created S3 Batch Operations job " + JOB + " for s3://image-tagger-images/photos/*"));
        List<String> progress = run.lines().stream().filter(l -> PROGRESS.matcher(l).matches()).toList();
        assertEquals(4, progress.size(), "one line per change, the repeated state left out:\n" + run.output);
        assertThat(progress.get(0), containsString("  0%  0/0 tasks  succeeded 0  failed 0"));
        assertTrue(progress.get(0).endsWith("Preparing"), progress.get(0));
        assertThat(progress.get(1), containsString(" 25%  250/1000 tasks  succeeded 250  failed 0"));
        assertThat(progress.get(2), containsString(" 99%  992/1000 tasks  succeeded 990  failed 2"));
        assertThat(progress.get(3), containsString("100%  1000/1000 tasks  succeeded 995  failed 5  elapsed 0m"));
        assertTrue(progress.get(3).endsWith("Complete"), progress.get(3));
        assertThat(run.output, containsString("Job " + JOB + ": Complete"));
        assertThat(run.output,
                containsString("Completion report: s3://image-tagger-backfill/reports/job-" + JOB + "/"));
        List<String> summary = run.lines().subList(run.lines().indexOf("Objects by outcome:") + 1, run.lines().size());
        assertEquals(List.of(
                "         3  ok",
                "         2  skipped-already-tagged",
                "         1  TemporaryFailure (failed)",
                "         1  access-denied",
                "         1  unsupported"), summary);

        JsonNode request = new ObjectMapper().readTree(aws.resolve("create-job-request.json").toFile());
        assertFalse(request.path("ConfirmationRequired").asBoolean());
        assertEquals("AllTasks", request.path("Report").path("ReportScope").asText(), "the summary reads every task");
        assertFalse(request.path("Operation").path("LambdaInvoke").has("UserArguments"), "nothing reads them");
    }

    @Test
    void aJobWaitingForConfirmationSaysHowToConfirmIt() throws IOException {
        jobStates(progress("Suspended", 4, 0, 0), progress("Suspended", 4, 0, 0), progress("Active", 4, 1, 0),
                progress("Complete", 4, 4, 0));

        Run run = run("--stack", "tagger", "--interval", "0");

        assertEquals(0, run.exit, run.output);
        assertEquals(1, run.lines().stream().filter(l -> l.startsWith("The job waits for confirmation: aws s3control "
                + "update-job-status --account-id 123456789012 --job-id " + JOB + " --requested-job-status Ready"))
                .count(), run.output);
        assertThat(run.output, containsString("No completion report at s3://image-tagger-backfill/reports/job-" + JOB));
    }

    @Test
    void aFailedJobEndsTheScriptWithAnErrorAndItsReasons() throws IOException {
        jobStates(progress("Preparing", 0, 0, 0), """
                {"Job": {"JobId": "%s", "Status": "Failed",
                  "ProgressSummary": {"TotalNumberOfTasks": 0, "NumberOfTasksSucceeded": 0, "NumberOfTasksFailed": 0},
                  "FailureReasons": [{"FailureCode": "AccessDenied",
                    "FailureReason": "Reading the manifest is forbidden: 403 Forbidden"}]}}
                """.formatted(JOB));

        Run run = run("--stack", "tagger", "--start", "--interval", "0");

        assertNotEquals(0, run.exit, run.output);
        assertThat(run.output, containsString("Job " + JOB + ": Failed"));
        assertThat(run.output, containsString("  AccessDenied: Reading the manifest is forbidden: 403 Forbidden"));
    }

    @Test
    void noWaitReturnsOnceTheJobIsCreated() throws IOException {
        Run run = run("--stack", "tagger", "--no-wait");

        assertEquals(0, run.exit, run.output);
        assertThat(run.output,
                containsString("Follow it:   aws s3control describe-job --account-id 123456789012 --job-id " + JOB));
        assertThat(run.output, containsString("Run it:      aws s3control update-job-status"));
        assertThat(run.output, containsString("Reports:     s3://image-tagger-backfill/reports/job-" + JOB + "/"));
        assertThat(calls(), not(containsString("describe-job")));
    }

    @Test
    void aDryRunCountsTheListedObjectsTheJobWouldProcessAndCreatesNothing() throws IOException {
        write("list-objects.json", """
                [["photos/a.jpg", "STANDARD"], ["photos/b.JPG", "STANDARD"], ["photos/c.jpg", "INTELLIGENT_TIERING"],
                 ["photos/d.jpg", "GLACIER"], ["photos/notes.txt", "STANDARD"], ["photos/e.jpg", "GLACIER_IR"]]
                """);

        Run run = run("--stack", "tagger", "--prefix", "photos/", "--suffix", ".jpg", "--dry-run");

        assertEquals(0, run.exit, run.output);
        assertThat(run.output,
                containsString("The job would process 3 objects of s3://image-tagger-images/photos/*.jpg."));
        assertThat(run.output, containsString("Batch Operations: $0.25 "));
        assertThat(calls(), not(containsString("create-job")));
    }

    @Test
    void aDryRunOfAMillionObjectsCostsWhatTheReadmeSays() throws IOException {
        write("s3/inventories/tagger/daily/manifest.json", """
                {"destinationBucket": "arn:aws:s3:::inventories", "fileFormat": "CSV",
                 "files": [{"key": "tagger/daily/data/one.csv.gz"}, {"key": "tagger/daily/data/two.csv.gz"}]}
                """);
        inventoryRows("s3/inventories/tagger/daily/data/one.csv.gz", 600_000);
        inventoryRows("s3/inventories/tagger/daily/data/two.csv.gz", 400_000);

        Run run = run("--stack", "tagger", "--inventory", "s3://inventories/tagger/daily/manifest.json", "--dry-run");

        assertEquals(0, run.exit, run.output);
        assertThat(run.output, containsString("The job would process 1000000 objects"));
        // README, "Speed, memory and cost": Lambda $2.20 (120 ms) to $2.37 (130 ms), S3 requests $6.60 per million.
        assertThat(run.output, containsString("Batch Operations: $1.25 "));
        assertThat(run.output, containsString("Lambda:           $2.20 to $2.37 (1024 MB"));
        assertThat(run.output, containsString("S3 requests:      $6.60 "));
        assertThat(run.output, containsString("Estimated total:  $10.05 to $10.22 "));
    }

    @Test
    void onATerminalTheProgressIsABarRedrawnInPlace() throws IOException {
        jobStates(progress("Active", 200, 100, 0), progress("Complete", 200, 200, 0));

        // script(1) gives the script a pseudo-terminal as its standard output.
        Run run = runCommand(List.of("script", "-qec", "bash " + SCRIPT.toAbsolutePath() + " --stack tagger --start"
                + " --interval 0", "/dev/null"));

        assertEquals(0, run.exit, run.output);
        assertThat(run.output, containsString("\r[###############...............]  50%  100/200 tasks"));
        assertThat(run.output, containsString("\r[##############################] 100%  200/200 tasks"));
    }

    @Test
    void userArgumentsAreGoneBecauseTheFunctionReadsNone() throws IOException {
        Run run = run("--stack", "tagger", "--user-argument", "force=true");

        assertEquals(2, run.exit, run.output);
        assertThat(run.output, containsString("unknown option --user-argument"));
    }

    private static String progress(String status, int total, int succeeded, int failed) {
        return """
                {"Job": {"JobId": "%s", "Status": "%s", "ProgressSummary": {"TotalNumberOfTasks": %d,
                  "NumberOfTasksSucceeded": %d, "NumberOfTasksFailed": %d}}}
                """.formatted(JOB, status, total, succeeded, failed);
    }

    private void jobStates(String... answers) throws IOException {
        for (int i = 0; i < answers.length; i++) {
            write("describe-job-" + (i + 1) + ".json", answers[i]);
        }
    }

    /** A report in S3's format: a manifest naming one CSV of succeeded tasks and one of failed tasks. */
    private void completionReport() throws IOException {
        String results = "reports/job-" + JOB + "/results/";
        write(REPORTS + "manifest.json", """
                {"Format": "Report_CSV_20180820", "ReportCreationDate": "2026-11-30T16:00:00.000Z",
                 "Results": [
                  {"TaskExecutionStatus": "succeeded", "Bucket": "image-tagger-backfill", "Key": "%1$ssucceeded.csv"},
                  {"TaskExecutionStatus": "failed", "Bucket": "image-tagger-backfill", "Key": "%1$sfailed.csv"}],
                 "ReportSchema": "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"}
                """.formatted(results));
        write(REPORTS + "results/succeeded.csv", """
                image-tagger-images,photos/a.jpg,,succeeded,200,,ok
                image-tagger-images,photos/b%2Cc.jpg,,succeeded,200,,ok
                image-tagger-images,photos/d.jpg,3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY,succeeded,200,,ok
                image-tagger-images,photos/e.jpg,,succeeded,200,,skipped-already-tagged
                image-tagger-images,photos/f.jpg,,succeeded,200,,skipped-already-tagged
                image-tagger-images,photos/notes.jpg,,succeeded,200,,unsupported
                """);
        write(REPORTS + "results/failed.csv", """
                image-tagger-images,photos/g.jpg,,failed,PermanentFailure,200,"access-denied: Access Denied (Service: S3)"
                image-tagger-images,photos/h.jpg,,failed,TemporaryFailure,200,"S3 did not answer in time, try again"
                """);
    }

    private void inventoryRows(String path, int rows) throws IOException {
        Path file = aws.resolve(path);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            byte[] row = "\"image-tagger-images\",\"photos/p.jpg\"\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < rows; i++) {
                out.write(row);
            }
        }
    }

    private void write(String path, String text) throws IOException {
        Path file = aws.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String calls() throws IOException {
        Path log = aws.resolve("calls.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Run run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        return runCommand(command);
    }

    private Run runCommand(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_AWS_DIR", aws.toString());
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "backfill.sh did not end");
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exit, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }
}
