#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""kcidb.py: results in the format of KernelCI's database, KCIDB (schema
5.3 of kernelci/kcidb-io): checkouts, builds and tests, each id "origin:...",
each test's path a dotted name under "hello_syscall".

As a module: what scripts/lab/lava-run.py writes of its jobs. As a program,
kcidb.py check RESULTS OUT: make check's results (its "PASS: ...",
"FAIL: ...", "SKIP: ..." lines) as one build with a test per line.
"""
import json
import os
import re
import sys
import time

STATUS = {"pass": "PASS", "fail": "FAIL", "skip": "SKIP"}


def case_id(name):
    """LAVA's id of a case (lava_dispatcher's monitor action does this)."""
    return re.sub(r"\W+", "_", name.strip().lower())


def path(*names):
    """A KCIDB test path: hello_syscall.<id>..., each part of letters, digits, _ and -."""
    return ".".join(["hello_syscall"] + [case_id(n).strip("_") or "case" for n in names])


def document(origin):
    """An empty document with its one checkout; returns (doc, checkout id)."""
    checkout = f"{origin}:checkout-{int(time.time())}"
    doc = {"version": {"major": 5, "minor": 3},
           "checkouts": [{"id": checkout, "origin": origin, "tree_name": "hello_syscall",
                          "valid": True}],
           "builds": [], "tests": []}
    return doc, checkout


def build(doc, origin, checkout, name, arch="", config=""):
    """The id of the build NAME, added to doc the first time."""
    bid = f"{origin}:build-{name}"
    if not any(b["id"] == bid for b in doc["builds"]):
        doc["builds"].append({"id": bid, "checkout_id": checkout, "origin": origin,
                              "architecture": arch, "config_name": config, "status": "PASS"})
    return bid


def test(doc, origin, bid, tid, tpath, result, comment, environment=None):
    t = {"id": f"{origin}:{tid}", "build_id": bid, "origin": origin, "path": tpath,
         "status": STATUS.get(result, result if result in ("ERROR", "MISS") else "ERROR"),
         "comment": comment}
    if environment:
        t["environment"] = environment
    doc["tests"].append(t)


def write(path_, data):
    """path_'s new content whole, or its old one (two runs at once: the last)."""
    os.makedirs(os.path.dirname(os.path.abspath(path_)), exist_ok=True)
    tmp = f"{path_}.new.{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
    os.replace(tmp, path_)


def check(results, out, origin="hello_syscall"):
    doc, checkout = document(origin)
    stamp = checkout.split("-")[-1]
    bid = build(doc, origin, checkout, f"make-check-{stamp}", config="make check")
    n = 0
    with open(results, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"(PASS|FAIL|SKIP): (.*)", line.rstrip("\n"))
            if m:
                n += 1
                test(doc, origin, bid, f"check-{stamp}-{n}", path("check", m.group(2)),
                     m.group(1).lower(), m.group(2))
    write(out, doc)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "check":
        print("usage: kcidb.py check RESULTS OUT", file=sys.stderr)
        sys.exit(2)
    check(sys.argv[2], sys.argv[3])
