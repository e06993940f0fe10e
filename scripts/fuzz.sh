#!/usr/bin/env bash
# Fuzzes every parser for a bounded time each: `scripts/fuzz.sh [SECONDS] [TARGET...]`.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain it runs with
# RUSTC_BOOTSTRAP=1 for the sanitizer flags. The corpus of each target lives in
# fuzz/corpus/<target> (not committed) and is seeded from the project's fixtures.
# A crash is saved under fuzz/artifacts/<target>: turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=($(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v apibind-fuzz))
fi
export RUSTC_BOOTSTRAP=1

seed() {
    local target=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    case $target in
        markdown|pipeline) find spec generator/tests/fixtures -name '*.md' -exec cp {} "$dir/" \; ;;
        overlay) find spec generator/tests/fixtures -name '*.yaml' -exec sh -c 'cp "$1" "'"$dir"'/$(echo "$1" | tr / _)"' _ {} \; ;;
        openapi) find generator/tests/fixtures/openapi -type f -exec sh -c 'cp "$1" "'"$dir"'/$(echo "$1" | tr / _)"' _ {} \; ;;
    esac
}

for target in "${targets[@]}"; do
    seed "$target"
    echo "== fuzzing $target for ${seconds}s"
    cargo fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$seconds" -max_len=65536 2>&1 \
        | grep -E "^(#[0-9]+\s+DONE|==[0-9]+==|SUMMARY|Done [0-9]+ runs)" || true
done
