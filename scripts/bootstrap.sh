#!/usr/bin/env bash
# MqttQt's one entry point on a fresh Debian bookworm machine.
#   bash scripts/bootstrap.sh run    install what is missing, build, start mqtt-inspector on a
#                                    private mosquitto fed by a demo publisher (needs a display;
#                                    extra arguments go to mqtt-inspector)
#   bash scripts/bootstrap.sh demo   install what is missing, build, run the console demo
#   bash scripts/bootstrap.sh test   install what is missing, build, run every test
# Build trees go to ./build (normal), ./build-asan (ASan+UBSan unit tests), ./build-tsan
# (the thread stress test under ThreadSanitizer) and ./build-fuzz (clang libFuzzer
# targets). Set JOBS to change build parallelism.
set -euo pipefail

mode="${1:-}"
case "$mode" in
    run|demo|test) ;;
    *) echo "usage: bash scripts/bootstrap.sh run|demo|test" >&2; exit 2 ;;
esac

# `run` opens a window: without a display, say so before installing and building anything.
if [ "$mode" = run ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    cat >&2 <<'EOF'
bootstrap.sh run: no display is available ($DISPLAY and $WAYLAND_DISPLAY are not set), so the
mqtt-inspector window cannot open. Options:
  - run it in a desktop session;
  - on a headless machine, with a virtual display (Debian packages xvfb and xauth):
        xvfb-run -a bash scripts/bootstrap.sh run
    and, to get a picture of the window:
        xvfb-run -a bash scripts/bootstrap.sh run --screenshot /tmp/inspector.png --quit-after 15
  - the console demo needs no display:  bash scripts/bootstrap.sh demo
EOF
    exit 3
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${JOBS:-$(nproc)}"

# Debian packages, each for a reason (see README, "Dependencies").
packages=(
    cmake ninja-build g++ pkg-config          # build
    qt6-base-dev                              # Qt Core, Network, Test
    libsqlite3-dev                            # SQLite (C API): the durable session store
    zlib1g-dev                                # zlib's CRC-32: the log session store's frame checks
    qt6-websockets-dev                        # Qt WebSockets: the ws/wss transport, the tests' relay
    qt6-declarative-dev                       # Qt Qml, Quick, QuickTest: the QML module, its tests, qml-dashboard
    qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript qml6-module-qttest   # QML runtime: QtQml (its Models, WorkerScript), QtTest
    qml6-module-qtquick qml6-module-qtquick-window qml6-module-qtquick-templates \
    qml6-module-qtquick-controls qml6-module-qtquick-layouts   # Qt Quick runtime for qml-dashboard
    mosquitto mosquitto-clients openssl       # the real broker the tests and demo run; test certificates
    libmosquitto-dev libpaho-mqtt-dev         # peers in the side-by-side benchmarks
    clang libclang-rt-14-dev                  # libFuzzer and sanitizer runtimes (ASan, UBSan, TSan)
    doxygen                                   # the API reference (target docs), checked by the test command
    valgrind                                  # tst_clienttransports_valgrind: frees that Qt's own code would read
    qt6-charts-dev qt6-svg-dev                # Qt Charts and Qt SVG: the widgets library's chart and image views
    qtkeychain-qt6-dev                        # mqtt-inspector keeps passwords in the platform keychain
    qt6-tools-dev qt6-l10n-tools              # Qt Linguist (lupdate, lrelease): mqtt-inspector's translations
    xvfb xauth                                # a real X window for the inspector's end-to-end test and screenshots
    fonts-wqy-microhei                        # a CJK font, so that the Chinese translation shows in the window
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "== Installing: ${missing[*]}"
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== Building (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMQTTQT_WERROR=ON >/dev/null
cmake --build build -j "$jobs"

if [ "$mode" = run ]; then
    # The launcher says clearly (and exits non-zero) when there is no display to open
    # the window on; with xvfb-run it works headless.
    echo "== Running mqtt-inspector on a private mosquitto with a demo publisher"
    shift
    exec ./build/demo/inspector/mqtt-inspector-demo "$@"
fi
if [ "$mode" = demo ]; then
    echo "== Running the console demo: a private mosquitto, MqttQt publishing and receiving"
    exec ./build/demo/mqttqt-demo
fi

echo "== Unit tests and tst_client under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMQTTQT_SANITIZE=ON \
      -DMQTTQT_BUILD_BENCH=OFF -DMQTTQT_BUILD_EXAMPLES=OFF -DMQTTQT_WERROR=ON >/dev/null
cmake --build build-asan -j "$jobs" --target mqttqt_unit_tests tst_client
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan -L unit --output-on-failure
# tst_client against mosquitto as well: use-after-free in the client's own event paths
# (a handler deleting the client) shows only under ASan.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan -R '^tst_client$' --output-on-failure

echo "== Thread stress test under ThreadSanitizer (build-tsan/)"
CC=clang CXX=clang++ cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMQTTQT_SANITIZE_THREAD=ON -DMQTTQT_BUILD_BENCH=OFF -DMQTTQT_BUILD_EXAMPLES=OFF \
      -DMQTTQT_BUILD_TOOLS=OFF -DMQTTQT_WERROR=ON >/dev/null
cmake --build build-tsan -j "$jobs" --target tst_threadstress
# Under TSan a QProcess child trips TSan's own clone() check, so the broker is started
# here and handed to the test (MQTTQT_TEST_BROKER), on the first free loopback port found.
tsan_dir="$(mktemp -d)"
tsan_broker_pid=""
stop_tsan_broker() {
    if [ -n "$tsan_broker_pid" ]; then kill "$tsan_broker_pid" 2>/dev/null || true; wait "$tsan_broker_pid" 2>/dev/null || true; fi
    rm -rf "$tsan_dir"
}
trap stop_tsan_broker EXIT
mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n' "$port" >"$tsan_dir/mosquitto.conf"
    "$mosquitto_bin" -c "$tsan_dir/mosquitto.conf" >"$tsan_dir/mosquitto.log" 2>&1 &
    tsan_broker_pid=$!
    for _ in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break 2; fi
        kill -0 "$tsan_broker_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$tsan_broker_pid" 2>/dev/null || true; wait "$tsan_broker_pid" 2>/dev/null || true
    tsan_broker_pid=""
done
if [ -z "$tsan_broker_pid" ]; then echo "could not start mosquitto for the TSan test" >&2; cat "$tsan_dir/mosquitto.log" >&2; exit 1; fi
MQTTQT_TEST_BROKER="127.0.0.1:$port" \
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp" \
    ctest --test-dir build-tsan -R '^tst_threadstress$' --output-on-failure
stop_tsan_broker
trap - EXIT

echo "== Fuzzing the decoder, the session and the session log, 30 s each (build-fuzz/)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMQTTQT_BUILD_FUZZERS=ON -DMQTTQT_BUILD_TESTS=OFF -DMQTTQT_BUILD_BENCH=OFF \
      -DMQTTQT_BUILD_EXAMPLES=OFF -DMQTTQT_BUILD_QML=OFF >/dev/null
cmake --build build-fuzz -j "$jobs" --target mqttqt_fuzzers
ctest --test-dir build-fuzz -L fuzz --output-on-failure

echo "== API reference (build/docs/api/html), no Doxygen warning allowed"
cmake --build build --target docs
if [ -s build/docs/api/warnings.log ]; then
    cat build/docs/api/warnings.log
    echo "The API reference has warnings (above)." >&2
    exit 1
fi

echo "== All tests (build/)"
ctest --test-dir build --output-on-failure -j "$jobs"
