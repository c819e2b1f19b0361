#!/usr/bin/env bash
# The GitHub Action's work (action.yml runs it after installing connlint): lint with annotations,
# optionally write SARIF, and set the step's outputs. Reads the action's inputs from INPUT_*
# variables and GitHub's own (GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), so that
# crates/connlint/tests/action.rs can run it locally with a connlint that is already built.
#
#   INPUT_PATHS          connector folders or files, separated by spaces or lines (default: .)
#   INPUT_PROFILE        base | certification (default: the configuration's, else by path)
#   INPUT_FAIL_ON        error | warning | info (default: error)
#   INPUT_SARIF_FILE     also write SARIF 2.1.0 here (for github/codeql-action/upload-sarif)
#   INPUT_CHANGED_SINCE  lint only the connectors changed since this git revision
#   CONNLINT_BIN         the connlint to run (default: connlint on PATH)
#
# Exit code: connlint's (0 clean, 1 findings at or above fail-on, 2 usage or read errors).
set -uo pipefail

connlint="${CONNLINT_BIN:-connlint}"
cd "${GITHUB_WORKSPACE:-.}" || exit 2

# Paths are split on white space (a path with spaces needs a connlint.toml-level selection or
# a folder above it).
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

args=(check)
if [ -n "${INPUT_PROFILE:-}" ]; then args+=(--profile "$INPUT_PROFILE"); fi
args+=(--fail-on "${INPUT_FAIL_ON:-error}")
if [ -n "${INPUT_CHANGED_SINCE:-}" ]; then args+=(--changed-since "$INPUT_CHANGED_SINCE"); fi

write_output() {
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1" >>"$GITHUB_OUTPUT"; fi
}

if [ -n "${INPUT_SARIF_FILE:-}" ]; then
    mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
    # The SARIF run never decides the outcome: the annotated run below does.
    "$connlint" "${args[@]}" --format sarif --exit-zero --quiet --output "$INPUT_SARIF_FILE" "${paths[@]}"
    sarif_status=$?
    if [ "$sarif_status" -ne 0 ]; then
        echo "::error title=connlint::writing SARIF to $INPUT_SARIF_FILE failed (exit code $sarif_status)"
        write_output "exit-code=$sarif_status"
        exit "$sarif_status"
    fi
    write_output "sarif-file=$INPUT_SARIF_FILE"
fi

# Annotations go to standard output, where the runner reads workflow commands; the other lines
# (the totals) also go to the job summary.
output_file="$(mktemp "${RUNNER_TEMP:-/tmp}/connlint-output.XXXXXX")"
"$connlint" "${args[@]}" --format github "${paths[@]}" | tee "$output_file"
status=${PIPESTATUS[0]}
write_output "exit-code=$status"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    {
        echo "### connlint"
        echo
        grep -v '^::' "$output_file" || echo "No connector to lint."
    } >>"$GITHUB_STEP_SUMMARY"
fi
rm -f "$output_file"
exit "$status"
