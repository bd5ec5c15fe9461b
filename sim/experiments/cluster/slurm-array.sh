#!/usr/bin/env bash
# An aigov sweep on Slurm: a job array of 8 tasks, one shard each, then a merge.
#
#   bash sim/experiments/cluster/slurm-array.sh      # submits the array and the merge after it
#
# Slurm gives task i the environment variable SLURM_ARRAY_TASK_ID=i; with
# --array=0-7 that is 0..7, and `--shard auto/8` reads it. Keep SHARDS equal to
# the size of --array. All tasks write into one directory on the shared file
# system; a task that is requeued resumes where it stopped. The merge job runs
# once every task has succeeded and writes results.json, summary.csv, … there.
#
# Settings come from the environment: SCENARIO, OUT, and AIGOV (how to start
# aigov, default `npx aigov`, run from the project directory).
#SBATCH --job-name=aigov-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=aigov-sweep-%A_%a.log
set -euo pipefail

SHARDS=8
SCENARIO="${SCENARIO:-scenarios/sweep.yaml}"
OUT="${OUT:-out/sweep}"
AIGOV="${AIGOV:-npx aigov}"

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
  # not inside the array: submit it, and the merge to run when every task has succeeded
  array=$(sbatch --parsable --export=ALL "$0")
  sbatch --dependency="afterok:${array}" --job-name=aigov-merge --export=ALL \
    --output=aigov-merge-%j.log --wrap "${AIGOV} merge '${OUT}' --out '${OUT}'"
  echo "submitted array job ${array} (${SHARDS} shards) and its merge into ${OUT}"
  exit 0
fi

# one shard: the run list's runs k with k mod SHARDS = SLURM_ARRAY_TASK_ID
${AIGOV} sweep "${SCENARIO}" --out "${OUT}" --shard "auto/${SHARDS}" --workers "${SLURM_CPUS_PER_TASK:-1}"
