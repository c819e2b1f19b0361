#!/usr/bin/env bash
# The `connlint` pre-commit hook (see .pre-commit-hooks.yaml): builds connlint from this checkout
# once, then runs it with the arguments pre-commit gives (`check` and the changed files).
#
# pre-commit's `language: rust` cannot be used: it runs `cargo install --path .` at the repository
# root, and the root Cargo.toml is a workspace without a package. This script does the same
# install, from crates/connlint, into a folder inside pre-commit's clone of this repository, so it
# happens once per hook version and `pre-commit clean` removes it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
env_dir="$here/target/pre-commit-hook"
bin="$env_dir/bin/connlint"
if [ ! -x "$bin" ]; then
    if ! command -v cargo >/dev/null 2>&1; then
        echo "connlint pre-commit hook: cargo is needed to build connlint (https://rustup.rs)," >&2
        echo "or install connlint yourself and use the hook \`connlint-system\`" >&2
        exit 2
    fi
    echo "connlint pre-commit hook: building connlint (once per hook version, a few minutes)" >&2
    # Install into a private folder, then move the binary into place, so that an interrupted or
    # concurrent build never leaves a half-written binary behind.
    mkdir -p "$env_dir/bin"
    tmp_root="$(mktemp -d "$env_dir/install.XXXXXX")"
    trap 'rm -rf "$tmp_root"' EXIT
    cargo install --quiet --locked --bins --root "$tmp_root" --path "$here/crates/connlint" >&2
    mv -f "$tmp_root/bin/connlint" "$bin"
    rm -rf "$tmp_root"
    trap - EXIT
fi
exec "$bin" "$@"
