#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/lava-jobs.sh: scripts/lab/lava-job.sh's job definitions, for every
# architecture that boots (config/arches) and each mode (fuzz: on QEMU's
# max CPU), are valid for
# LAVA's own job schema (lava_common, strict); their monitor pattern reads
# the guest's verdict lines as they reach LAVA (ending "\r\r\n") into the
# case ids LAVA makes; a row's device tree (armv5) goes with its job; a bad
# mode, a missing kernel and a missing device tree are refused.
# check: host-plain -- LAVA job definitions: LAVA's schema, every booted architecture
. "$(dirname "$0")/lib.sh"
scratch
arches=$(sh "$ROOT/scripts/steps/arches.sh" names booted)
plan 8
: >"$T/kernel"
: >"$T/initrd"
: >"$T/dtb"
timeout=$(mkvar LAVA_TEST_TIMEOUT)
# job ARCH MODE [PARAM...]: a job for a stand-in kernel, as make lava-cell writes it
job() {
	a=$1 m=$2
	shift 2
	(
		eval "$(sh "$ROOT/scripts/steps/arches.sh" make "$a" |
			sed -n 's/^\(ARCH_[A-Z]*\) := \(.*\)$/export \1="\2"/p')"
		CELL_KERNEL=6.12 CELL_CONFIG=vm TEST_TIMEOUT=$timeout DTB=${DTB-$T/dtb} sh "$ROOT/scripts/lab/lava-job.sh" "$T/lava" "$a-$m" "$m" \
			"$T/kernel" "$T/initrd" "$@"
	)
}
ok=1
for a in $arches; do
	for m in run selftest kselftest fuzz; do
		job "$a" $m >/dev/null 2>>"$T/err" || ok=0
	done
done
job x86_64 run hello.exec=/exec hello.uid=1000 >/dev/null 2>>"$T/err" || ok=0
[ $ok = 1 ] && pass "lava-job.sh: a job for each booted architecture and mode" ||
	fail "lava-job.sh: a job for each booted architecture and mode" "$(cat "$T/err")"

