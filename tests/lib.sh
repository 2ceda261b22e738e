# Shared by the test scripts: each check prints one "PASS: name" or
# "FAIL: name: why" line; tools/check.sh counts them.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build
PATCHER=${PATCHER:-$B/tools/patcher}
QRUN=${QRUN:-$B/tools/qrun}
failures=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; failures=$((failures + 1)); }
# expect NAME COMMAND...: passes if the command succeeds
expect() {
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "'$*' failed"; fi
}
done_tests() { exit $((failures > 0)); }
