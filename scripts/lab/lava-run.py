#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""lava-run.py: submits LAVA jobs (make lava-jobs wrote them), waits for
them a bounded time and judges them by their test cases, never by LAVA's
job state alone: a Complete job can hold failed cases.

A job passes when it ended Complete, its guest's verdict ended (the
"[init] END" line is in its log), every verdict line of its log
("[init] PASS|FAIL|SKIP name"; the words and the prefix as guest/verdict.h
has them) is a test case LAVA recorded with the same
result, and none of those failed. Prints one line per case, the problems
of each job, then "N passed, N failed, N skipped" (a problem counts as a
failure); exits 1 if anything failed.

The token is never a command-line argument (ps shows those to every user):
it comes from the environment (LAVA_TOKEN) or from --token-file, a file
only its owner may read (mode 0600 or stricter). It goes to the lab in an
HTTP header, never in the URL, and no message prints it.

--results DIR writes each job's cases as JSON (DIR/NAME.json, NAME the job
file's); --kcidb FILE the whole run in KCIDB's format (scripts/lab/kcidb.py).
LAVA's XML-RPC API is used directly (the one lavacli wraps): python3's own
xmlrpc, and Debian's yaml.
"""
import argparse
import base64
import os
import re
import sys
import time
import xmlrpc.client
from urllib.parse import urlsplit, urlunsplit

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the project's scripts/
import kcidb  # noqa: E402 (scripts/lab/kcidb.py)


def verdict_words(path):
    """The verdict's words and console prefix, from guest/verdict.h (the one
    place they are said): {"PASS": "PASS", ..., "CONSOLE": "[init] "}."""
    words = dict(re.findall(r'^#define VERDICT_([A-Z_]+)\s+"(.*)"$', open(path).read(), re.M))
    missing = {"PASS", "FAIL", "SKIP", "END", "CONSOLE"} - set(words)
    if missing:
        sys.exit(f"lava-run.py: {path} has no VERDICT_{', VERDICT_'.join(sorted(missing))}")
    return words


W = verdict_words(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../guest/verdict.h"))
VERDICT = re.compile(re.escape(W["CONSOLE"]) + "(" + "|".join(re.escape(W[k]) for k in ("PASS", "FAIL", "SKIP")) + ") (.+)")
RESULT = {W["PASS"]: "pass", W["FAIL"]: "fail", W["SKIP"]: "skip"}
END_LINE = W["CONSOLE"] + W["END"]


def read_token(path):
    """The token in path, refused if others may read the file."""
    st = os.stat(path)
    if st.st_mode & 0o077:
        sys.exit(f"lava-run.py: {path} may be read by others (mode {st.st_mode & 0o777:o}): "
                 f"chmod 600 {path}")
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


class Scrub:
    """What is printed, with the token and any user:secret@ of a URL out."""

    def __init__(self, token):
        self.token = token

    def __call__(self, text):
        text = re.sub(r"//[^/@\s]*@", "//", str(text))
        return text.replace(self.token, "***") if self.token else text


def server(url, user, token):
    """The lab's XML-RPC proxy; the credentials in a header of their own."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    base = xmlrpc.client.SafeTransport if parts.scheme == "https" else xmlrpc.client.Transport

    class Auth(base):
        def send_headers(self, connection, headers):
            if user and token:
                basic = base64.b64encode(f"{user}:{token}".encode()).decode()
                headers = list(headers) + [("Authorization", "Basic " + basic)]
            super().send_headers(connection, headers)

    path = parts.path.rstrip("/") + "/RPC2"
    return xmlrpc.client.ServerProxy(urlunsplit((parts.scheme, netloc, path, "", "")),
                                     transport=Auth(), allow_none=True)


def job_log(lab, job_id):
    """The job's log: [(level, message)]; "target" and "feedback" are what
    the guest printed (LAVA logs what comes after the monitor's end string
    as feedback: that can be the end line itself)."""
    _, data = lab.scheduler.jobs.logs(job_id)
    lines = yaml.safe_load(data.data) or []
    return [(x.get("lvl"), str(x.get("msg", ""))) for x in lines if isinstance(x, dict)]


def judge(show, results, full_log):
    """(cases, problems): cases [(name, result)], problems [why]."""
    problems = []
    log = [msg for lvl, msg in full_log if lvl in ("target", "feedback")]
    if show["health"] != "Complete":
        # LAVA's reason: the job's comment, or its "job" case's error
        # (an invalid job says what is wrong there, its log only that the
        # job cannot end cleanly), or the log's first error
        errors = [(r.get("metadata") or {}).get("error_msg", "").strip() for r in results
                  if r["suite"] == "lava" and r["name"] == "job"]
        errors += [msg for lvl, msg in full_log if lvl in ("error", "exception")]
        errors = [e for e in errors if e]
        why = show.get("failure_comment") or (errors[0] if errors else "no reason given")
        problems.append(f"job ended {show['health']}: {why}")
    mine = [r for r in results if r["suite"] != "lava"]
    cases = []
    for r in mine:
        extra = r.get("metadata", {}).get("extra") or [{}]
        label = extra[0].get("test_case_id", r["name"]) if isinstance(extra, list) else r["name"]
        cases.append((label.replace('\\"', '"'), r["result"]))
    recorded = {kcidb.case_id(n): res for n, res in cases}
    last = "none"
    for line in log:
        m = VERDICT.search(line)
        if not m:
            continue
        last = m.group(2).replace('\\"', '"')
        want = RESULT[m.group(1)]
        got = recorded.get(kcidb.case_id(m.group(2)))
        if got is None:
            problems.append(f"case missing from LAVA's results: {m.group(2)}")
        elif got != want:
            problems.append(f"case {m.group(2)}: LAVA recorded {got}, the guest said {want}")
    if not any(line.strip() == END_LINE.strip() for line in log):
        problems.append(f"the guest's verdict never ended (no \"{END_LINE.strip()}\" line; its last case: {last})")
    lava_failed = [r["name"] for r in results if r["suite"] == "lava" and r["result"] == "fail"]
    if lava_failed:
        problems.append("LAVA's own cases failed: " + ", ".join(lava_failed))
    return cases, problems


