#!/usr/bin/env python3
"""Side-by-side benchmark of apibind, cargo-progenitor, openapi-to-rust and
openapi-generator.

Run from the repository root: `bench/run.sh [--install] [--runs N]`. It prints a
table with ratios and writes it to BENCHMARKS.md. Every figure is measured in this
run, on this machine; nothing here is an assertion.

Measured:
- generation time (min and median of N whole-process runs) and peak memory (max RSS)
  for each tool on the same input;
- apibind's generator at the dev profile (what build.rs pays on every spec change);
- the generated crates: lines of Rust, `cargo check` time once dependencies are built,
  and clippy warnings;
- scale: a synthetic folder of 3,000 docs (300 API docs with 950 operations, 2,700
  model docs) written by `bench/synth_docs.py` into a temporary directory: generation
  time and memory, on every core and on one, and the crate's lines, `cargo check` time
  and memory, and clippy warnings. `--skip-scale` leaves it out; `--only-scale` runs
  only it and prints its section without writing BENCHMARKS.md.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # no bench/__pycache__ left in the tree
from synth_docs import generate as synth_docs  # noqa: E402 (after the line above)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("APIBIND_CORPUS", ROOT.parent / "shared" / "corpus")) / "engage-digital"
# The scale row's goal, from the issue: these many docs generated in under this long.
SCALE_APIS, SCALE_OPERATIONS, SCALE_GOAL = 300, 950, 0.5


def run_measured(cmd, cwd=None, env=None):
    """Runs `cmd` as a whole process; returns (seconds, max RSS in MiB, exit code).
    The RSS comes from GNU time, which sees the command alone (a child's rusage would
    include the Python interpreter it was forked from)."""
    with tempfile.NamedTemporaryFile() as rss_file:
        full = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name, *map(str, cmd)]
        start = time.perf_counter()
        proc = subprocess.run(full, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace")[-2000:]
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{err}")
        rss_kib = int(Path(rss_file.name).read_text().split()[-1])
    return elapsed, rss_kib / 1024, proc.returncode


def timed(cmd, runs, cwd=None, env=None, fresh=None):
    """Min and median seconds and the largest max RSS over `runs` runs; `fresh` is a
    directory removed before each run, so every run writes everything."""
    times, rss = [], []
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        t, m, _ = run_measured(cmd, cwd=cwd, env=env)
        times.append(t)
        rss.append(m)
    return {"min": min(times), "median": statistics.median(times), "rss": max(rss)}


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return (out.stdout or out.stderr).strip().splitlines()[-1]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "not installed"


def progenitor_input(work):
    """cargo-progenitor rejects the raw spec: give the Timezone schemas a type and
    drop the multipart body, in a copy, as JSON."""
    spec = yaml.safe_load((CORPUS / "openapi.yaml").read_text())
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        for prop in (schema.get("properties") or {}).values():
            if "format" in prop and "type" not in prop:
                # The format names the intended type (`format: integer`).
                kind = prop.pop("format")
                prop["type"] = kind if kind in ("string", "integer", "number", "boolean") else "string"
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and "requestBody" in op:
                content = op["requestBody"].get("content", {})
                if any(k.startswith("multipart/") for k in content):
                    del op["requestBody"]
    path = work / "openapi-for-progenitor.json"
    path.write_text(json.dumps(spec, default=str))
    return path


def o2r_crate(crate):
    """Makes openapi-to-rust's module tree (in `crate/src/engage`) a crate, with the
    dependencies it lists in its `REQUIRED_DEPS.toml`."""
    deps = (crate / "src" / "engage" / "REQUIRED_DEPS.toml").read_text()
    (crate / "Cargo.toml").write_text(
        '[package]\nname = "bench-o2r"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n\n' + deps)
    (crate / "src" / "lib.rs").write_text("//! openapi-to-rust's client.\npub mod engage;\n")
    return crate


def rust_lines(crate):
    """(all lines, lines of code: neither blank nor comments)."""
    total = code = 0
    for path in (crate / "src").rglob("*.rs"):
        for line in path.open(errors="replace"):
            total += 1
            stripped = line.strip()
            code += bool(stripped) and not stripped.startswith("//")
    return total, code


def check_and_clippy(crate, target):
    """`cargo check` time (best of three) and max RSS (rustc's) with dependencies
    already built, and clippy's warnings."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    subprocess.run(["cargo", "check", "-q"], cwd=crate, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # The best of three: a single check is at the mercy of the machine's load.
    best = None
    for _ in range(3):
        (crate / "src" / "lib.rs").touch()
        t, rss, _ = run_measured(["cargo", "check", "-q"], cwd=crate, env=env)
        best = (t, rss) if best is None or t < best[0] else best
    t, rss = best
    (crate / "src" / "lib.rs").touch()
    out = subprocess.run(["cargo", "clippy", "--message-format=short"], cwd=crate, env=env,
                         capture_output=True, text=True)
    warnings = sum(1 for line in out.stderr.splitlines() if ": warning:" in line)
    return t, rss, warnings


def scale(work, release, runs, check_crate):
    """The scale section: generates the synthetic folder, times apibind on it and
    checks the crate it writes. Returns the section's markdown lines."""
    docs = work / "synth-docs"
    written = synth_docs(docs, SCALE_APIS, SCALE_OPERATIONS)
    size = sum(f.stat().st_size for f in docs.iterdir())
    out = work / "apibind-synth"
    cmd = [str(release), "generate", "--docs", str(docs), "--no-overlay", "--out", str(out),
           "--name", "synth-client"]
    rows = {f"apibind synthetic docs ({os.cpu_count()} threads)": timed(cmd, runs, cwd=ROOT, fresh=out)}
    if shutil.which("taskset"):
        rows["apibind synthetic docs, one core (`taskset -c 0`)"] = timed(
            ["taskset", "-c", "0", *cmd], runs, cwd=ROOT, fresh=out)
    # A fresh crate for compiling, and apibind's summary line (errors and warnings).
    crate = work / "synth-crate"
    gen = subprocess.run([*cmd[:-4], "--out", str(crate), "--name", "synth-client"], cwd=ROOT,
                         check=True, capture_output=True, text=True)
    summary = next((l for l in (gen.stdout + gen.stderr).splitlines() if l.startswith("apibind:")),
                   "apibind: (no summary)")
    # `apibind: 950 operations, 2,700 models, 0 errors, 0 warnings: 10 files written…`
    summary = summary.split(": ")[1]
    model = subprocess.run([str(release), "model", "--docs", str(docs), "--no-overlay", "--format", "json"],
                           cwd=ROOT, check=True, capture_output=True, text=True)
    paged = sum(1 for g in json.loads(model.stdout)["groups"] for op in g["operations"] if op.get("paging"))
    lines = [
        "",
        "## Scale: a synthetic docs folder",
        "",
        *textwrap.wrap(
            f"`bench/synth_docs.py` writes, at run time into a temporary directory, {written['files']:,} "
            f"files ({size / 1e6:.1f} MB): {written['apis']} API docs with {written['operations']} operations "
            f"({paged} of them paged), in the three doc styles in turn, and {written['models']:,} model "
            "docs (structs referring to each other, recursive ones, enums); the same folder every run. "
            f"Goal: generated in under {SCALE_GOAL} s, into a crate that `cargo check`s.", 88),
        "",
        "| what | min | median | max RSS |",
        "|---|---|---|---|",
    ]
    for name, s in rows.items():
        lines.append(f"| {name} | {fmt_time(s['min'])} | {fmt_time(s['median'])} | {s['rss']:.0f} MiB |")
    best = next(iter(rows.values()))["min"]
    text = (f"{'Under' if best < SCALE_GOAL else 'Over'} the {SCALE_GOAL} s goal ({fmt_time(best)} at best on "
            f"every core). apibind's summary: `{summary}`.")
    if check_crate:
        shutil.copy(ROOT / "Cargo.lock", crate / "Cargo.lock")
        total, code = rust_lines(crate)
        check, rss, warnings = check_and_clippy(crate, work / "target")
        text += (f" The crate: {total:,} lines of Rust ({code:,} of code); `cargo check` with its "
                 f"dependencies built: {fmt_time(check)}, max RSS {rss:,.0f} MiB; clippy warnings: {warnings}.")
    return lines + ["", *textwrap.wrap(text, 88)]


def big_specs(work, release, runs, have_progenitor):
    """The section for the specs of `corpus/specs` that progenitor is built for:
    generation of oxide-nexus.json (317 operations) by apibind and by cargo-progenitor,
    side by side (progenitor reads it as it is)."""
    spec = CORPUS.parent / "specs" / "oxide-nexus.json"
    if not spec.exists():
        return []
    rows = {}
    out = work / "oxide-apibind"
    rows["apibind"] = timed([str(release), "generate", "--spec", str(spec), "--no-overlay", "--out", str(out),
                             "--name", "bench-oxide"], runs, cwd=ROOT, fresh=out)
    if have_progenitor:
        for interface in ["positional", "builder"]:
            out = work / f"oxide-progenitor-{interface}"
            rows[f"cargo-progenitor ({interface})"] = timed(
                ["cargo", "progenitor", "-i", str(spec), "-o", str(out), "-n", "bench-oxide-progenitor",
                 "-v", "0.1.0", "--interface", interface], runs, fresh=out)
    base = rows["apibind"]["min"]
    lines = ["", "## oxide-nexus.json (Oxide's rack API, 955 KB, 317 operations)", "",
             "The spec progenitor is built for, read by each as it is.", "",
             "| what | min | median | max RSS | min / apibind |", "|---|---|---|---|---|"]
    for name, s in rows.items():
        lines.append(f"| {name} | {fmt_time(s['min'])} | {fmt_time(s['median'])} | {s['rss']:.0f} MiB | "
                     f"{s['min'] / base:.1f}× |")
    return lines


def fmt_time(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--install", action="store_true", help="install the peers first")
    parser.add_argument("--skip-crates", action="store_true", help="skip compiling the generated crates")
    parser.add_argument("--skip-scale", action="store_true", help="skip the synthetic 3,000-file folder")
    parser.add_argument("--only-specs", action="store_true",
                        help="run only the oxide-nexus.json section and print it (BENCHMARKS.md is left alone)")
    parser.add_argument("--only-scale", action="store_true",
                        help="run only the synthetic folder's section and print it (BENCHMARKS.md is left alone)")
    args = parser.parse_args()

    if args.install:
        subprocess.run(["cargo", "install", "--locked", "cargo-progenitor"], check=False)
        subprocess.run(["cargo", "install", "--locked", "openapi-to-rust"], check=False)
        subprocess.run([sys.executable, "-m", "pip", "install", "openapi-generator-cli"], check=False)
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "apibind"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "-q", "-p", "apibind"], cwd=ROOT, check=True)
    release = ROOT / "target" / "release" / "apibind"
    debug = ROOT / "target" / "debug" / "apibind"
    have_progenitor = shutil.which("cargo-progenitor") is not None
    have_oag = shutil.which("openapi-generator-cli") is not None
    have_o2r = shutil.which("openapi-to-rust") is not None

    work = Path(tempfile.mkdtemp(prefix="apibind-bench-"))
    if args.only_specs:
        print("\n".join(big_specs(work, release, args.runs, have_progenitor)).lstrip("\n"))
        shutil.rmtree(work, ignore_errors=True)
        return
    if args.only_scale:
        print("\n".join(scale(work, release, args.runs, not args.skip_crates)).lstrip("\n"))
        shutil.rmtree(work, ignore_errors=True)
        return
    progenitor_spec = progenitor_input(work)
    rows = []  # (what, tool, stats)

    def apibind(label, extra, binary=release):
        out = work / f"apibind-{label}"
        cmd = [str(binary), "generate", *extra, "--out", str(out), "--name", "bench-client"]
        return timed(cmd, args.runs, cwd=ROOT, fresh=out), out

    results = {}
    results["apibind seed docs"], _ = apibind("seed", ["--docs", "spec"])
    results["apibind corpus docs"], docs_crate = apibind(
        "docs", ["--docs", str(CORPUS / "docs"), "--no-overlay"])
    results["apibind corpus spec"], _ = apibind("spec", ["--spec", str(CORPUS / "openapi.yaml"), "--no-overlay"])
    results["apibind corpus docs at opt-level 0"], _ = apibind(
        "docs-dev", ["--docs", str(CORPUS / "docs"), "--no-overlay"], binary=debug)
    results["apibind corpus spec at opt-level 0"], _ = apibind(
        "spec-dev", ["--spec", str(CORPUS / "openapi.yaml"), "--no-overlay"], binary=debug)
    if have_progenitor:
        for interface in ["positional", "builder"]:
            out = work / f"progenitor-{interface}"
            results[f"cargo-progenitor corpus spec ({interface}, patched copy)"] = timed(
                ["cargo", "progenitor", "-i", str(progenitor_spec), "-o", str(out), "-n", "bench-progenitor",
                 "-v", "0.1.0", "--interface", interface], args.runs, fresh=out)
    if have_o2r:
        # It writes a module tree, not a crate: `o2r_crate` wraps it for compiling.
        out = work / "o2r" / "src" / "engage"
        results["openapi-to-rust corpus spec (raw spec)"] = timed(
            ["openapi-to-rust", "generate", str(CORPUS / "openapi.yaml"), "--output-dir", str(out),
             "--module-name", "engage", "--quiet"], args.runs, fresh=out)
    if have_oag:
        out = work / "oag"
        results["openapi-generator corpus spec"] = timed(
            ["openapi-generator-cli", "generate", "-i", str(CORPUS / "openapi.yaml"), "-g", "rust",
             "-o", str(out), "--skip-validate-spec", "--package-name", "bench_oag"], max(1, args.runs // 2),
            fresh=out)

    # Incremental build after touching a spec file: build.rs reruns, the crate rebuilds.
    subprocess.run(["cargo", "check", "-q", "-p", "engage-digital"], cwd=ROOT, check=True)
    (ROOT / "spec" / "InterventionsApi.md").touch()
    t, _, _ = run_measured(["cargo", "check", "-q", "-p", "engage-digital"], cwd=ROOT)
    incremental = t

    crates = {}
    if not args.skip_crates:
        target = work / "target"
        # Fresh crates for compiling (the timing runs above removed theirs).
        subprocess.run([str(release), "generate", "--docs", str(CORPUS / "docs"), "--no-overlay", "--out",
                        str(work / "apibind-crate"), "--name", "bench-client"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(ROOT / "Cargo.lock", work / "apibind-crate" / "Cargo.lock")
        crates["apibind (corpus docs)"] = work / "apibind-crate"
        for interface in ["positional", "builder"]:
            if have_progenitor and (work / f"progenitor-{interface}").exists():
                crates[f"cargo-progenitor ({interface})"] = work / f"progenitor-{interface}"
        if have_o2r and (work / "o2r" / "src" / "engage").exists():
            crates["openapi-to-rust"] = o2r_crate(work / "o2r")
        if have_oag and (work / "oag").exists():
            crates["openapi-generator"] = work / "oag"
        for name, crate in crates.items():
            check, _, warnings = check_and_clippy(crate, target)
            crates[name] = {"lines": rust_lines(crate), "check": check, "warnings": warnings}

    base = results["apibind corpus docs"]["min"]
    lines = [
        "# Benchmarks",
        "",
        f"One run of `bench/run.sh` on {platform.platform()}, {os.cpu_count()} cores; "
        f"{args.runs} runs per figure (openapi-generator: {max(1, args.runs // 2)}).",
        f"Input: the Engage Digital corpus (116 operations), `{CORPUS}`.",
        f"Versions: {version([str(release), '--version'])}; "
        f"{next((l for l in subprocess.run(['cargo', 'install', '--list'], capture_output=True, text=True).stdout.splitlines() if l.startswith('cargo-progenitor')), 'cargo-progenitor: not installed').rstrip(':')}; "
        f"{version(['openapi-to-rust', '--version'])}; "
        f"openapi-generator {version(['openapi-generator-cli', 'version'])}; {version(['rustc', '--version'])}.",
        "cargo-progenitor rejects the raw spec, so it reads a patched copy: the `Timezone`",
        "schemas get `type: string` and the multipart body is removed.",
        "The apibind rows at opt-level 0 are the debug CLI: what a build script pays at the",
        "default dev profile. This workspace builds its build scripts at opt-level 3",
        "(`[profile.dev.build-override]`), so its `build.rs` runs at the release figures.",
        "",
        "## Generation (whole processes)",
        "",
        "| what | min | median | max RSS | min / apibind docs |",
        "|---|---|---|---|---|",
    ]
    for name, s in results.items():
        ratio = s["min"] / base
        lines.append(f"| {name} | {fmt_time(s['min'])} | {fmt_time(s['median'])} | {s['rss']:.0f} MiB | {ratio:.1f}× |")
    lines += [
        "",
        f"Incremental `cargo check -p engage-digital` after touching `spec/InterventionsApi.md` "
        f"(build.rs reruns, the crate rebuilds): {fmt_time(incremental)}.",
    ]
    if crates:
        lines += [
            "",
            "## Generated crates",
            "",
            "| crate | lines of Rust | lines of code (no comments) | `cargo check` (deps built, best of 3) | clippy warnings |",
            "|---|---|---|---|---|",
        ]
        for name, c in crates.items():
            total, code = c["lines"]
            lines.append(f"| {name} | {total} | {code} | {fmt_time(c['check'])} | {c['warnings']} |")
        lines += [
            "",
            "apibind's lines include its runtime (transport, auth, retries, paging, errors:",
            "about 2,100 lines) and the docs' prose on every item; progenitor's runtime is the",
            "`progenitor-client` crate, not counted; openapi-generator's crate is counted whole.",
        ]
    lines += big_specs(work, release, args.runs, have_progenitor)
    if not args.skip_scale:
        lines += scale(work, release, args.runs, not args.skip_crates)
    lines += ["", "Rerun: `bench/run.sh` (add `--install` to install the peers; `--only-specs` for the "
              "oxide-nexus.json section alone, `--only-scale` for the scale section).", ""]
    text = "\n".join(lines)
    print(text)
    (ROOT / "BENCHMARKS.md").write_text(text)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
