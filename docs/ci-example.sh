#!/usr/bin/env bash
# Provision → test → destroy, for any CI system: request an environment, wait until it is ready,
# run the test command given as arguments with the environment's outputs in its environment
# (URL, SSH, ... — `hangar templates show <template>` lists them), and destroy it at the end,
# also when provisioning or the tests fail. The script exits with the tests' exit code.
#
#   HANGAR_URL=https://hangar.example.com HANGAR_TOKEN=hgr_... \
#     docs/ci-example.sh npm run test:e2e
#
# Settings (environment variables): HANGAR_URL and HANGAR_TOKEN (a write-scoped token; a team
# service token suits CI), HANGAR_TEMPLATE (default web-dev), HANGAR_ENV_NAME (default ci-<run
# id>), HANGAR_PARAMS (space-separated key=value pairs), HANGAR_TTL (default 2h: a job that dies
# without cleaning up still frees its servers when the lease ends).
set -euo pipefail

: "${HANGAR_URL:?set HANGAR_URL to the Hangar server}"
: "${HANGAR_TOKEN:?set HANGAR_TOKEN to an API token (Settings → API tokens)}"
if [ "$#" -eq 0 ]; then
  echo "usage: $0 <test command...>" >&2
  exit 2
fi

template="${HANGAR_TEMPLATE:-web-dev}"
run_id="${GITHUB_RUN_ID:-${CI_PIPELINE_ID:-${BUILD_NUMBER:-$(date +%s)}}}"
name="${HANGAR_ENV_NAME:-ci-${run_id}}"
params=()
for pair in ${HANGAR_PARAMS:-}; do params+=(--param "$pair"); done

echo "--- requesting ${name} from ${template}" >&2
# Only an environment this job created is destroyed: a refused request (say, the name is taken)
# ends the script here, before the trap below exists.
id="$(hangar env create "$template" --name "$name" --ttl "${HANGAR_TTL:-2h}" ${params[@]+"${params[@]}"} --quiet)"

# From here on the environment is destroyed however the script ends: tests failing, provisioning
# failing, the job canceled. The script's exit code stays the one that ended it.
cleanup() {
  local status=$?
  echo "--- destroying ${name}" >&2
  hangar env destroy "$id" --yes --wait --timeout 15m >&2 || echo "warning: could not destroy ${name} (${id}); its lease will end it" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

hangar env wait "$id" --timeout 20m >&2

# The outputs as exported shell variables (url → URL, ssh → SSH), for the tests to read.
eval "$(hangar env outputs "$id" --export)"

echo "--- testing against ${name}" >&2
"$@"
