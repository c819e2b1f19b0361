#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml: runs the `connlint` hook with pre-commit on a git
# repository holding the broken sample connector (must fail, naming a finding) and on one holding
# the clean connector (must pass). Needs python3 (with venv) and git; installs pre-commit from PyPI
# into target/pre-commit-venv. The hook builds connlint in release mode on first use (a few
# minutes on two cores).
#
# Each run uses `pre-commit try-repo`, which clones the hook repository afresh, so the hook builds
# connlint twice; the build here skips LTO to keep that short (users get the full release build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

venv="$root/target/pre-commit-venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python3" -m pip install --quiet pre-commit
fi
pre_commit="$venv/bin/pre-commit"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git_quiet() { git -c user.name=connlint-ci -c user.email=ci@connlint.invalid -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# pre-commit needs the hook repository as git history with the hook file committed. Copy the working
# tree (tracked and untracked files, not ignored ones) into a fresh repository, so that this works
# the same in a CI clone and in a working tree with uncommitted changes.
hook_repo="$work/hook-repo"
mkdir -p "$hook_repo"
git ls-files -z --cached --others --exclude-standard \
    | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null \
    | tar -xf - -C "$hook_repo"
git_quiet -C "$hook_repo" init -q
git_quiet -C "$hook_repo" add -A
git_quiet -C "$hook_repo" commit -q -m "connlint under test"
hook_rev="$(git -C "$hook_repo" rev-parse HEAD)"

# Runs the hook on a new repository holding a copy of testdata/connectors/$1; sets $status, $output.
run_hook() {
    local project="$work/project-$1"
    mkdir -p "$project"
    cp -R "$root/testdata/connectors/$1" "$project/MyConnector"
    git_quiet -C "$project" init -q
    git_quiet -C "$project" add -A
    git_quiet -C "$project" commit -q -m "connector"
    set +e
    output="$(cd "$project" && PRE_COMMIT_HOME="$work/pre-commit-home" NO_COLOR=1 \
        CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        "$pre_commit" try-repo "$hook_repo" connlint --ref "$hook_rev" --all-files --verbose --color never 2>&1)"
    status=$?
    set -e
}

fail() {
    echo "pre-commit test: $1" >&2
    echo "--- pre-commit output ---" >&2
    echo "$output" >&2
    exit 1
}

run_hook sample
[ "$status" -ne 0 ] || fail "the hook passed on the broken sample connector"
grep -q "operation \`GET /tasks\` has no operationId" <<<"$output" || fail "the sample's operation-id-missing finding is not in the output"
grep -q "1 connector" <<<"$output" || fail "the sample connector was not linted exactly once"

run_hook clean
[ "$status" -eq 0 ] || fail "the hook failed on the clean connector (exit $status)"
grep -q "0 errors, 0 warnings, 0 infos in 3 files of 1 connector" <<<"$output" || fail "connlint's summary for the clean connector is missing"

echo "pre-commit test: ok"
