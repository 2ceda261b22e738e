#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/lava.sh: the guest tests as jobs on a real LAVA lab on this machine
# (make lava-local): 6.12's run and selftest on x86_64 and arm64 give the
# same cases with the same results as qrun gives for the same cells; a job
# whose guest fails and one whose verdict never ends (8 s) turn make lava red,
# naming the job and the case; the KCIDB file has what the project relies
# on; make lava-local-stop leaves none of the lab's processes running.
# check: full-kernel -- LAVA: cells as jobs on a local lab, case by case as qrun
. "$(dirname "$0")/lib.sh"
scratch
L=$B/lava-local
plan 11
cells="6.12:x86_64:vm 6.12:arm64:trace"
# stop the lab whatever happens
trap 'make -C "$ROOT" -s lava-local-stop >/dev/null 2>&1; rm -rf "$T"' EXIT

if make -C "$ROOT" -s lava-local >"$T/start.log" 2>&1; then
	pass "make lava-local: a lab on 127.0.0.1"
else
	fail "make lava-local: a lab on 127.0.0.1" "$(tail -5 "$T/start.log")"
fi
make -C "$ROOT" -s lava-local >"$T/again.log" 2>&1 && grep -q 'running at' "$T/again.log" &&
	pass "make lava-local again: finds the lab running" ||
	fail "make lava-local again: finds the lab running" "$(cat "$T/again.log")"

rm -rf "$B/lava/results"
make -C "$ROOT" -s lava CELLS="$cells" MODES="run selftest" KCIDB="$T/kcidb.json" >"$T/lava.log" 2>&1
rc=$?
[ $rc -eq 0 ] && tail -1 "$T/lava.log" | grep -q '^[1-9][0-9]* passed, 0 failed' &&
	pass "make lava: 4 jobs (run, selftest; x86_64, arm64) pass" ||
	fail "make lava: 4 jobs (run, selftest; x86_64, arm64) pass" "exit $rc; $(grep -E '^FAIL|passed' "$T/lava.log")"

# same CELL MODE: LAVA's cases for the cell equal qrun's (names as LAVA
# makes ids of them, results), qrun's own boot check aside
same() {
	IFS=: read -r k a cfg <<EOF
$1
EOF
	# make check's own run of the cell, or else one now
	q=$B/check/cells/$k-$a-$cfg-$2.tap
	# shellcheck disable=SC3013 # dash, Debian's /bin/sh, has -nt
	[ -s "$q" ] && [ "$q" -nt "$(mkvar KIMAGE KERNEL="$k" ARCH="$a" CFG="$cfg")" ] || {
		q=$T/q.tap
		make -C "$ROOT" -s "$2" KERNEL="$k" ARCH="$a" CFG="$cfg" RESULTS="$q" >"$T/q.log" 2>&1
	}
	/usr/bin/python3 - "$B/lava/results/$k-$a-$cfg-$2.json" "$q" <<'EOF'
import json, re, sys
def cid(n): return re.sub(r"\W+", "_", n.strip().lower())
lava = {cid(n): r for n, r in json.load(open(sys.argv[1]))["cases"]}
qrun = {}
for line in open(sys.argv[2]):
    m = re.match(r"(not )?ok \d+ - (.*)", line.rstrip("\n"))
    if not m or m.group(2).startswith("boot: "):
        continue
    name, skip = re.subn(r" # SKIP$", "", m.group(2))
    qrun[cid(name)] = "skip" if skip else "fail" if m.group(1) else "pass"
if not qrun or lava != qrun:
    for k in sorted(set(lava) | set(qrun)):
        if lava.get(k) != qrun.get(k):
            print(f"{k}: LAVA {lava.get(k)}, qrun {qrun.get(k)}")
    sys.exit(1)
EOF
}
for c in $cells; do
	for m in run selftest; do
		if out=$(same "$c" $m 2>&1); then
			pass "$c $m: LAVA's cases and results are qrun's"
		else
			fail "$c $m: LAVA's cases and results are qrun's" "$out"
		fi
	done
