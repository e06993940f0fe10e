#!/usr/bin/env bash
# Benchmarks apibind against cargo-progenitor and openapi-generator on the Engage
# Digital corpus, then apibind alone on a synthetic 3,000-file docs folder
# (bench/synth_docs.py), and writes BENCHMARKS.md.
# `bench/run.sh [--install] [--runs N] [--skip-crates] [--skip-scale | --only-scale | --only-specs]`;
# `--only-scale` (the synthetic folder) and `--only-specs` (oxide-nexus.json against
# cargo-progenitor) print their section and leave BENCHMARKS.md alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export APIBIND_CORPUS="${APIBIND_CORPUS:-$(cd .. && pwd)/shared/corpus}"
python3 -c "import yaml" 2>/dev/null || python3 -m pip install --quiet pyyaml
exec python3 bench/bench.py "$@"