/usr/bin/python3 - "$T"/lava/*.yaml >"$T/schema.log" 2>&1 <<'EOF'
import sys, yaml
from lava_common.schemas import validate
bad = 0
for p in sys.argv[1:]:
    try:
        validate(yaml.safe_load(open(p)), strict=True)
    except Exception as e:
        print(f"{p}: {e}")
        bad += 1
sys.exit(1 if bad or not sys.argv[1:] else 0)
EOF
[ $? -eq 0 ] && pass "every job is valid for LAVA's job schema (strict)" ||
	fail "every job is valid for LAVA's job schema (strict)" "$(cat "$T/schema.log")"

# The monitor as lava_dispatcher applies it: the pattern on the console's
# bytes, the case id lowered with each run of non-word characters as "_".
/usr/bin/python3 - "$T/lava/x86_64-run.yaml" >"$T/monitor.log" 2>&1 <<'EOF'
import re, sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
mon = [a["test"]["monitors"][0] for a in job["actions"] if "test" in a][0]
console = ('[init] verdict on the console: hello.mode=run\r\r\n'
           '[init] PASS kernel log has "hello_syscall: Hello world!"\r\r\n'
           '[init] FAIL hello_test: exit status 1 (its message is above)\r\r\n'
           '[init] SKIP 64-bit: trace.x # SKIP no tracepoints\r\r\n[init] 1 passed, 1 failed\r\r\n[init] END\r\r\n')
assert re.search(mon["start"], console), "start"
body = console[re.search(mon["start"], console).end():]
end = re.search(mon["end"], body).start()
got = [(mon["fixupdict"][m.group("result")], re.sub(r"\W+", "_", m.group("test_case_id").strip().lower()))
       for m in re.finditer(mon["pattern"], body[:end])]
want = [("pass", "kernel_log_has_hello_syscall_hello_world_"),
        ("fail", "hello_test_exit_status_1_its_message_is_above_"),
        ("skip", "64_bit_trace_x_skip_no_tracepoints")]
assert got == want, got
EOF
[ $? -eq 0 ] && pass "the monitor reads verdict lines ending in CR CR LF into LAVA's case ids" ||
	fail "the monitor reads verdict lines ending in CR CR LF into LAVA's case ids" "$(cat "$T/monitor.log")"

grep -q 'hello.mode=run hello.verdict=console hello.exec=/exec hello.uid=1000"' "$T/lava/x86_64-run.yaml" &&
	grep -q '^  arch: arm64$' "$T/lava/arm64-run.yaml" && grep -q "cpu: 'cortex-a57'" "$T/lava/arm64-run.yaml" &&
	grep -q 'console=ttyAMA0 ' "$T/lava/arm64-run.yaml" &&
	grep -q "cpu: 'max'" "$T/lava/arm64-fuzz.yaml" && grep -q "cpu: 'max'" "$T/lava/x86_64-fuzz.yaml" &&
	! grep -q "cpu:" "$T/lava/x86_64-run.yaml" &&
	pass "the kernel's parameters and QEMU's machine come from config/arches; a fuzz job's CPU is QEMU's max" ||
	fail "the kernel's parameters and QEMU's machine come from config/arches; a fuzz job's CPU is QEMU's max" "$(grep -h -e append -e arch: -e cpu: "$T"/lava/x86_64-run.yaml "$T"/lava/arm64-run.yaml "$T"/lava/*-fuzz.yaml)"

# make lava's judge (scripts/lab/lava-run.py) on logs as LAVA writes them: the
# end line may come at level "feedback" (after the monitor matched it);
# without it anywhere, the verdict never ended.
/usr/bin/python3 - "$ROOT/scripts/lab/lava-run.py" >"$T/judge.log" 2>&1 <<'EOF'
import importlib.util, os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(sys.argv[1]))  # its kcidb.py
spec = importlib.util.spec_from_file_location("lava_run", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
show = {"health": "Complete"}
results = [{"suite": "1_hello", "name": "a_case", "result": "pass",
            "metadata": {"extra": [{"test_case_id": "a case"}]}}]
head = [("target", "[init] verdict on the console: hello.mode=run"), ("target", "[init] PASS a case")]
_, p = m.judge(show, results, head + [("feedback", "[init] END")])
assert p == [], p
_, p = m.judge(show, results, head + [("target", "[init] END")])
assert p == [], p
_, p = m.judge(show, results, head + [("debug", "[init] END")])
assert len(p) == 1 and "never ended" in p[0], p
# a job LAVA refuses: its "job" case says why, the log only that it ended
bad = {"health": "Incomplete", "failure_comment": None}
refused = [{"suite": "lava", "name": "job", "result": "fail",
            "metadata": {"error_type": "Job", "error_msg": "Invalid job data: ['Non existing architecture specified in context arch parameter.']\n"}}]
_, p = m.judge(bad, refused, [("error", "JobError: Your job cannot terminate cleanly.")])
assert "Non existing architecture" in p[0], p
_, p = m.judge(bad, [], [("error", "JobError: Your job cannot terminate cleanly.")])
assert p[0] == "job ended Incomplete: JobError: Your job cannot terminate cleanly.", p
EOF
[ $? -eq 0 ] && pass "make lava's judge: the end line counts at level target or feedback, nowhere else; a refused job's reason shown" ||
	fail "make lava's judge: the end line counts at level target or feedback, nowhere else; a refused job's reason shown" "$(cat "$T/judge.log")"

out1=$(job x86_64 shell 2>&1)
rc1=$?
out2=$(env ARCH_NAME=x86_64 ARCH_QEMU=qemu-system-x86_64 ARCH_CONSOLE=ttyS0 TEST_TIMEOUT="$timeout" \
	sh "$ROOT/scripts/lab/lava-job.sh" "$T/lava" gone run "$T/no-kernel" "$T/initrd" 2>&1)
rc2=$?
[ $rc1 -eq 2 ] && echo "$out1" | grep -q 'give run, selftest, kselftest or fuzz' &&
	[ $rc2 -eq 1 ] && echo "$out2" | grep -q "no $T/no-kernel: build it first" && [ ! -e "$T/lava/gone.yaml" ] &&
	pass "a bad mode and a missing kernel are refused, no job written" ||
	fail "a bad mode and a missing kernel are refused, no job written" "$rc1: $out1; $rc2: $out2"
# armv5's board: its device tree beside the kernel, at most 256 MiB (QEMU
# refuses more), its CPU named (the template's default for arm is a
# Cortex-A57, which versatilepb does not take); without the tree's file,
# no job.
y=$T/lava/armv5-run.yaml
rm "$T/lava/armv5-selftest.yaml"
out=$(DTB='' job armv5 selftest 2>&1)
rc=$?
grep -q 'image_arg: -dtb {dtb}' "$y" && [ -f "$T/lava/armv5-run/dtb" ] && grep -q '^  memory: 256$' "$y" &&
	grep -q "machine: 'versatilepb'" "$y" && grep -q "cpu: 'arm926'" "$y" && grep -q '^  memory: 512$' "$T/lava/arm-run.yaml" &&
	! grep -q dtb "$T/lava/arm-run.yaml" &&
	[ $rc -eq 1 ] && echo "$out" | grep -q 'give its file as DTB=' && [ ! -e "$T/lava/armv5-selftest.yaml" ] &&
	pass "armv5's job boots with its device tree in 256 MiB; without the tree's file, no job" ||
	fail "armv5's job boots with its device tree in 256 MiB; without the tree's file, no job" "$rc: $out; $(grep -e dtb -e memory -e machine "$y")"
# sparc64's QEMU has no virtio NIC, which the template gives every guest
# unless the job names another: its job names sun4u's own; no other does.
others=$(grep -l '^  model:' "$T"/lava/*.yaml | grep -v '/sparc64-[a-z]*\.yaml$')
grep -q "^  model: 'model=sunhme'$" "$T/lava/sparc64-run.yaml" && [ -z "$others" ] &&
	pass "sparc64's job names a NIC its QEMU has (sunhme); no other job names one" ||
	fail "sparc64's job names a NIC its QEMU has (sunhme); no other job names one" "$(grep -H '^  model:' "$T"/lava/*.yaml)"
done_tests
