#!/usr/bin/env bash
# Tags the objects that were in the bucket before the stack existed: starts an S3 Batch Operations job that invokes
# the tagger (LambdaInvoke, invocation schema 2.0) once per object, listed by a generated manifest (the bucket's
# listing, filtered by prefix and suffix) or taken from an S3 Inventory report, then follows the job until it ends and
# sums up its completion report by outcome.
#
# Needs: the stack deployed with EnableBackfill=true, the AWS CLI v2, jq, and a caller allowed s3:CreateJob and
# iam:PassRole on the stack's BackfillRoleArn, s3:DescribeJob, and s3:GetObject on the backfill bucket's reports/
# (for --dry-run, s3:ListBucket on the images bucket or s3:GetObject on the inventory). Batch Operations is billed
# per job and per object, and each object costs one function invocation: try it on a prefix first (--dry-run tells
# how many objects and what cost).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: infra/backfill.sh --stack NAME [options]

  --stack NAME                 the deployed image-tagger stack (required)
  --prefix PREFIX              only keys starting with PREFIX (default: the stack's KeyPrefix)
  --suffix SUFFIX              only keys ending with SUFFIX (default: the stack's KeySuffix)
  --inventory s3://BUCKET/KEY  take the objects from this S3 Inventory manifest.json instead of listing the
                               bucket; BUCKET must be the stack's InventoryBucketName
  --report-scope SCOPE         AllTasks or FailedTasksOnly (default: AllTasks, which the summary by outcome reads;
                               FailedTasksOnly sums up the failed tasks only)
  --priority N                 job priority, higher runs first (default: 10)
  --start                      run the job as soon as it is prepared; without it the job waits for confirmation
                               (S3 console, or the update-job-status command printed)
  --no-wait                    print how to follow the job and return as soon as it is created
  --interval SECONDS           how often the job's progress is read while following it (default: 10)
  --dry-run                    print the CreateJob request, how many objects it would process and what it would
                               cost, and create nothing
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
report_scope=AllTasks
priority=10
confirmation_required=true
dry_run=false
wait=true
interval=10

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
    --no-wait)
      wait=false
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
    --report-scope)
      [[ $2 == AllTasks || $2 == FailedTasksOnly ]] || die "--report-scope is AllTasks or FailedTasksOnly"
      report_scope=$2
      ;;
    --priority)
      [[ $2 =~ ^[0-9]+$ ]] || die "--priority takes a non-negative integer"
      priority=$2
      ;;
    --interval)
      [[ $2 =~ ^[0-9]+$ ]] || die "--interval takes a whole number of seconds"
      interval=$2
      ;;
    --region) export AWS_DEFAULT_REGION=$2 AWS_REGION=$2 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift 2
done

[[ -n $stack ]] || die "--stack is required (see --help)"
command -v aws >/dev/null || die "the AWS CLI is not installed"
command -v jq >/dev/null || die "jq is not installed"

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
    Operation: {LambdaInvoke: {FunctionArn: $function, InvocationSchemaVersion: "2.0"}},
    Report: {Bucket: $reports, Prefix: "reports", Format: "Report_CSV_20180820", Enabled: true,
      ReportScope: $scope, ExpectedBucketOwner: $account},
    ClientRequestToken: $token,
    Description: $description,
    Priority: $priority,
    RoleArn: $role
  } + $source')

# What one object costs besides the job, in us-east-1 on x86_64 (README, "Speed, memory and cost"): Lambda's
# $0.0000166667 per GB-second and $0.20 per million requests, for ~120 ms (web-sized photo) to ~130 ms (12 MP photo,
# decoded at 1/8); S3's two GetObjectTagging, GetObject and HeadObject ($0.0004 per 1,000 each) and PutObjectTagging
# ($0.005 per 1,000).
# Batch Operations: $0.25 per job and $1.00 per million objects.
estimate_cost() {
  local objects=$1 memory_mb=$2
  awk -v n="$objects" -v mb="$memory_mb" 'BEGIN {
    batch = 0.25 + n * 1.00 / 1e6
    lambda_low = n * (0.120 * mb / 1024 * 0.0000166667 + 0.20 / 1e6)
    lambda_high = n * (0.130 * mb / 1024 * 0.0000166667 + 0.20 / 1e6)
    s3 = n * (4 * 0.0004 + 0.005) / 1000
    printf "Batch Operations: $%.2f ($0.25 per job + $1.00 per million objects)\n", batch
    printf "Lambda:           $%.2f to $%.2f (%d MB, ~120 ms per web-sized photo to ~130 ms per 12 MP photo)\n",
      lambda_low, lambda_high, mb
    printf "S3 requests:      $%.2f (two tag reads, a read, a HEAD and a tag write per object)\n", s3
    printf "Estimated total:  $%.2f to $%.2f (us-east-1 prices, x86_64; objects already tagged cost less)\n",
      batch + lambda_low + s3, batch + lambda_high + s3
  }'
}

