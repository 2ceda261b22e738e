#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The lab's token is never on a command line and never printed: make lava's
# command (make's LAVA_RUN) is run against a lab on 127.0.0.1 that takes a
# second to answer 401 to everything and records the credentials it got.
# While it waits, no process's command line holds the token; after, nothing
# printed does; the lab got it all the same (in the Authorization header);
# a token file others may read is refused.
# check: host-plain -- make lava: the lab's token never on a command line, never printed
. "$(dirname "$0")/lib.sh"
plan 5
scratch
tok=tok$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
/usr/bin/python3 - "$T" <<'PY' &
import http.server, sys, time
out = sys.argv[1]
class Lab(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(out + "/auth", "a") as f:
            f.write((self.headers.get("Authorization") or "none") + "\n")
        time.sleep(1)
        self.send_response(401)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), Lab)
open(out + "/port.new", "w").write(str(s.server_port))
import os; os.rename(out + "/port.new", out + "/port")
s.serve_forever()
PY
lab=$!
trap 'kill $lab 2>/dev/null; rm -rf "$T"' EXIT
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
url=http://127.0.0.1:$(cat "$T/port")/
printf 'job_name: x\n' > "$T/job.yaml"

# run_lab ENV-ASSIGNMENT MAKE-ARGS...: make's LAVA_RUN against the lab, with
# every command line of the machine read while it waits; output in $T/out.
run_lab() {
	a=$1
	shift
	cmd=$(env "$a" make -s --no-print-directory -C "$ROOT" print-LAVA_RUN LAVA_URL="$url" LAVA_USER=me "$@")
	(cd "$ROOT" && env "$a" sh -c "$cmd $T/job.yaml") >"$T/out" 2>&1 &
	r=$!
	sleep 0.5
	cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\0' ' ' >"$T/cmdlines"
	wait $r
	echo "$cmd" >>"$T/cmdlines"
}

run_lab LAVA_TOKEN="$tok"
if grep -q "$tok" "$T/cmdlines"; then
	fail "LAVA_TOKEN: on no command line while make lava runs" "$(grep -o ".\{60\}$tok" "$T/cmdlines" | head -2)"
else
	pass "LAVA_TOKEN: on no command line while make lava runs"
fi
if grep -q "$tok" "$T/out"; then
	fail "a lab that answers 401: its error printed without the token" "$(cat "$T/out")"
elif ! grep -q 401 "$T/out"; then
	fail "a lab that answers 401: its error printed without the token" "no 401 in: $(cat "$T/out")"
else
	pass "a lab that answers 401: its error printed without the token"
fi
want="Basic $(printf 'me:%s' "$tok" | base64)"
expect "the lab got the token, in the Authorization header" grep -qxF "$want" "$T/auth"

printf '%s\n' "$tok" >"$T/token"
chmod 644 "$T/token"
run_lab LAVA_TOKEN= LAVA_TOKEN_FILE="$T/token"
if grep -q "chmod 600" "$T/out" && [ "$(wc -l <"$T/auth")" = 1 ]; then
	pass "a token file others may read: refused before the lab is asked"
else
	fail "a token file others may read: refused before the lab is asked" "$(cat "$T/out")"
fi
chmod 600 "$T/token"
run_lab LAVA_TOKEN= LAVA_TOKEN_FILE="$T/token"
if [ "$(tail -1 "$T/auth")" = "$want" ] && ! grep -q "$tok" "$T/cmdlines" "$T/out"; then
	pass "LAVA_TOKEN_FILE of mode 0600: sent to the lab, on no command line"
else
	fail "LAVA_TOKEN_FILE of mode 0600: sent to the lab, on no command line" "$(cat "$T/out")"
fi
done_tests
