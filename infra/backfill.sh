#!/usr/bin/env bash
# Tags the objects that were in the bucket before the stack existed: starts an S3 Batch Operations job that invokes
# the tagger (LambdaInvoke, invocation schema 2.0) once per object, listed by a generated manifest (the bucket's
# listing, filtered by prefix and suffix) or taken from an S3 Inventory report.
#
# Needs: the stack deployed with EnableBackfill=true, the AWS CLI v2, jq, and a caller allowed s3:CreateJob and
# iam:PassRole on the stack's BackfillRoleArn. Batch Operations is billed per job and per object, and each object
# costs one function invocation: try it on a prefix first.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: infra/backfill.sh --stack NAME [options]

  --stack NAME                 the deployed image-tagger stack (required)
  --prefix PREFIX              only keys starting with PREFIX (default: the stack's KeyPrefix)
  --suffix SUFFIX              only keys ending with SUFFIX (default: the stack's KeySuffix)
  --inventory s3://BUCKET/KEY  take the objects from this S3 Inventory manifest.json instead of listing the
                               bucket; BUCKET must be the stack's InventoryBucketName
  --user-argument KEY=VALUE    passed to the function in the job's UserArguments; repeatable, at most 10
  --report-scope SCOPE         AllTasks or FailedTasksOnly (default: FailedTasksOnly)
  --priority N                 job priority, higher runs first (default: 10)
  --start                      run the job as soon as it is prepared; without it the job waits for confirmation
                               (S3 console, or the update-job-status command printed at the end)
  --dry-run                    print the CreateJob request instead of sending it
  --region REGION              the stack's region (default: the CLI's)
USAGE
}

die() {
  echo "backfill: $*" >&2
  exit 2
}

stack=""
prefix=""
prefix_given=false
suffix=""
suffix_given=false
inventory=""
user_arguments='{}'
report_scope=FailedTasksOnly
priority=10
confirmation_required=true
dry_run=false

while (($# > 0)); do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --start)
      confirmation_required=false
      shift
      continue
      ;;
    --dry-run)
      dry_run=true
      shift
      continue
      ;;
  esac
  (($# >= 2)) || die "$1 needs a value (see --help)"
  case "$1" in
    --stack) stack=$2 ;;
    --prefix)
      prefix=$2
      prefix_given=true
      ;;
    --suffix)
      suffix=$2
      suffix_given=true
      ;;
    --inventory) inventory=$2 ;;
    --user-argument)
      [[ $2 == ?*=* ]] || die "--user-argument takes KEY=VALUE, not '$2'"
      user_arguments=$(jq -c --arg k "${2%%=*}" --arg v "${2#*=}" '. + {($k): $v}' <<<"$user_arguments")
      ;;
    --report-scope)
      [[ $2 == AllTasks || $2 == FailedTasksOnly ]] || die "--report-scope is AllTasks or FailedTasksOnly"
      report_scope=$2
      ;;
    --priority)
      [[ $2 =~ ^[0-9]+$ ]] || die "--priority takes a non-negative integer"
      priority=$2
      ;;
    --region) export AWS_DEFAULT_REGION=$2 AWS_REGION=$2 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift 2
done

[[ -n $stack ]] || die "--stack is required (see --help)"
command -v aws >/dev/null || die "the AWS CLI is not installed"
command -v jq >/dev/null || die "jq is not installed"
(($(jq length <<<"$user_arguments") <= 10)) || die "at most 10 --user-argument"

stack_json=$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0]' --output json)
output() { jq -r --arg key "$1" '[.Outputs[]? | select(.OutputKey == $key) | .OutputValue][0] // ""' <<<"$stack_json"; }
parameter() { jq -r --arg key "$1" '[.Parameters[]? | select(.ParameterKey == $key) | .ParameterValue][0] // ""' <<<"$stack_json"; }

bucket=$(output BucketName)
function_arn=$(output FunctionAliasArn)
role_arn=$(output BackfillRoleArn)
work_bucket=$(output BackfillBucketName)
[[ -n $role_arn && -n $work_bucket ]] || die "stack $stack has no backfill role: deploy it with EnableBackfill=true"
[[ -n $bucket && -n $function_arn ]] || die "stack $stack lacks the BucketName or FunctionAliasArn output"
$prefix_given || prefix=$(parameter KeyPrefix)
$suffix_given || suffix=$(parameter KeySuffix)

