#!/bin/sh
# Builds the benchmark clients into BUILD_DIR and runs the benchmark matrix.
#   bench/run.sh BUILD_DIR                    full matrix, 3 repetitions (~9-15 min)
#   bench/run.sh BUILD_DIR --profile smoke    ~1 minute, ratios to libmosquitto
#   bench/run.sh BUILD_DIR --clients mosquitto,paho,reference --rows T0,T1-w20
# Any option after BUILD_DIR goes to harness.py (see bench/harness.py --help).
set -e
if [ $# -lt 1 ]; then
    echo "usage: $0 BUILD_DIR [harness options]" >&2
    exit 2
fi
# Debian's python3 (the harness needs only the standard library)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
exec "$PY" "$(dirname "$0")/harness.py" "$@"
