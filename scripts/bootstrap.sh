#!/usr/bin/env bash
# MqttQt's one entry point on a fresh Debian bookworm machine.
#   bash scripts/bootstrap.sh run    install what is missing, build, run the main job
#   bash scripts/bootstrap.sh test   install what is missing, build, run every test
# Build trees go to ./build (normal), ./build-asan (ASan+UBSan unit tests) and
# ./build-fuzz (clang libFuzzer targets). Set JOBS to change build parallelism.
set -euo pipefail

mode="${1:-}"
case "$mode" in
    run|test) ;;
    *) echo "usage: bash scripts/bootstrap.sh run|test" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${JOBS:-$(nproc)}"

# Debian packages, each for a reason (see README, "Dependencies").
packages=(
    cmake ninja-build g++ pkg-config          # build
    qt6-base-dev                              # Qt Core, Network, Test
    libsqlite3-dev                            # SQLite (C API): the durable session store
    qt6-websockets-dev                        # Qt WebSockets: the ws/wss transport, the tests' relay
    qt6-declarative-dev                       # Qt Qml, Quick, QuickTest: the QML module, its tests, qml-dashboard
    qml6-module-qtqml qml6-module-qtqml-models qml6-module-qttest   # QML runtime: QtQml (and its Models), QtTest
    qml6-module-qtquick qml6-module-qtquick-window qml6-module-qtquick-templates \
    qml6-module-qtquick-controls qml6-module-qtquick-layouts   # Qt Quick runtime for qml-dashboard
    mosquitto mosquitto-clients openssl       # the real broker the tests and demo run; test certificates
    libmosquitto-dev libpaho-mqtt-dev         # peers in the side-by-side benchmarks
    clang libclang-rt-14-dev                  # libFuzzer and sanitizer runtimes
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
    echo "== Running the demo: a private mosquitto, MqttQt publishing and receiving"
    exec ./build/demo/mqttqt-demo
fi

echo "== Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMQTTQT_SANITIZE=ON \
      -DMQTTQT_BUILD_BENCH=OFF -DMQTTQT_BUILD_EXAMPLES=OFF -DMQTTQT_WERROR=ON >/dev/null
cmake --build build-asan -j "$jobs" --target mqttqt_unit_tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan -L unit --output-on-failure

echo "== Fuzzing the decoder and the session, 30 s each (build-fuzz/)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMQTTQT_BUILD_FUZZERS=ON -DMQTTQT_BUILD_TESTS=OFF -DMQTTQT_BUILD_BENCH=OFF \
      -DMQTTQT_BUILD_EXAMPLES=OFF -DMQTTQT_BUILD_QML=OFF >/dev/null
cmake --build build-fuzz -j "$jobs" --target mqttqt_fuzzers
ctest --test-dir build-fuzz -L fuzz --output-on-failure

echo "== All tests (build/)"
ctest --test-dir build --output-on-failure -j "$jobs"
