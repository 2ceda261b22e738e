# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by bench/*.sh: clocks, progress lines, keys added to results.json.
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
step() { printf '%-40s' "$1" >&2; }
done_() { printf '%s\n' "$1" >&2; }
# add_keys JSON ROWS: each "KEY VALUE" line of ROWS into the JSON object in
# the file JSON (made if missing), beside its other keys; VALUE none: null.
add_keys() {
	/usr/bin/python3 - "$1" "$2" <<'EOF'
import json, os, sys
p, rows = sys.argv[1], sys.argv[2]
d = json.load(open(p)) if os.path.exists(p) else {}
for line in rows.splitlines():
    k, v = line.split()
    d[k] = None if v == "none" else round(float(v), 3)
json.dump(d, open(p + ".new", "w"), indent=2)
os.replace(p + ".new", p)
EOF
}
