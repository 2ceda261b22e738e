# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Shared by the test scripts. Each script speaks TAP: it declares its plan
# first ("plan N": how many checks it will report), then reports each check
# as "ok - name" or "not ok - name" (the reason follows as a "# " line).
# tests/check.sh counts them with tests/tap.pl: a script that dies half-way
# reports fewer checks than planned, and that is a failure.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build
PATCHER=${PATCHER:-$B/tools/patcher}
QRUN=${QRUN:-$B/tools/qrun}
failures=0

plan() { echo "1..$1"; }
pass() { echo "ok - $1"; }
fail() {
	echo "not ok - $1"
	printf '%s\n' "$2" | sed 's/^/# /'
	failures=$((failures + 1))
}
# expect NAME COMMAND...: passes if the command succeeds
expect() {
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "'$*' failed"; fi
}
done_tests() { exit $((failures > 0)); }
# mkvar VAR [MAKE-ARGS...]: what make calls VAR (a path under build/, say),
# for those arguments: the build's layout is make's, not typed again here.
mkvar() {
	v=$1
	shift
	make -s --no-print-directory -C "$ROOT" "print-$v" "$@"
}
# P ARGS...: the patcher, with the project's kernel/ directory
P() { "$PATCHER" -k "$ROOT/kernel" "$@"; }
# kill_mid DELAY_US WINDOW_MS COMMAND...: COMMAND under strace, each of its
# writes, renames, unlinks, fsyncs and opens slowed by DELAY_US, SIGKILLed
# at a random moment within WINDOW_MS; prints "mid" if it was still running
# then (a kill that never lands mid-run proves nothing).
kill_mid() {
	delay=$1 window=$2
	shift 2
	strace -f -qq -o /dev/null -e inject=write,rename,unlink,fsync,openat:delay_enter="$delay" \
		"$@" >/dev/null 2>&1 &
	spid=$!
	sleep "0.$(printf '%03d' $(( $(od -An -N2 -tu2 /dev/urandom) % window )))"
	child=$(pgrep -P "$spid")
	# shellcheck disable=SC2086 # strace's children: a PID a word
	if [ -n "$child" ] && kill -KILL $child 2>/dev/null; then echo mid; fi
	wait "$spid" 2>/dev/null
}
# bad_run TEXT: one more failed run; the first one's TEXT is kept in $first.
bad_run() {
	bad=$((bad + 1))
	[ -n "$first" ] || first=$1
}
# scratch: a temporary directory in $T, removed when the script ends
scratch() {
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
}
# planted_found PROJECT BUG ERE LOG CONSOLE MAKE-ARGS...: make fuzz-calls
# CALLS=BUG in PROJECT, a copy of the project with a bug planted in the
# call BUG, into LOG, its console kept as CONSOLE: the run must fail at a
# kernel report, one matching ERE. Prints "found in N s of fuzzing: REPORT",
# or why not (and returns 1).
planted_found() {
	pf_p=$1 pf_bug=$2 pf_want=$3 pf_log=$4 pf_console=$5
	shift 5
	pf_from=$(make -s --no-print-directory -C "$pf_p" print-CONSOLE_LOG "$@")
	make -C "$pf_p" --no-print-directory fuzz-calls "$@" CALLS="$pf_bug" >"$pf_log" 2>&1
	pf_rc=$?
	cp "$pf_from" "$pf_console" 2>/dev/null
	pf_after=$(sed -n 's/.*the kernel reported a bug after \([0-9.]*\) s.*/\1/p' "$pf_log" | head -n 1)
	if [ $pf_rc -ne 0 ] && [ -n "$pf_after" ] && grep -qE "$pf_want" "$pf_console"; then
		echo "found in $pf_after s of fuzzing: $(grep -m1 -oE "$pf_want" "$pf_console")"
	else
		echo "exit $pf_rc; $(grep -m3 -E 'reported|kernel log|callfuzz' "$pf_log" | tr '\n' ' ')see $pf_log, $pf_console"
		return 1
	fi
}