def kcidb_of(origin, jobs):
    """The run for KCIDB: a build per cell, a test per case, one more per
    job that had problems (ERROR)."""
    doc, checkout = kcidb.document(origin)
    for j in jobs:
        cell = j["meta"]
        bid = kcidb.build(doc, origin, checkout,
                          "-".join(cell.get(k, "?") for k in ("kernel", "arch", "config")),
                          cell.get("arch", ""), cell.get("config", ""))
        env = {"comment": f"LAVA job {j['id']} on {j.get('device') or 'no device'}",
               "misc": {"lava_job": j["id"], "job_name": j["name"]}}
        for n, res in j["cases"]:
            kcidb.test(doc, origin, bid, f"{j['id']}:{kcidb.case_id(n)}", kcidb.path(n), res, n, env)
        if j["problems"]:
            kcidb.test(doc, origin, bid, f"{j['id']}:job", "hello_syscall.job", "ERROR",
                       "; ".join(j["problems"]), env)
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True, help="the lab, http://host:port/")
    ap.add_argument("--user", default="")
    ap.add_argument("--token-file", help="the token, in a file of mode 0600 (else $LAVA_TOKEN)")
    ap.add_argument("--timeout", type=int, required=True, help="seconds for all jobs (make: LAVA_TIMEOUT)")
    ap.add_argument("--results", help="folder for each job's cases (JSON)")
    ap.add_argument("--kcidb", help="the run as KCIDB JSON")
    ap.add_argument("--origin", default="hello_syscall")
    ap.add_argument("jobs", nargs="+", help="job definitions (YAML)")
    a = ap.parse_args()
    token = os.environ.get("LAVA_TOKEN") or (read_token(a.token_file) if a.token_file else "")
    scrub = Scrub(token)
    try:
        return run(a, server(a.url, a.user, token), scrub)
    except (xmlrpc.client.Error, OSError) as e:
        print(f"lava: {scrub(a.url)}: {scrub(e)}", file=sys.stderr)
        return 2


def run(a, lab, scrub):
    """Submits, waits, judges; the exit status."""
    jobs = []
    for path in a.jobs:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        name = yaml.safe_load(text)["job_name"]
        meta = dict(re.findall(r"^# cell (\w+): (\S+)$", text, re.M))
        try:
            job_id = lab.scheduler.jobs.submit(text)
        except (xmlrpc.client.Error, OSError) as e:
            print(f"lava: cannot submit {path} to {scrub(a.url)}: {scrub(e)}", file=sys.stderr)
            return 2
        job_id = str(job_id[0] if isinstance(job_id, list) else job_id)
        print(f"lava: job {job_id}: {name}", file=sys.stderr)
        jobs.append({"id": job_id, "name": name, "file": path, "meta": meta})

    deadline = time.monotonic() + a.timeout
    pending = list(jobs)
    while pending:
        for j in list(pending):
            show = lab.scheduler.jobs.show(j["id"])
            if show["state"] == "Finished":
                j["show"] = show
                pending.remove(j)
        if pending and time.monotonic() > deadline:
            for j in pending:
                lab.scheduler.jobs.cancel(j["id"])
                j["show"] = {"health": "Canceled",
                             "failure_comment": f"not done in {a.timeout} s: canceled"}
            break
        if pending:
            time.sleep(1)

    passed = failed = skipped = 0
    for j in jobs:
        results = yaml.safe_load(lab.results.get_testjob_results_yaml(j["id"])) or []
        j["device"] = j["show"].get("device")
        j["cases"], j["problems"] = judge(j["show"], results, job_log(lab, j["id"]))
        for n, res in j["cases"]:
            print(f"{res.upper()}: {j['name']}: {n}")
            passed += res == "pass"
            skipped += res == "skip"
            failed += res not in ("pass", "skip")
        for why in j["problems"]:
            print(f"FAIL: {j['name']} (LAVA job {j['id']}): {why}")
            failed += 1
        if a.results:
            stem = os.path.splitext(os.path.basename(j["file"]))[0]
            kcidb.write(os.path.join(a.results, stem + ".json"),
                       {"job": j["id"], "name": j["name"], "health": j["show"]["health"],
                        "cases": j["cases"], "problems": j["problems"]})
    if a.kcidb:
        kcidb.write(a.kcidb, kcidb_of(a.origin, jobs))
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
