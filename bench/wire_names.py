#!/usr/bin/env python3
"""Wire names right from docs alone, per docs folder of the corpus.

For every docs folder of `$APIBIND_CORPUS` that sits beside the spec it was printed
from, reads the docs alone (`apibind model --docs DIR --docs-only --no-overlay`) and
the spec alone, and counts the spec's non-body parameters the docs' model sends under
the right name in the right place. Header names compare case-insensitively, as HTTP
does. Prints one row per folder and the total.

Usage: bench/wire_names.py [--apibind PATH] [--misses FOLDER]
"""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("APIBIND_CORPUS", os.path.join(HERE, "..", "..", "shared", "corpus"))


def pairs():
    """(label, docs folder, spec file) for every docs folder beside its spec."""
    out = []
    engage = os.path.join(CORPUS, "engage-digital")
    out.append(("engage-digital", os.path.join(engage, "docs"), os.path.join(engage, "openapi.yaml")))
    samples = os.path.join(CORPUS, "petstore-samples")
    for name in sorted(os.listdir(samples)):
        folder = os.path.join(samples, name)
        if not os.path.isdir(folder):
            continue
        spec = [f for f in os.listdir(folder) if f.endswith((".yaml", ".json"))]
        out.append((f"petstore-samples/{name}", os.path.join(folder, "docs"), os.path.join(folder, spec[0])))
    sdks = os.path.join(CORPUS, "petstore-sdks")
    table = open(os.path.join(sdks, "SOURCES.md"), encoding="utf-8").read()
    for folder, spec in re.findall(r"^\| `([\w-]+)/` \|.*\| `([\w.-]+\.yaml)` \| \d+ \|$", table, re.M):
        docs = os.path.join(sdks, folder, "docs")
        if not os.path.isdir(docs):
            docs = os.path.join(sdks, folder, "doc")
        out.append((f"petstore-sdks/{folder}", docs, os.path.join(sdks, "specs", spec)))
    versions = os.path.join(CORPUS, "versions", "onesignal-go")
    for release in sorted(os.listdir(versions)):
        folder = os.path.join(versions, release)
        if os.path.isdir(os.path.join(folder, "docs")):
            out.append((f"versions/onesignal-go/{release}", os.path.join(folder, "docs"), os.path.join(folder, "openapi.yaml")))
    return out


def model(apibind, *args):
    run = subprocess.run([apibind, "model", "--no-overlay", *args], capture_output=True, text=True)
    if run.returncode != 0:
        return None
    return json.loads(run.stdout)


def operations(api):
    return [op for group in api["groups"] for op in group["operations"]]


def key(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def same(a, b):
    if a["location"] != b["location"]:
        return False
    if a["location"] == "header":
        return a["wire_name"].lower() == b["wire_name"].lower()
    return a["wire_name"] == b["wire_name"]


def measure(apibind, docs, spec, docs_only):
    extra = ["--docs-only"] if docs_only else []
    from_docs = model(apibind, "--docs", docs, *extra)
    from_spec = model(apibind, "--spec", spec)
    if from_docs is None or from_spec is None:
        return None
    by_name = {key(op["name"]): op for op in operations(from_docs)}
    by_route = {(op["method"], op["path"]): op for op in operations(from_docs)}
    total = right = 0
    outside_path = outside_right = 0
    misses = []
    for op in operations(from_spec):
        twin = by_name.get(key(op["name"])) or by_route.get((op["method"], op["path"]))
        for param in op["params"]:
            if param["location"] == "body":
                continue
            total += 1
            outside_path += param["location"] != "path"
            if twin is None:
                misses.append(f"{op['name']}: operation not read")
                continue
            candidates = [p for p in twin["params"] if key(p["name"]) == key(param["name"])
                          or key(p["wire_name"]) == key(param["wire_name"])]
            if any(same(p, param) for p in candidates):
                right += 1
                outside_right += param["location"] != "path"
            elif candidates:
                got = candidates[0]
                misses.append(f"{op['name']}.{param['name']}: {got['location']} `{got['wire_name']}`, "
                              f"spec {param['location']} `{param['wire_name']}`")
            else:
                misses.append(f"{op['name']}.{param['name']}: not read")
    return total, right, outside_path, outside_right, misses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apibind", default=os.path.join(HERE, "..", "target", "release", "apibind"))
    parser.add_argument("--misses", help="list the misses of folders whose label contains this")
    parser.add_argument("--no-docs-only", action="store_true", help="for builds without --docs-only")
    args = parser.parse_args()
    grand_total = grand_right = grand_outside = grand_outside_right = 0
    print("| docs folder | non-body parameters | right name and place | % | outside the path: right |")
    print("|---|---|---|---|---|")
    for label, docs, spec in pairs():
        result = measure(args.apibind, docs, spec, not args.no_docs_only)
        if result is None:
            print(f"| {label} | (failed) | | | |")
            continue
        total, right, outside, outside_right, misses = result
        grand_total += total
        grand_right += right
        grand_outside += outside
        grand_outside_right += outside_right
        share = 100 * right / total if total else 100
        print(f"| {label} | {total} | {right} | {share:.0f}% | {outside_right} of {outside} |")
        if args.misses and args.misses in label:
            for miss in misses:
                print(f"    {miss}", file=sys.stderr)
    share = 100 * grand_right / grand_total if grand_total else 100
    print(f"| **all** | {grand_total} | {grand_right} | {share:.0f}% | {grand_outside_right} of {grand_outside} |")


if __name__ == "__main__":
    main()