partition=${function_arn#arn:}
partition=${partition%%:*}
account=$(aws sts get-caller-identity --query Account --output text)
work_bucket_arn="arn:$partition:s3:::$work_bucket"

if [[ -n $inventory ]]; then
  [[ $inventory =~ ^s3://([^/]+)/(.+/manifest\.json)$ ]] || die "--inventory names an inventory's s3://BUCKET/.../manifest.json"
  inventory_bucket=${BASH_REMATCH[1]}
  inventory_key=${BASH_REMATCH[2]}
  [[ $inventory_bucket == "$(parameter InventoryBucketName)" ]] ||
    die "the backfill role reads inventories only in the stack's InventoryBucketName, not $inventory_bucket"
  if [[ -n $prefix || -n $suffix ]]; then
    echo "backfill: an inventory is processed whole; the function itself skips keys outside the prefix and suffix" >&2
  fi
  etag=$(aws s3api head-object --bucket "$inventory_bucket" --key "$inventory_key" --query ETag --output text)
  source_json=$(jq -n --arg arn "arn:$partition:s3:::$inventory_bucket/$inventory_key" --arg etag "${etag//\"/}" \
    '{Manifest: {Spec: {Format: "S3InventoryReport_CSV_20161130"}, Location: {ObjectArn: $arn, ETag: $etag}}}')
  described="s3://$bucket from inventory $inventory"
else
  # Archived storage classes are left out: the function could not read those objects without a restore.
  source_json=$(jq -n --arg account "$account" --arg bucket "arn:$partition:s3:::$bucket" --arg out "$work_bucket_arn" \
    --arg prefix "$prefix" --arg suffix "$suffix" '
    {ManifestGenerator: {S3JobManifestGenerator: {
      ExpectedBucketOwner: $account,
      SourceBucket: $bucket,
      EnableManifestOutput: true,
      ManifestOutputLocation: {
        ExpectedManifestBucketOwner: $account, Bucket: $out, ManifestPrefix: "manifests",
        ManifestFormat: "S3InventoryReport_CSV_20211130"},
      Filter: ({MatchAnyStorageClass: ["STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR"]}
        + (if ($prefix + $suffix) == "" then {} else {KeyNameConstraint: (
            (if $prefix == "" then {} else {MatchAnyPrefix: [$prefix]} end)
            + (if $suffix == "" then {} else {MatchAnySuffix: [$suffix]} end))} end))}}}')
  described="s3://$bucket/$prefix*$suffix"
fi

token=$( (uuidgen 2>/dev/null || cat /proc/sys/kernel/random/uuid) | tr '[:upper:]' '[:lower:]')
request=$(jq -n \
  --arg account "$account" \
  --argjson confirm "$confirmation_required" \
  --arg function "$function_arn" \
  --argjson user_arguments "$user_arguments" \
  --arg reports "$work_bucket_arn" \
  --arg scope "$report_scope" \
  --arg token "$token" \
  --arg description "image-tagger backfill of ${described:0:200}" \
  --argjson priority "$priority" \
  --arg role "$role_arn" \
  --argjson source "$source_json" '
  {
    AccountId: $account,
    ConfirmationRequired: $confirm,
    Operation: {LambdaInvoke: ({FunctionArn: $function, InvocationSchemaVersion: "2.0"}
      + (if $user_arguments == {} then {} else {UserArguments: $user_arguments} end))},
    Report: {Bucket: $reports, Prefix: "reports", Format: "Report_CSV_20180820", Enabled: true,
      ReportScope: $scope, ExpectedBucketOwner: $account},
    ClientRequestToken: $token,
    Description: $description,
    Priority: $priority,
    RoleArn: $role
  } + $source')

if $dry_run; then
  jq . <<<"$request"
  exit 0
fi

job_id=$(aws s3control create-job --cli-input-json "$request" --query JobId --output text)
echo "Created S3 Batch Operations job $job_id for $described"
echo "Follow it:   aws s3control describe-job --account-id $account --job-id $job_id"
if $confirmation_required; then
  echo "Run it:      aws s3control update-job-status --account-id $account --job-id $job_id --requested-job-status Ready"
fi
echo "Reports:     s3://$work_bucket/reports/job-$job_id/"
