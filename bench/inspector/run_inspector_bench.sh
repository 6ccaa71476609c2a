#!/usr/bin/env bash
# The inspector under a flood from a real mosquitto, in a real X window (xvfb-run).
#
#   bench/inspector/run_inspector_bench.sh BUILD_DIR [--rate 20000] [--topics 50000]
#       [--seconds 60] [--history-messages N] [--history-per-topic N] [--history-mib N]
#       [--out DIR]
#
# BUILD_DIR must hold mqtt-inspector and bench/inspector/inspector_flood (configure with
# -DMQTTQT_BUILD_BENCH=ON). Prints the inspector's report: GUI-thread event-loop lateness
# (p50/p99/max, stalls over 100 ms), peak RSS, messages received and stored.
set -euo pipefail
build="${1:?usage: run_inspector_bench.sh BUILD_DIR [options]}"
shift
rate=20000 topics=50000 seconds=60 history_messages="" history_per_topic="" history_mib="" out=""
while (($#)); do
    case "$1" in
        --rate) rate="$2"; shift 2 ;;
        --topics) topics="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --history-messages) history_messages="$2"; shift 2 ;;
        --history-per-topic) history_per_topic="$2"; shift 2 ;;
        --history-mib) history_mib="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
inspector="$build/app/mqtt-inspector"
flood="$build/bench/inspector/inspector_flood"
for f in "$inspector" "$flood"; do
    [ -x "$f" ] || { echo "missing $f (build mqtt-inspector and inspector_flood)" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 2; }
mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
work="$(mktemp -d)"
out="${out:-$work}"
mkdir -p "$out"
port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
max_queued_messages 0
CONF
"$mosquitto" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
broker=$!
cleanup() { kill "$broker" 2>/dev/null || true; rm -rf "$work/config"; }
trap cleanup EXIT
for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

extra=()
[ -n "$history_messages" ] && extra+=(--history-messages "$history_messages")
[ -n "$history_per_topic" ] && extra+=(--history-per-topic "$history_per_topic")
[ -n "$history_mib" ] && extra+=(--history-mib "$history_mib")
# Its own settings directory, so the run neither reads nor changes the user's settings.
export XDG_CONFIG_HOME="$work/config" MQTT_INSPECTOR_NO_KEYCHAIN=1
quit_after=$((seconds + 12))
xvfb-run -a -s "-screen 0 1400x900x24" "$inspector" --connect "mqtt://127.0.0.1:$port" \
    --select bench/site-00/line-00/dev-000/metric-0 \
    --latency-report "$out/report.json" --quit-after "$quit_after" --window-size 1360x860 \
    --screenshot "$out/flood.png" --screenshot-delay $(( (seconds / 2 + 5) * 1000 )) "${extra[@]}" \
    > "$out/inspector.log" 2>&1 &
window=$!
sleep 5
echo "== flooding: $rate msg/s over $topics topics for $seconds s (inspector pid $window, broker port $port)"
"$flood" --port "$port" --rate "$rate" --topics "$topics" --seconds "$seconds"
wait "$window"
echo "== report ($out/report.json)"
cat "$out/report.json"