done

/usr/bin/python3 - "$T/kcidb.json" >"$T/kcidb.log" 2>&1 <<'EOF'
import json, re, sys
k = json.load(open(sys.argv[1]))
assert k["version"]["major"] == 5, k["version"]
ids = {c["id"] for c in k["checkouts"]}
assert ids and all(re.match(r"^[a-z0-9_]+:", i) for i in ids), ids
builds = {b["id"] for b in k["builds"] if b["checkout_id"] in ids and b["origin"]}
assert len(builds) == 2, builds
paths = {}
for t in k["tests"]:
    assert t["build_id"] in builds and t["id"].startswith(t["origin"] + ":"), t
    assert re.match(r"^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$", t["path"]), t["path"]
    assert t["status"] in ("FAIL", "ERROR", "MISS", "PASS", "DONE", "SKIP"), t["status"]
    paths.setdefault(t["path"], []).append(t["status"])
want = "hello_syscall.kernel_log_has_hello_syscall_hello_world"
assert paths.get(want) == ["PASS", "PASS"], paths.get(want)
EOF
[ $? -eq 0 ] && pass "make lava's KCIDB file: checkouts, builds, tests as KCIDB 5 takes them" ||
	fail "make lava's KCIDB file: checkouts, builds, tests as KCIDB 5 takes them" "$(cat "$T/kcidb.log")"

# Sabotage, both jobs at once: a guest program that fails, one that hangs.
printf '#!/bin/sh\necho "fails on purpose"\nexit 3\n' >"$T/fails"
printf '#!/bin/sh\necho "never ends"\nwhile :; do sleep 1; done\n' >"$T/hangs"
chmod +x "$T/fails" "$T/hangs"
make -C "$ROOT" -s lava MODES=run EXEC="$T/fails" LAVA_LIST="$T/fails.list" KCIDB="$T/f.json" >"$T/fails.log" 2>&1 &
make -C "$ROOT" -s lava MODES=run EXEC="$T/hangs" LAVA_LIST="$T/hangs.list" LAVA_TEST_TIMEOUT=8 KCIDB="$T/h.json" \
	>"$T/hangs.log" 2>&1
rc=$?
wait $!
rc_fails=$?
[ $rc_fails -ne 0 ] && grep -q '^FAIL: hello_syscall 6.12 x86_64 vm run fails: exec: /exec: exit status 3$' "$T/fails.log" &&
	pass "a job whose guest fails: make lava fails, naming the job and the case" ||
	fail "a job whose guest fails: make lava fails, naming the job and the case" "exit $rc_fails; $(grep -E '^FAIL|passed' "$T/fails.log")"
[ $rc -ne 0 ] && grep -q '^FAIL: hello_syscall 6.12 x86_64 vm run hangs (LAVA job [0-9]*): the guest.s verdict never ended .*its last case: kernel log has' "$T/hangs.log" &&
	pass "a job whose verdict never ends: make lava fails, naming the job and its last case" ||
	fail "a job whose verdict never ends: make lava fails, naming the job and its last case" "exit $rc; $(grep -E '^FAIL|passed' "$T/hangs.log")"

pids=$(awk '{ print $2 }' "$L/pids" 2>/dev/null)
make -C "$ROOT" -s lava-local-stop >"$T/stop.log" 2>&1
left=
for p in $pids; do
	s=$(ps -o stat= -p "$p") && case $s in Z*) ;; *) left="$left $p" ;; esac
done
[ -n "$pids" ] && [ -z "$left" ] && ! pgrep -f 'lava-worker --name hello-worker' >/dev/null &&
	pass "make lava-local-stop: none of the lab's processes left" ||
	fail "make lava-local-stop: none of the lab's processes left" "started: $pids; left:$left"
done_tests