# The number of objects the job would process: the bucket's listing as the manifest generator filters it, or the
# rows of the inventory's CSV files.
count_objects() {
  if [[ -n $inventory ]]; then
    local total=0 rows file
    for file in $(aws s3 cp "$inventory" - | jq -r '.files[].key'); do
      rows=$(aws s3 cp "s3://$inventory_bucket/$file" - | gzip -dc | wc -l)
      total=$((total + rows))
    done
    echo "$total"
  else
    aws s3api list-objects-v2 --bucket "$bucket" --prefix "$prefix" --query 'Contents[].[Key, StorageClass]' \
      --output json | jq --arg suffix "$suffix" '
      [(. // [])[] | select((.[0] | endswith($suffix))
        and (.[1] | IN("STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR")))] | length'
  fi
}

if $dry_run; then
  jq . <<<"$request"
  objects=$(count_objects)
  echo "The job would process $objects objects of $described."
  memory=$(parameter MemorySize)
  estimate_cost "$objects" "${memory:-1024}"
  exit 0
fi

job_id=$(aws s3control create-job --cli-input-json "$request" --query JobId --output text)
echo "Created S3 Batch Operations job $job_id for $described"
confirm_command="aws s3control update-job-status --account-id $account --job-id $job_id --requested-job-status Ready"
report_prefix="s3://$work_bucket/reports/job-$job_id/"
if ! $wait; then
  echo "Follow it:   aws s3control describe-job --account-id $account --job-id $job_id"
  if $confirmation_required; then
    echo "Run it:      $confirm_command"
  fi
  echo "Reports:     $report_prefix"
  exit 0
fi

# Follows the job until it ends: a progress bar redrawn in place on a terminal, else a line whenever the counts or
# the status change.
follow_job() {
  local started=$SECONDS terminal=false hinted=false last_state="" state
  local job status total succeeded failed processed percent elapsed line filled
  if [[ -t 1 ]]; then terminal=true; fi
  while true; do
    job=$(aws s3control describe-job --account-id "$account" --job-id "$job_id" --output json)
    status=$(jq -r '.Job.Status' <<<"$job")
    total=$(jq -r '.Job.ProgressSummary.TotalNumberOfTasks // 0' <<<"$job")
    succeeded=$(jq -r '.Job.ProgressSummary.NumberOfTasksSucceeded // 0' <<<"$job")
    failed=$(jq -r '.Job.ProgressSummary.NumberOfTasksFailed // 0' <<<"$job")
    processed=$((succeeded + failed))
    percent=0
    if ((total > 0)); then percent=$((processed * 100 / total)); fi
    elapsed=$((SECONDS - started))
    line=$(printf '%3d%%  %d/%d tasks  succeeded %d  failed %d  elapsed %dm%02ds  %s' \
      "$percent" "$processed" "$total" "$succeeded" "$failed" $((elapsed / 60)) $((elapsed % 60)) "$status")
    if [[ $status == Suspended ]] && ! $hinted; then
      if $terminal; then echo; fi
      echo "The job waits for confirmation: $confirm_command"
      hinted=true
    fi
    state="$processed $total $succeeded $failed $status"
    if $terminal; then
      filled=$((percent * 30 / 100))
      printf '\r[%s%s] %s\033[K' "$(printf '%*s' "$filled" '' | tr ' ' '#')" \
        "$(printf '%*s' $((30 - filled)) '' | tr ' ' '.')" "$line"
    elif [[ $state != "$last_state" ]]; then
      echo "$line"
    fi
    last_state=$state
    case $status in
      Complete | Failed | Cancelled) break ;;
    esac
    sleep "$interval"
  done
  if $terminal; then echo; fi
  final_job=$job
}

# Sums up the completion report: one CSV row per task (Bucket, Key, VersionId, TaskStatus, ErrorCode,
# HTTPStatusCode, ResultMessage). ResultMessage is what the function answered: the object's outcome (ok,
# skipped-already-tagged, unsupported...), followed by ": detail" for a failure.
summarise_report() {
  local manifest key
  manifest=$(aws s3 cp "${report_prefix}manifest.json" - 2>/dev/null) || {
    echo "No completion report at $report_prefix."
    return 0
  }
  echo "Completion report: $report_prefix"
  echo "Objects by outcome:"
  for key in $(jq -r '.Results[].Key' <<<"$manifest"); do
    aws s3 cp "s3://$work_bucket/$key" -
  done | awk -F, 'NF >= 7 {
      message = $0
      for (i = 1; i <= 6; i++) sub(/^[^,]*,/, "", message)
      gsub(/^"|"$/, "", message)
      outcome = message
      sub(/:.*/, "", outcome)
      if (outcome !~ /^[a-z-]+$/) outcome = ($5 != "" ? $5 : "error") " (" $4 ")"
      count[outcome]++
    }
    END { for (o in count) printf "%10d  %s\n", count[o], o }' | LC_ALL=C sort -k1,1nr -k2
}

follow_job
status=$(jq -r '.Job.Status' <<<"$final_job")
echo "Job $job_id: $status"
if [[ $status != Complete ]]; then
  jq -r '.Job.FailureReasons[]? | "  \(.FailureCode): \(.FailureReason)"' <<<"$final_job"
fi
summarise_report
[[ $status == Complete ]]
