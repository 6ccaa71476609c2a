#!/usr/bin/python3
"""MqttQt benchmark harness: builds the benchmark clients, runs the workload matrix
against a private mosquitto per run, and prints a markdown report.

    bench/harness.py BUILD_DIR                      # full matrix (~9-15 min on 2 cores)
    bench/harness.py BUILD_DIR --profile smoke      # ~1 minute, judged against libmosquitto
    bench/harness.py BUILD_DIR --clients mosquitto,paho,reference --rows T0,T1-w20

Python 3 standard library only. See bench/README.md for the client contract, the
workloads and how to read the report.
"""

import argparse
import datetime
import json
import os
import platform
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(HERE)
CLK_TCK = os.sysconf('SC_CLK_TCK')
NCPU = os.cpu_count() or 1

CLIENT_BINARIES = {
    'mqttqt': 'bench_mqttqt',
    'mqttqt-thread': 'bench_mqttqt',
    'mosquitto': 'bench_mosquitto',
    'paho': 'bench_paho',
    'reference': 'bench_reference',
    'mqttqt-many': 'bench_many',
}
CLIENT_LABELS = {
    'mqttqt': 'MqttQt',
    'mqttqt-thread': 'MqttQt, publisher thread',
    'mosquitto': 'libmosquitto',
    'paho': 'Paho C',
    'reference': 'reference',
    'mqttqt-many': 'MqttQt (bench_many)',
}
BASELINE = 'mosquitto'
# MqttQt variants: the same program with extra arguments for one role. mqttqt-thread
# publishes from the main thread into a client living in an MqttClientThread (the
# cross-thread publish() path); its subscriber is the ordinary one.
MQTTQT_CLIENTS = ('mqttqt', 'mqttqt-thread', 'mqttqt-many')
CLIENT_EXTRA_ARGS = {
    'mqttqt-thread': {'pub': ['--publisher-thread']},
}


def _receive_maximum():
    """BENCH_RECEIVE_MAXIMUM from bench_common.h: the broker's window must match it."""
    import re
    with open(os.path.join(HERE, 'bench_common.h')) as f:
        m = re.search(r'#define\s+BENCH_RECEIVE_MAXIMUM\s+(\d+)', f.read())
    return int(m.group(1)) if m else 1000


RECEIVE_MAXIMUM = _receive_maximum()


def row(name, kind, qos, size, count, inflight=20, protocol=4, nodelay=1,
        broker='default', warmup=0, max_seconds=0, desc='', idle=0, active=0, tls=False,
        mqttqt_args=None, only=None, topic_pad=0):
    # mqttqt_args: extra options for bench_mqttqt only (--store, --alias); only: the
    # clients that run the row (None: all); topic_pad: characters added to the topic.
    return dict(name=name, kind=kind, qos=qos, size=size, count=count, inflight=inflight,
                protocol=protocol, nodelay=nodelay, broker=broker,
                warmup=warmup, max_seconds=max_seconds, desc=desc, idle=idle, active=active,
                tls=tls, mqttqt_args=mqttqt_args or [], only=only, topic_pad=topic_pad)


# Clients that can connect with TLS (--cafile); TLS rows skip the others.
TLS_CLIENTS = ('mqttqt', 'mqttqt-thread', 'mosquitto')


# Broker configurations. Every row runs against one of them; a profile's rows run
# against `default` first, then (the same rows, names ending in -nd) against `nodelay`.
#   default: mosquitto 2.0.11 as installed, Nagle's algorithm on at the broker, $SYS
#            every 10 s, with two departures that change no passing run's behaviour
#            but keep runs from failing: queues unlimited (the stock 1000-message queue
#            drops QoS 0 and queued messages for a subscriber that falls behind, and
#            D0 queues 200,000) and BENCH_RECEIVE_MAXIMUM in flight to 3.1.1 clients
#            (with the stock 20, mosquitto 2.0.11 lost QoS 1 messages to libmosquitto
#            subscribers in 3 of 10 T1-w20 runs: "lost=32", "lost=289").
#   nodelay: the same with Nagle off at the broker (set_tcp_nodelay true) and no $SYS.
BROKER_COMMON = ['max_queued_messages 0', 'max_queued_bytes 0', 'memory_limit 0',
                 'max_inflight_messages %d' % RECEIVE_MAXIMUM, 'max_inflight_bytes 0']
BROKER_CONFIGS = {
    'default': dict(
        label="mosquitto's default configuration: Nagle on at the broker (queues unlimited, "
              "%d in flight)" % RECEIVE_MAXIMUM,
        lines=BROKER_COMMON),
    'nodelay': dict(
        label='the Nagle-off broker: set_tcp_nodelay true, no $SYS (queues unlimited, '
              '%d in flight)' % RECEIVE_MAXIMUM,
        lines=BROKER_COMMON + ['set_tcp_nodelay true', 'sys_interval 0']),
}
BROKER_SUFFIX = {'default': '', 'nodelay': '-nd'}


def with_brokers(rows, brokers=('default', 'nodelay')):
    """Each row once per broker configuration, all `default` rows first. Rows that
    already name a broker other than default (or that only make sense against one) keep
    theirs and appear once."""
    out = []
    for b in brokers:
        for r in rows:
            if r.get('only_broker') and r['only_broker'] != b:
                continue
            v = dict(r)
            v['broker'] = b
            v['name'] = r['name'] + ('' if r.get('only_broker') else BROKER_SUFFIX[b])
            out.append(v)
    return out


# kind: tput = one publisher + one subscriber; rtt = one connection, sequential round
# trips; drain = persistent session filled while the subscriber is away.
BASE_ROWS = [
    row('T0', 'tput', 0, 64, 200000, inflight=100, desc='QoS 0, 64 B'),
    row('T0-v5', 'tput', 0, 64, 200000, inflight=100, protocol=5, desc='QoS 0, 64 B, MQTT 5'),
    row('T1-w20', 'tput', 1, 64, 200000, inflight=20, desc='QoS 1, 64 B, window 20'),
    row('T1-w100', 'tput', 1, 64, 200000, inflight=100, desc='QoS 1, 64 B, window 100'),
    row('T1-w20-v5', 'tput', 1, 64, 200000, inflight=20, protocol=5,
        desc='QoS 1, 64 B, window 20, MQTT 5'),
    row('T1-w100-v5', 'tput', 1, 64, 200000, inflight=100, protocol=5,
        desc='QoS 1, 64 B, window 100, MQTT 5'),
    row('T2', 'tput', 2, 64, 200000, inflight=20, desc='QoS 2, 64 B, window 20'),
    row('B1', 'tput', 1, 1048576, 1000, inflight=20, desc='QoS 1, 1 MiB, window 20'),
    row('L0', 'rtt', 0, 64, 10000, warmup=1000, max_seconds=20,
        desc='RTT QoS 0, TCP_NODELAY on at the client'),
    row('L1', 'rtt', 1, 64, 10000, warmup=1000, max_seconds=20,
        desc='RTT QoS 1, TCP_NODELAY on at the client'),
    row('L1-tls', 'rtt', 1, 64, 10000, warmup=1000, max_seconds=20, tls=True,
        desc='RTT QoS 1 over TLS (MqttQt and libmosquitto only)'),
    row('T0-tls', 'tput', 0, 64, 200000, inflight=100, tls=True,
        desc='QoS 0, 64 B over TLS (MqttQt and libmosquitto only)'),
    row('T1-w20-tls', 'tput', 1, 64, 200000, inflight=20, tls=True,
        desc='QoS 1, 64 B, window 20, over TLS (MqttQt and libmosquitto only)'),
    # both ends with Nagle on: only against the default broker (which has it on)
    dict(row('L1-nagle', 'rtt', 1, 64, 10000, warmup=1000, nodelay=0, max_seconds=20,
             desc='RTT QoS 1, TCP_NODELAY off at the client (and at the broker)'),
         only_broker='default'),
    row('D0', 'drain', 1, 64, 200000, inflight=100, desc='drain 200k queued QoS 1'),
    # MqttQt's session stores (SQLite in WAL mode; the append-only log) against the same
    # rows without one, and automatic topic aliases with a 100-character topic (MQTT 5).
    row('T1-w20-store', 'tput', 1, 64, 200000, inflight=20, mqttqt_args=['--store', 'grouped'],
        only=['mqttqt'], desc='T1-w20, MqttQt with the default session store (setPersistencePath: the log, Grouped)'),
    row('T2-store', 'tput', 2, 64, 200000, inflight=20, mqttqt_args=['--store', 'grouped'],
        only=['mqttqt'], desc='T2, MqttQt with the default session store (setPersistencePath: the log, Grouped)'),
    row('T1-w20-sqlite', 'tput', 1, 64, 200000, inflight=20,
        mqttqt_args=['--store', 'grouped', '--store-engine', 'sqlite'],
        only=['mqttqt'], desc='T1-w20, MqttQt with the SQLite session store (Grouped)'),
    row('T2-sqlite', 'tput', 2, 64, 200000, inflight=20,
        mqttqt_args=['--store', 'grouped', '--store-engine', 'sqlite'],
        only=['mqttqt'], desc='T2, MqttQt with the SQLite session store (Grouped)'),
    row('T0-v5-long', 'tput', 0, 64, 200000, inflight=100, protocol=5, topic_pad=80,
        only=['mqttqt'], desc='QoS 0, MQTT 5, 100-character topic'),
    row('T0-v5-alias', 'tput', 0, 64, 200000, inflight=100, protocol=5, topic_pad=80,
        mqttqt_args=['--alias', '1'], only=['mqttqt'],
        desc='T0-v5-long with automatic topic aliases'),
]

SMOKE_ROWS = [
    row('T0', 'tput', 0, 64, 50000, inflight=100, desc='QoS 0, 64 B'),
    row('T1-w20', 'tput', 1, 64, 40000, inflight=20, desc='QoS 1, 64 B, window 20'),
    row('T2', 'tput', 2, 64, 20000, inflight=20, desc='QoS 2, 64 B, window 20'),
    row('B1', 'tput', 1, 1048576, 40, inflight=20, desc='QoS 1, 1 MiB, window 20'),
    row('L0', 'rtt', 0, 64, 2000, warmup=200, max_seconds=10,
        desc='RTT QoS 0, TCP_NODELAY on at the client'),
    row('L1', 'rtt', 1, 64, 2000, warmup=200, max_seconds=10,
        desc='RTT QoS 1, TCP_NODELAY on at the client'),
    row('D0', 'drain', 1, 64, 50000, inflight=100, desc='drain 50k queued QoS 1'),
    row('T1-w20-store', 'tput', 1, 64, 40000, inflight=20, mqttqt_args=['--store', 'grouped'],
        only=['mqttqt'], desc='T1-w20, MqttQt with the default session store (setPersistencePath: the log, Grouped)'),
    row('T2-store', 'tput', 2, 64, 20000, inflight=20, mqttqt_args=['--store', 'grouped'],
        only=['mqttqt'], desc='T2, MqttQt with the default session store (setPersistencePath: the log, Grouped)'),
    row('T1-w20-sqlite', 'tput', 1, 64, 40000, inflight=20,
        mqttqt_args=['--store', 'grouped', '--store-engine', 'sqlite'],
        only=['mqttqt'], desc='T1-w20, MqttQt with the SQLite session store (Grouped)'),
    row('T2-sqlite', 'tput', 2, 64, 20000, inflight=20,
        mqttqt_args=['--store', 'grouped', '--store-engine', 'sqlite'],
        only=['mqttqt'], desc='T2, MqttQt with the SQLite session store (Grouped)'),
]

# threads: the cross-thread publish path against the same-thread one, in one run.
THREAD_ROWS = [
    row('T0', 'tput', 0, 64, 200000, inflight=100, desc='QoS 0, 64 B'),
    row('T1-w20', 'tput', 1, 64, 200000, inflight=20, desc='QoS 1, 64 B, window 20'),
    row('T1-w100', 'tput', 1, 64, 200000, inflight=100, desc='QoS 1, 64 B, window 100'),
]

# many: bench_many, idle and active clients in one event loop (count = messages per active
# client, published to its own topic and received back; inflight = its window).
MANY_ROWS = [
    row('M1-0', 'many', 1, 64, 2000, inflight=10, idle=0, active=100,
        desc='100 active clients, QoS 1'),
    row('M1-1000', 'many', 1, 64, 2000, inflight=10, idle=1000, active=100,
        desc='1,000 idle + 100 active clients, QoS 1'),
    row('M0-0', 'many', 0, 64, 2000, inflight=10, idle=0, active=100,
        desc='100 active clients, QoS 0'),
    row('M0-1000', 'many', 0, 64, 2000, inflight=10, idle=1000, active=100,
        desc='1,000 idle + 100 active clients, QoS 0'),
]

PROFILES = {
    'full': dict(rows=BASE_ROWS, brokers=('default', 'nodelay'), reps=3, run_deadline=240,
                 client_timeout=30, clients='mqttqt,mosquitto,paho,reference'),
    # smoke judges MqttQt against libmosquitto; the reference shows the ceiling
    'smoke': dict(rows=SMOKE_ROWS, brokers=('default',), reps=3, run_deadline=60,
                  client_timeout=15, clients='mqttqt,mosquitto,reference'),
    # bench_many: memory per client and CPU per message with 0 and 1,000 idle clients
    'many': dict(rows=MANY_ROWS, brokers=('default',), reps=3, run_deadline=240,
                 client_timeout=60, clients='mqttqt-many', subject='mqttqt-many'),
    # judged by mqttqt-thread ÷ mqttqt: publishing from another thread must keep at
    # least THREAD_GATE of the same-thread rate (end to end and at the publisher)
    'threads': dict(rows=THREAD_ROWS, brokers=('default',), reps=5, run_deadline=120,
                    client_timeout=30, clients='mqttqt,mqttqt-thread', subject='mqttqt-thread'),
}
THREAD_GATE = 0.8
# a p90 or p99 round trip this long is a Nagle/delayed-ACK stall (about 40 ms), not noise
STALL_US = 20000


def log(msg):
    sys.stderr.write(msg + '\n')
    sys.stderr.flush()


# ---- build ----------------------------------------------------------------------------

def build(build_dir, clients):
    cache = os.path.join(build_dir, 'CMakeCache.txt')
    cmd = ['cmake', '-S', SOURCE_DIR, '-B', build_dir]
    if not os.path.exists(cache):
        cmd += ['-G', 'Ninja', '-DMQTTQT_BUILD_TESTS=OFF', '-DMQTTQT_BUILD_EXAMPLES=OFF',
                '-DMQTTQT_BUILD_BENCH=ON', '-DCMAKE_BUILD_TYPE=Release']
    # Re-run the configure step every time: it is what notices a new mqttqt_bench.cpp.
    log('+ ' + ' '.join(cmd))
    peers = [CLIENT_BINARIES[c] for c in clients if c not in MQTTQT_CLIENTS]
    have_peers = all(find_binary(build_dir, p) for p in peers)
    if subprocess.call(cmd, stdout=subprocess.DEVNULL) != 0:
        # the rest of the tree may be mid-edit; old peer binaries are still good
        if not have_peers:
            sys.exit('harness: cmake configure failed')
        log('harness: WARNING: cmake configure failed; using the binaries already built')
        return 'the configure step failed'
    if peers:
        cmd = ['cmake', '--build', build_dir, '--target'] + peers
        log('+ ' + ' '.join(cmd))
        if subprocess.call(cmd) != 0:
            sys.exit('harness: building the peer benchmark clients failed')
    if any(c in MQTTQT_CLIENTS for c in clients):
        if os.path.exists(os.path.join(HERE, 'mqttqt_bench.cpp')):
            targets = sorted(set(CLIENT_BINARIES[c] for c in clients if c in MQTTQT_CLIENTS))
            cmd = ['cmake', '--build', build_dir, '--target'] + targets
            log('+ ' + ' '.join(cmd))
            if subprocess.call(cmd) != 0:
                log('harness: WARNING: %s failed to build; MqttQt is not measured' %
                    ' '.join(targets))
                return '%s failed to build' % ' '.join(targets)
        else:
            return 'bench/mqttqt_bench.cpp does not exist yet'
    return None


def find_binary(build_dir, name):
    for cand in (os.path.join(build_dir, 'bench', name), os.path.join(build_dir, name)):
        if os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


# ---- system sampling ------------------------------------------------------------------

def sys_snapshot():
    with open('/proc/stat') as f:
        parts = f.readline().split()[1:]
    v = [int(x) for x in parts]
    user, nice, system, idle, iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq + steal
    with open('/proc/loadavg') as f:
        load1 = float(f.read().split()[0])
    return dict(busy=busy, total=busy + idle + iowait, steal=steal, load1=load1,
                t=time.monotonic())


def proc_cpu_s(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            data = f.read()
    except OSError:
        return None
    rest = data[data.rindex(')') + 2:].split()
    return (int(rest[11]) + int(rest[12])) / CLK_TCK


def proc_hwm_kib(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def pin_to(cpus):
    """preexec_fn that sets the CPU affinity of the child (and so of all its threads) and
    raises its open-file limit to the hard limit (the many-clients rows need more than a
    thousand sockets in the client and in the broker)."""
    def pre():
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        if cpus:
            os.sched_setaffinity(0, cpus)
    return pre


def make_certificates(workdir):
    """A CA and a broker certificate for 127.0.0.1 and localhost, made with openssl."""
    d = os.path.join(workdir, 'tls')
    os.makedirs(d, exist_ok=True)
    ca, ca_key = os.path.join(d, 'ca.crt'), os.path.join(d, 'ca.key')
    cert, key, csr = (os.path.join(d, n) for n in ('broker.crt', 'broker.key', 'broker.csr'))
    ext = os.path.join(d, 'san.ext')
    with open(ext, 'w') as f:
        f.write('subjectAltName=IP:127.0.0.1,DNS:localhost\n')
    for cmd in (
            ['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
             '-subj', '/CN=bench CA', '-keyout', ca_key, '-out', ca],
            ['openssl', 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1',
             '-keyout', key, '-out', csr],
            ['openssl', 'x509', '-req', '-in', csr, '-CA', ca, '-CAkey', ca_key,
             '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', cert]):
        if subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
            raise RuntimeError('openssl failed: ' + ' '.join(cmd))
    return dict(ca=ca, cert=cert, key=key)


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- processes ------------------------------------------------------------------------

class Broker:
    """A private mosquitto on a free loopback port that never drops messages."""

    def __init__(self, mosquitto, workdir, config, cpus=None, extra=(), tls=None):
        self.proc = None
        if tls:
            extra = list(extra) + ['cafile ' + tls['ca'], 'certfile ' + tls['cert'],
                                   'keyfile ' + tls['key']]
            if os.geteuid() == 0:
                # as root mosquitto would drop to the "mosquitto" user, which cannot read
                # the certificates in the harness's private directory
                extra.append('user root')
        for _ in range(5):
            self.port = free_port()
            self.conf = os.path.join(workdir, 'mosquitto-%d.conf' % self.port)
            with open(self.conf, 'w') as f:
                f.write('\n'.join(
                    ['listener %d 127.0.0.1' % self.port] + list(extra) +
                    ['allow_anonymous true',
                     'persistence false'] +
                    BROKER_CONFIGS[config]['lines'] +
                    ['connection_messages false',
                     'log_dest stderr',
                     'log_type error',
                     'log_type warning',
                     '']))
            self.log_path = os.path.join(workdir, 'mosquitto-%d.log' % self.port)
            self.log = open(self.log_path, 'w')
            self.proc = subprocess.Popen(['mosquitto', '-c', self.conf] if mosquitto is None
                                         else [mosquitto, '-c', self.conf],
                                         stdin=subprocess.DEVNULL, stdout=self.log,
                                         stderr=self.log, preexec_fn=pin_to(cpus))
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    socket.create_connection(('127.0.0.1', self.port), 0.2).close()
                    return
                except OSError:
                    time.sleep(0.02)
            self.stop()
        raise RuntimeError('mosquitto did not start; see %s' % self.log_path)

    def cpu_s(self):
        return proc_cpu_s(self.proc.pid)

    def hwm_kib(self):
        return proc_hwm_kib(self.proc.pid)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, 'log', None):
            self.log.close()
            self.log = None


class Spinners:
    """One SCHED_IDLE busy loop per CPU (rtt placement "split"). They run only when
    nothing else wants the CPU, so a CPU never enters a (virtualised) idle state and the
    round trip does not pay a vCPU wake-up from halt (~30 µs on this kind of VM). Their
    CPU time is excluded from the "other load" figure."""

    CODE = ('import os, sys\n'
            'os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))\n'
            'sys.stdout.write("x")\n'
            'sys.stdout.flush()\n'
            'while True:\n    pass\n')

    def __init__(self, n):
        self.procs = [subprocess.Popen([sys.executable, '-c', self.CODE],
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       preexec_fn=pin_to({i}))
                      for i in range(n)]
        for p in self.procs:  # wait until each one is spinning
            p.stdout.read(1)

    def cpu_s(self):
        return sum(proc_cpu_s(p.pid) or 0 for p in self.procs)

    def stop(self):
        for p in self.procs:
            p.kill()
        for p in self.procs:
            p.wait()
            p.stdout.close()


class Client:
    """One benchmark client process; rusage comes from wait4()."""

    def __init__(self, argv, errpath, cpus=None):
        self.argv = argv
        self.errpath = errpath
        self.err = open(errpath, 'w')
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self.err, preexec_fn=pin_to(cpus))
        self.out = b''
        self.eof = False
        self.status = None
        self.rusage = None
        self.killed = False

    def read_available(self):
        fd = self.proc.stdout.fileno()
        while not self.eof:
            r, _, _ = select.select([fd], [], [], 0)
            if not r:
                break
            d = os.read(fd, 65536)
            if not d:
                self.eof = True
                break
            self.out += d

    def poll(self):
        if self.status is not None:
            return True
        pid, status, ru = os.wait4(self.proc.pid, os.WNOHANG)
        if pid == 0:
            return False
        self.status = os.waitstatus_to_exitcode(status)
        self.proc.returncode = self.status
        self.rusage = ru
        self.read_available()
        self.err.close()
        return True

    def wait_line(self, text, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read_available()
            if any(l.strip() == text for l in self.out.decode(errors='replace').splitlines()):
                return True
            if self.poll():
                return False
            time.sleep(0.005)
        return False

    def kill(self):
        if self.status is None:
            self.killed = True
            try:
                self.proc.kill()
            except OSError:
                pass
            while not self.poll():
                time.sleep(0.01)

    def result(self):
        for line in reversed(self.out.decode(errors='replace').splitlines()):
            line = line.strip()
            if line.startswith('{'):
                try:
                    return json.loads(line)
                except ValueError:
                    continue
        return None

    def cpu_s(self):
        return (self.rusage.ru_utime + self.rusage.ru_stime) if self.rusage else None

    def stderr_tail(self, n=5):
        try:
            with open(self.errpath, errors='replace') as f:
                lines = f.read().strip().splitlines()
            return ' | '.join(lines[-n:])
        except OSError:
            return ''


def wait_all(clients, deadline, leader=None, grace=2.0):
    """Waits for every client; if leader (the publisher) fails, the others get
    `grace` seconds to finish before they are killed."""
    while True:
        done = True
        for c in clients:
            c.read_available()
            if not c.poll():
                done = False
        if done:
            return True
        if leader is not None and leader.status not in (None, 0):
            deadline = min(deadline, time.monotonic() + grace)
            leader = None
        if time.monotonic() > deadline:
            for c in clients:
                c.kill()
            return False
        time.sleep(0.01)


# ---- one run --------------------------------------------------------------------------

class Runner:
    def __init__(self, args, binaries, workdir, profile):
        self.args = args
        self.binaries = binaries
        self.workdir = workdir
        self.profile = profile
        self.seq = 0
        self.tls = None

    def client_argv(self, client, r, role, port, topic, client_id, count=None, clean=1,
                    qos=None, inflight=None):
        return [self.binaries[client],
                '--role', role, '--host', '127.0.0.1', '--port', str(port),
                '--qos', str(r['qos'] if qos is None else qos), '--size', str(r['size']),
                '--count', str(r['count'] if count is None else count),
                '--inflight', str(r['inflight'] if inflight is None else inflight),
                '--protocol', str(r['protocol']), '--topic', topic,
                '--client-id', client_id, '--nodelay', str(r['nodelay']),
                '--clean', str(clean), '--warmup', str(r['warmup'] if role == 'rtt' else 0),
                '--timeout', str(self.profile['client_timeout'])] + \
               (['--max-seconds', str(r['max_seconds'])]
                if role == 'rtt' and r['max_seconds'] else []) + \
               (['--cafile', self.tls['ca']]
                if r.get('tls') else []) + \
               CLIENT_EXTRA_ARGS.get(client, {}).get(role, []) + \
               (r['mqttqt_args'] if client in MQTTQT_CLIENTS and role != 'sub' else [])

    def new_client(self, argv, tag, cpus=None):
        self.seq += 1
        return Client(argv, os.path.join(self.workdir, '%04d-%s.stderr' % (self.seq, tag)),
                      cpus)

    def run(self, r, client, rep):
        rec = dict(row=r['name'], kind=r['kind'], client=client, rep=rep, ok=True, errors=[])
        spin = None
        client_cpus = broker_cpus = None
        placement = self.args.rtt_placement if r['kind'] == 'rtt' else 'none'
        if placement == 'same':
            client_cpus = broker_cpus = {NCPU - 1}
        elif placement == 'split' and NCPU >= 2:
            client_cpus, broker_cpus = {0}, {1}
            spin = Spinners(NCPU)
        rec['placement'] = placement
        try:
            tls = None
            if r.get('tls'):
                if self.tls is None:
                    self.tls = make_certificates(self.workdir)
                tls = self.tls
            broker = Broker(self.args.mosquitto, self.workdir, r['broker'], broker_cpus, tls=tls)
        except RuntimeError as e:
            if spin:
                spin.stop()
            rec.update(ok=False, noisy=False, errors=[str(e)])
            return rec
        deadline = time.monotonic() + self.profile['run_deadline']
        topic = 'bench/%s/%s/%d' % (r['name'], client, rep)
        if r['topic_pad']:
            topic += '/' + 'x' * (r['topic_pad'] - 1)
        procs = []
        try:
            s0 = sys_snapshot()
            b0 = broker.cpu_s()
            spin0 = spin.cpu_s() if spin else 0
            measured = None  # (start snapshot, broker cpu) of the measured phase
            if r['kind'] == 'tput':
                sub = self.new_client(self.client_argv(client, r, 'sub', broker.port, topic,
                                                       'b-sub-%d' % self.seq), client + '-sub')
                procs.append(('sub', sub))
                if not sub.wait_line('ready', 15):
                    sub.kill()
                    raise RunError('subscriber never printed "ready": ' + sub.stderr_tail())
                pub = self.new_client(self.client_argv(client, r, 'pub', broker.port, topic,
                                                       'b-pub-%d' % self.seq), client + '-pub')
                procs.append(('pub', pub))
                if not wait_all([pub, sub], deadline, leader=pub):
                    rec['errors'].append('run deadline exceeded; killed')
                measured = (s0, b0)
            elif r['kind'] == 'many':
                many = self.new_client(
                    [self.binaries[client], '--port', str(broker.port), '--idle', str(r['idle']),
                     '--active', str(r['active']), '--count', str(r['count']),
                     '--qos', str(r['qos']), '--size', str(r['size']),
                     '--inflight', str(r['inflight']),
                     '--timeout', str(self.profile['client_timeout'])], client + '-many')
                procs.append(('many', many))
                if not wait_all([many], deadline):
                    rec['errors'].append('run deadline exceeded; killed')
                measured = (s0, b0)
            elif r['kind'] == 'rtt':
                rtt = self.new_client(self.client_argv(client, r, 'rtt', broker.port, topic,
                                                       'b-rtt-%d' % self.seq), client + '-rtt',
                                      client_cpus)
                procs.append(('rtt', rtt))
                if not wait_all([rtt], deadline):
                    rec['errors'].append('run deadline exceeded; killed')
                measured = (s0, b0)
            else:  # drain
                sid = 'drain-%s-%d' % (client, self.seq)
                away = self.new_client(self.client_argv(client, r, 'sub', broker.port, topic, sid,
                                                        count=0, clean=0), client + '-sub0')
                procs.append(('sub0', away))
                if not wait_all([away], deadline) or away.status != 0:
                    raise RunError('session set-up failed: ' + away.stderr_tail())
                pub = self.new_client(self.client_argv(client, r, 'pub', broker.port, topic,
                                                       'b-fill-%d' % self.seq), client + '-pub')
                procs.append(('pub', pub))
                if not wait_all([pub], deadline) or pub.status != 0:
                    raise RunError('filling publisher failed: ' + pub.stderr_tail())
                rec['broker_fill_cpu_s'] = broker.cpu_s() - b0
                s1 = sys_snapshot()
                b1 = broker.cpu_s()
                sub = self.new_client(self.client_argv(client, r, 'sub', broker.port, topic, sid,
                                                       clean=0), client + '-sub')
                procs.append(('sub', sub))
                if not wait_all([sub], deadline):
                    rec['errors'].append('run deadline exceeded; killed')
                measured = (s1, b1)
            s_end = sys_snapshot()
            b_end = broker.cpu_s()
            rec['broker_cpu_s'] = b_end - measured[1]
            rec['broker_hwm_kib'] = broker.hwm_kib()
            wall = max(s_end['t'] - measured[0]['t'], 1e-6)
            dt = max(s_end['total'] - measured[0]['total'], 1)
            rec['wall_s'] = wall
            rec['steal_pct'] = 100.0 * (s_end['steal'] - measured[0]['steal']) / dt
            busy_s = (s_end['busy'] - measured[0]['busy']) / CLK_TCK
            ours = rec['broker_cpu_s']
            measured_procs = [p for n, p in procs if n in ('sub', 'rtt', 'many') or
                              (n == 'pub' and r['kind'] == 'tput')]
            ours += sum(p.cpu_s() or 0 for p in measured_procs)
            if spin:
                ours += spin.cpu_s() - spin0
            rec['other_cpu_s'] = max(0.0, busy_s - ours)
            rec['other_pct'] = 100.0 * rec['other_cpu_s'] / (wall * NCPU)
            rec['load1'] = s0['load1']
        except RunError as e:
            rec['errors'].append(str(e))
        finally:
            for _, p in procs:
                p.kill()
            broker.stop()
            if spin:
                spin.stop()

        for name, p in procs:
            res = p.result()
            rec[name] = res
            rec[name + '_cpu_s'] = p.cpu_s()
            # The client's CPU before its measured phase (start-up, connect, subscribe,
            # warm-up), as it reports it; per-message CPU leaves it out (derive()).
            start = (res or {}).get('cpu_start_s')
            rec[name + '_start_cpu_s'] = start if start is not None and start >= 0 else None
            # peak RSS as the client reports it (VmHWM of its own image); wait4's
            # ru_maxrss would include the forked harness before exec
            rec[name + '_rss_kib'] = (res or {}).get('max_rss_kib')
            if p.status != 0 or res is None or not res.get('ok'):
                why = (res or {}).get('error') or p.stderr_tail() or 'no result line'
                rec['errors'].append('%s exited %s: %s' % (name, p.status, why))
        if rec['errors']:
            rec['ok'] = False
        # other load counts only when it is also more than a few scheduler ticks
        rec['noisy'] = rec.get('steal_pct', 0) > self.args.max_steal or \
            (rec.get('other_pct', 0) > self.args.max_other and
             rec.get('other_cpu_s', 0) > 0.05)
        self.derive(r, rec)
        return rec

    @staticmethod
    def measured_cpu_s(rec, name):
        """A client's CPU over its measured phase: wait4's total less what it reported
        having used before that phase (None if it did not report it)."""
        total = rec.get(name + '_cpu_s')
        start = rec.get(name + '_start_cpu_s')
        if total is None or start is None:
            return None
        return max(0.0, total - start)

    @staticmethod
    def derive(r, rec):
        """Per-run metrics used by the report."""
        n = r['count']
        for name in ('pub', 'sub', 'rtt'):
            if rec.get(name + '_start_cpu_s') is not None:
                rec[name + '_start_ms'] = rec[name + '_start_cpu_s'] * 1e3
        if r['kind'] == 'many':
            m = rec.get('many') or {}
            rec['rate'] = m.get('msgs_per_s')
            for k in ('cpu_us_per_msg', 'switches_per_msg', 'heap_per_queued_msg',
                      'heap_per_idle_object', 'heap_per_idle_client', 'anon_per_idle_client',
                      'heap_per_active_client', 'start_rss_file_kib', 'start_rss_anon_kib',
                      'max_rss_kib'):
                rec[k] = m.get(k)
            if rec.get('broker_cpu_s') is not None and m.get('messages'):
                rec['broker_us'] = rec['broker_cpu_s'] * 1e6 / m['messages']
            return
        if r['kind'] in ('tput', 'drain'):
            sub = rec.get('sub') or {}
            rec['rate'] = sub.get('msgs_per_s')
            rec['mbps'] = sub.get('mb_per_s')
            rec['pub_rate'] = (rec.get('pub') or {}).get('msgs_per_s')
            for name in ('pub', 'sub'):
                cpu = Runner.measured_cpu_s(rec, name)
                if cpu is not None:
                    rec[name + '_us'] = cpu * 1e6 / n
            if rec.get('broker_cpu_s') is not None:
                rec['broker_us'] = rec['broker_cpu_s'] * 1e6 / n
            rec['lat_p50'] = sub.get('p50_us')
            rec['lat_p99'] = sub.get('p99_us')
        else:
            rtt = rec.get('rtt') or {}
            m = rtt.get('messages') or 0
            for k in ('p50', 'p90', 'p99', 'p999', 'max'):
                rec[k] = rtt.get(k + '_us')
            rec['rate'] = rtt.get('msgs_per_s')
            rec['done'] = m
            rec['truncated'] = rtt.get('truncated')
            total = m + r['warmup']
            cpu = Runner.measured_cpu_s(rec, 'rtt')
            if cpu is not None and m:
                rec['rtt_us'] = cpu * 1e6 / m  # the warm-up round trips are before the phase
            if rec.get('broker_cpu_s') is not None and total:
                rec['broker_us'] = rec['broker_cpu_s'] * 1e6 / total


class RunError(Exception):
    pass


# ---- report ---------------------------------------------------------------------------

def med(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return None, None, None
    return statistics.median(vals), min(vals), max(vals)


def fmt(v, digits=None):
    if v is None:
        return '–'
    if digits is None:
        if abs(v) >= 1000:
            return '{:,.0f}'.format(v)
        if abs(v) >= 100:
            return '%.0f' % v
        if abs(v) >= 10:
            return '%.1f' % v
        return '%.2f' % v
    return ('%.' + str(digits) + 'f') % v


def fmt_spread(vals, digits=None):
    m, lo, hi = med(vals)
    if m is None:
        return '–'
    if len([v for v in vals if v is not None]) == 1:
        return fmt(m, digits)
    return '%s (%s–%s)' % (fmt(m, digits), fmt(lo, digits), fmt(hi, digits))


def summarize(rows, clients, records):
    """{(row, client): {metric: [values from successful reps]}, plus counts}."""
    out = {}
    for r in rows:
        for c in clients:
            recs = [x for x in records if x['row'] == r['name'] and x['client'] == c]
            good = [x for x in recs if x['ok']]
            s = dict(n=len(recs), ok=len(good), noisy=sum(1 for x in recs if x.get('noisy')),
                     errors=[e for x in recs for e in x['errors']])
            for k in ('rate', 'pub_rate', 'mbps', 'pub_us', 'sub_us', 'broker_us', 'pub_rss_kib',
                      'sub_rss_kib', 'rtt_rss_kib', 'p50', 'p90', 'p99', 'p999', 'max',
                      'rtt_us', 'done', 'lat_p50', 'lat_p99', 'steal_pct', 'other_pct',
                      'cpu_us_per_msg', 'switches_per_msg', 'heap_per_queued_msg',
                      'heap_per_idle_object', 'heap_per_idle_client', 'anon_per_idle_client',
                      'heap_per_active_client', 'start_rss_file_kib', 'start_rss_anon_kib',
                      'max_rss_kib', 'pub_start_ms', 'sub_start_ms', 'rtt_start_ms'):
                s[k] = [x.get(k) for x in good]
            s['truncated'] = any(x.get('truncated') for x in good)
            out[(r['name'], c)] = s
    return out


def flags(s):
    f = []
    if s['ok'] < s['n']:
        f.append('FAIL %d/%d' % (s['n'] - s['ok'], s['n']))
    if s['noisy']:
        f.append('noisy %d/%d' % (s['noisy'], s['n']))
    if s.get('truncated'):
        f.append('time-capped')
    if max([v for v in s.get('p90', []) + s.get('p99', []) if v is not None] or [0]) >= STALL_US:
        f.append('STALL')
    return ', '.join(f)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def report(rows, clients, records, meta, subject, missing_note, profile_name,
           max_steal, max_other):
    S = summarize(rows, clients, records)
    L = []
    L.append('# MqttQt benchmark report (%s profile)' % profile_name)
    L.append('')
    for k, v in meta:
        L.append('- %s: %s' % (k, v))
    L.append('')
    if missing_note:
        L.append('**%s**' % missing_note)
        L.append('')
    L.append('Medians over the successful repetitions, spread as (min–max). CPU is user+sys '
             'of each process (wait4 for clients, /proc/<pid>/stat for the broker) divided '
             'by the messages of the run. A client\'s CPU counts from its measured phase '
             '(the first measured publish; for a subscriber its subscription or first '
             'message): what it used before (loading its libraries, connecting, warm-up round '
             'trips) is paid once per process and is listed under "Start-up CPU" instead. '
             'Rate = end-to-end messages/s at the subscriber.')
    L.append('')

    brokers = [b for b in BROKER_CONFIGS if any(r['broker'] == b for r in rows)]
    verdicts = []
    stalls = []
    all_rows = rows
    for broker in brokers:
        rows = [r for r in all_rows if r['broker'] == broker]
        L.append('# Against %s' % BROKER_CONFIGS[broker]['label'])
        L.append('')
        tput = [r for r in rows if r['kind'] in ('tput', 'drain')]
        if tput:
            L.append('## Throughput')
            L.append('')
            L.append('| row | client | msgs/s | MB/s | pub µs/msg | sub µs/msg | broker µs/msg '
                     '| pub RSS KiB | sub RSS KiB | one-way p50/p99 µs | flags |')
            L.append('|---|---|---|---|---|---|---|---|---|---|---|')
            for r in tput:
                for c in clients:
                    s = S[(r['name'], c)]
                    if s['n'] == 0:
                        continue
                    lat = '%s / %s' % (fmt(med(s['lat_p50'])[0]), fmt(med(s['lat_p99'])[0])) \
                        if r['kind'] == 'tput' else '–'
                    L.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                        r['name'], CLIENT_LABELS[c], fmt_spread(s['rate']), fmt(med(s['mbps'])[0]),
                        fmt_spread(s['pub_us']), fmt_spread(s['sub_us']), fmt_spread(s['broker_us']),
                        fmt(med(s['pub_rss_kib'])[0], 0), fmt(med(s['sub_rss_kib'])[0], 0),
                        lat, flags(s)))
            L.append('')
            L.append('D0: msgs/s is the drain rate (subscriber connect to last message); pub µs/msg '
                     'is the publisher that filled the queue; broker µs/msg is during the drain only.')
            L.append('')
            notes = []
            for r in tput:
                if not (r.get('mqttqt_args') or r.get('topic_pad')):
                    continue
                for x in records:
                    if x['row'] == r['name'] and x['client'] == 'mqttqt' and x['ok'] \
                            and (x.get('pub') or {}).get('note'):
                        notes.append('- %s: %s (MqttQt publisher, rep %d)' % (r['name'], x['pub']['note'], x['rep']))
            if notes:
                L.append('MqttQt options per row (store, topic aliases, bytes the broker acknowledged '
                         'on the publisher\'s connection per message):')
                L.append('')
                L.extend(notes)
                L.append('')

        lat_rows = [r for r in rows if r['kind'] == 'rtt']
        if lat_rows:
            L.append('## Round-trip latency (µs)')
            L.append('')
            L.append('| row | client | p50 | p90 | p99 | p99.9 | max | round trips | client µs/rt '
                     '| broker µs/rt | RSS KiB | flags |')
            L.append('|---|---|---|---|---|---|---|---|---|---|---|---|')
            for r in lat_rows:
                for c in clients:
                    s = S[(r['name'], c)]
                    if s['n'] == 0:
                        continue
                    L.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                        r['name'], CLIENT_LABELS[c], fmt_spread(s['p50']), fmt_spread(s['p90']),
                        fmt_spread(s['p99']), fmt_spread(s['p999']), fmt_spread(s['max']),
                        fmt(med(s['done'])[0], 0), fmt(med(s['rtt_us'])[0]),
                        fmt(med(s['broker_us'])[0]), fmt(med(s['rtt_rss_kib'])[0], 0), flags(s)))
            L.append('')

        start_lines = []
        for c in clients:
            parts = []
            for key, what in (('pub_start_ms', 'publisher'), ('sub_start_ms', 'subscriber'),
                              ('rtt_start_ms', 'round-trip client (with its warm-up)')):
                vals = [v for r in rows if r['kind'] in ('tput', 'rtt', 'drain')
                        for v in S[(r['name'], c)].get(key, []) if v is not None]
                if vals:
                    parts.append('%s %s ms' % (what, fmt(statistics.median(vals))))
            if parts:
                start_lines.append('- %s: %s' % (CLIENT_LABELS[c], ', '.join(parts)))
        if start_lines:
            L.append('## Start-up CPU (before the measured phase, median over the rows above)')
            L.append('')
            L.extend(start_lines)
            L.append('')

        many_rows = [r for r in rows if r['kind'] == 'many']
        if many_rows:
            L.append('## Many clients in one event loop')
            L.append('')
            L.append('Each active client publishes `count` messages to a topic of its own and '
                     'receives them back; CPU and context switches are the whole process\'s '
                     '(user + sys) over that phase, per message. Heap = glibc mallinfo2() bytes '
                     'in use; anon = RssAnon (private resident memory).')
            L.append('')
            L.append('| row | idle | active | msgs | msgs/s | client µs/msg | switches/msg '
                     '| broker µs/msg | heap per idle client (object / connected) | anon per idle '
                     'client | heap per active client | heap per queued 64 B QoS 1 msg | '
                     'RssFile at start KiB | peak RSS KiB | flags |')
            L.append('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
            for r in many_rows:
                for c in clients:
                    s = S[(r['name'], c)]
                    if s['n'] == 0:
                        continue
                    L.append('| %s | %d | %d | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s '
                             '| %s | %s |' % (
                                 r['name'], r['idle'], r['active'],
                                 fmt(r['active'] * r['count'], 0), fmt_spread(s['rate']),
                                 fmt_spread(s['cpu_us_per_msg']),
                                 fmt(med(s['switches_per_msg'])[0], 3),
                                 fmt(med(s['broker_us'])[0]),
                                 fmt(med(s['heap_per_idle_object'])[0] if r['idle'] else None, 0),
                                 fmt(med(s['heap_per_idle_client'])[0] if r['idle'] else None, 0),
                                 fmt(med(s['anon_per_idle_client'])[0] if r['idle'] else None, 0),
                                 fmt(med(s['heap_per_active_client'])[0], 0),
                                 fmt(med(s['heap_per_queued_msg'])[0], 0),
                                 fmt(med(s['start_rss_file_kib'])[0], 0),
                                 fmt(med(s['max_rss_kib'])[0], 0), flags(s)))
            L.append('')

        # ratios
        if subject in clients and profile_name != 'smoke':
            pairs = [(subject, p) for p in clients if p != subject]
            title = '## %s compared with each peer' % CLIENT_LABELS[subject]
        else:
            pairs = [(c, BASELINE) for c in clients if c != BASELINE] if BASELINE in clients else []
            title = '## Ratios to libmosquitto measured in the same run'
        if pairs:
            L.append(title)
            L.append('')
            L.append('rate = A msgs/s ÷ B msgs/s (above 1: A faster); pub rate = the same for the '
                     'publishers\' own rate (first publish to last completion). cpu = A client CPU per '
                     'message ÷ B\'s (pub+sub, or the rtt client; below 1: A cheaper). '
                     'p50/p99 = A latency ÷ B latency (below 1: A faster).')
            L.append('')
            L.append('| row | A ÷ B | rate | pub rate | cpu | pub cpu | sub cpu | p50 | p99 |')
            L.append('|---|---|---|---|---|---|---|---|---|')
            for r in [x for x in rows if x['kind'] != 'many']:
                for a, b in pairs:
                    sa, sb = S[(r['name'], a)], S[(r['name'], b)]
                    if not sa['ok'] or not sb['ok']:
                        continue
                    pr = None
                    if r['kind'] == 'rtt':
                        ra = ratio(med(sa['rate'])[0], med(sb['rate'])[0])
                        ca = ratio(med(sa['rtt_us'])[0], med(sb['rtt_us'])[0])
                        pa = pb = None
                        l50 = ratio(med(sa['p50'])[0], med(sb['p50'])[0])
                        l99 = ratio(med(sa['p99'])[0], med(sb['p99'])[0])
                    else:
                        ra = ratio(med(sa['rate'])[0], med(sb['rate'])[0])
                        pr = ratio(med(sa['pub_rate'])[0], med(sb['pub_rate'])[0])
                        pa = ratio(med(sa['pub_us'])[0], med(sb['pub_us'])[0])
                        pb = ratio(med(sa['sub_us'])[0], med(sb['sub_us'])[0])
                        tot_a = (med(sa['pub_us'])[0] or 0) + (med(sa['sub_us'])[0] or 0)
                        tot_b = (med(sb['pub_us'])[0] or 0) + (med(sb['sub_us'])[0] or 0)
                        if r['kind'] == 'drain':
                            tot_a, tot_b = med(sa['sub_us'])[0], med(sb['sub_us'])[0]
                        ca = ratio(tot_a, tot_b)
                        l50 = l99 = None
                        if r['kind'] == 'tput':
                            l50 = ratio(med(sa['lat_p50'])[0], med(sb['lat_p50'])[0])
                            l99 = ratio(med(sa['lat_p99'])[0], med(sb['lat_p99'])[0])
                    L.append('| %s | %s ÷ %s | %s | %s | %s | %s | %s | %s | %s |' % (
                        r['name'], CLIENT_LABELS[a], CLIENT_LABELS[b], fmt(ra, 2), fmt(pr, 2),
                        fmt(ca, 2), fmt(pa, 2), fmt(pb, 2), fmt(l50, 2), fmt(l99, 2)))
                    verdicts.append((r, a, b, ra, ca, pr))
            L.append('')

    rows = all_rows

    lat_all = [r for r in rows if r['kind'] == 'rtt']
    if lat_all:
        for r in lat_all:
            for c in clients:
                s = S[(r['name'], c)]
                worst = max([v for v in s['p90'] + s['p99'] if v is not None] or [0])
                if worst >= STALL_US:
                    stalls.append('%s / %s (p90/p99 up to %s µs)' % (r['name'], CLIENT_LABELS[c],
                                                                    fmt(worst, 0)))
        L.append('## Delayed-ACK stalls')
        L.append('')
        L.append('A round trip that meets Nagle\'s algorithm at one end and a delayed ACK at '
                 'the other waits about 40 ms. Rows with p90 or p99 at or above %s µs in any '
                 'repetition: %s.' % (fmt(STALL_US, 0), '; '.join(stalls) if stalls else 'none'))
        L.append('')

    fails = [x for x in records if not x['ok']]
    if fails:
        L.append('## Failed runs')
        L.append('')
        for x in fails:
            L.append('- %s / %s / rep %d: %s' % (x['row'], CLIENT_LABELS[x['client']], x['rep'],
                                                 '; '.join(x['errors'])))
        L.append('')
    noisy = [x for x in records if x.get('noisy')]
    L.append('## Noise')
    L.append('')
    st = [x.get('steal_pct') for x in records if x.get('steal_pct') is not None]
    ot = [x.get('other_pct') for x in records if x.get('other_pct') is not None]
    L.append('Per run: steal %s %% (median, max %s); CPU used by other processes %s %% of the '
             'machine (median, max %s). %d of %d runs flagged noisy (steal > %g %% or other '
             '> %g %%).' % (fmt(med(st)[0]), fmt(med(st)[2]), fmt(med(ot)[0]), fmt(med(ot)[2]),
                            len(noisy), len(records), max_steal, max_other))
    L.append('')
    return '\n'.join(L), verdicts


# ---- main -----------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('build_dir', help='CMake build directory (configured here if empty)')
    ap.add_argument('--profile', choices=sorted(PROFILES), default='full')
    ap.add_argument('--clients',
                    help='comma-separated, in run order, from %s (default: full %s; '
                         'smoke %s)' % (','.join(CLIENT_BINARIES), PROFILES['full']['clients'],
                                        PROFILES['smoke']['clients']))
    ap.add_argument('--rows', help='comma-separated subset of the profile rows')
    ap.add_argument('--brokers', help='comma-separated broker configurations to run the '
                                      'rows against, from %s (default: the profile\'s; '
                                      'full: both, default first)' % ','.join(BROKER_CONFIGS))
    ap.add_argument('--reps', type=int, help='repetitions (default 3)')
    ap.add_argument('--no-build', action='store_true', help='use the binaries as they are')
    ap.add_argument('--out', help='directory for report.md, runs.jsonl and logs '
                                  '(default /tmp/mqttqt-bench-<time>)')
    ap.add_argument('--subject', help='client compared with every peer (default mqttqt; '
                                      'threads: mqttqt-thread)')
    ap.add_argument('--mosquitto', help='mosquitto broker binary (default: from PATH)')
    ap.add_argument('--rtt-placement', choices=('same', 'split', 'none'), default='same',
                    help='latency rows: pin the rtt client and the broker to one CPU '
                         '(same, default: the software path, no cross-CPU wake-ups); to '
                         'CPUs 0 and 1 with SCHED_IDLE loops keeping both awake (split); '
                         'or leave them to the scheduler (none)')
    ap.add_argument('--max-steal', type=float, default=5.0, help='flag runs above this steal %%')
    ap.add_argument('--max-other', type=float, default=15.0,
                    help='flag runs where other processes used more than this %% of the CPUs')
    ap.add_argument('--gate-rate', type=float, default=None,
                    help='smoke: fail if the subject\'s rate is below this fraction of '
                         'libmosquitto\'s on any row (default 0.7 in smoke)')
    ap.add_argument('--gate-cpu', type=float, default=None,
                    help='smoke: fail if the subject\'s client CPU per message is above this '
                         'multiple of libmosquitto\'s on any row (default 2.0 in smoke)')
    args = ap.parse_args()

    profile = dict(PROFILES[args.profile])
    brokers = profile['brokers']
    if args.brokers:
        brokers = tuple(args.brokers.split(','))
        unknown = [w for w in brokers if w not in BROKER_CONFIGS]
        if unknown:
            sys.exit('harness: unknown broker configurations %s (known: %s)' % (
                ','.join(unknown), ','.join(BROKER_CONFIGS)))
    rows = with_brokers(profile['rows'], brokers)
    if args.rows:
        want = args.rows.split(',')
        unknown = [w for w in want if w not in [r['name'] for r in rows]]
        if unknown:
            sys.exit('harness: unknown rows %s; %s has %s' % (
                ','.join(unknown), args.profile, ','.join(r['name'] for r in rows)))
        rows = [r for r in rows if r['name'] in want]
    reps = args.reps or profile['reps']
    clients = [c.strip() for c in (args.clients or profile['clients']).split(',') if c.strip()]
    for c in clients:
        if c not in CLIENT_BINARIES:
            sys.exit('harness: unknown client %r (known: %s)' % (c, ', '.join(CLIENT_BINARIES)))
    if shutil.which(args.mosquitto or 'mosquitto') is None and not \
            (args.mosquitto and os.access(args.mosquitto, os.X_OK)):
        sys.exit('harness: mosquitto broker not found (apt-get install mosquitto)')

    build_dir = os.path.abspath(args.build_dir)
    build_note = None
    if not args.no_build:
        build_note = build(build_dir, clients)

    binaries, missing = {}, []
    for c in clients:
        b = find_binary(build_dir, CLIENT_BINARIES[c])
        if b:
            binaries[c] = b
        else:
            missing.append(c)
    missing_note = None
    args.subject = args.subject or profile.get('subject', 'mqttqt')
    if 'mqttqt' in missing:
        missing_note = 'MqttQt was not found (no %s in %s/bench%s): running the peers only.' % (
            CLIENT_BINARIES['mqttqt'], build_dir, '; ' + build_note if build_note else '')
        log('harness: ' + missing_note)
    for c in missing:
        if c != 'mqttqt':
            log('harness: %s not found in %s/bench; skipped' % (CLIENT_BINARIES[c], build_dir))
    clients = [c for c in clients if c in binaries]
    if not clients:
        sys.exit('harness: no benchmark client to run')

    out_dir = args.out or '/tmp/mqttqt-bench-%s' % datetime.datetime.now().strftime('%Y%m%d-%H%M%S')
    os.makedirs(out_dir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix='logs-', dir=out_dir)

    load0 = sys_snapshot()['load1']
    mosq_ver = subprocess.run([args.mosquitto or 'mosquitto', '-h'], capture_output=True,
                              text=True).stdout.splitlines()[:1]
    cpu_model = ''
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu_model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    runner = Runner(args, binaries, workdir, profile)
    records = []
    runs_path = os.path.join(out_dir, 'runs.jsonl')
    t_start = time.monotonic()
    total_runs = reps * len(rows) * len(clients)
    log('harness: %d runs (%d reps x %d rows x %d clients), profile %s, output in %s' % (
        total_runs, reps, len(rows), len(clients), args.profile, out_dir))
    if load0 > 0.5 * NCPU:
        log('harness: WARNING: load average %.2f before starting; results will be noisy' % load0)
    with open(runs_path, 'w') as runs_file:
        for rep in range(1, reps + 1):
            for r in rows:
                for c in clients:  # interleaved: A B C, A B C, ...
                    if r.get('tls') and c not in TLS_CLIENTS:
                        continue
                    if r.get('only') and c not in r['only']:
                        continue
                    rec = runner.run(r, c, rep)
                    records.append(rec)
                    runs_file.write(json.dumps(rec) + '\n')
                    runs_file.flush()
                    if r['kind'] == 'rtt':
                        what = 'p50 %s p99 %s µs' % (fmt(rec.get('p50')), fmt(rec.get('p99')))
                    elif r['kind'] == 'many':
                        what = '%s msg/s, client %s broker %s µs/msg' % (
                            fmt(rec.get('rate')), fmt(rec.get('cpu_us_per_msg')),
                            fmt(rec.get('broker_us')))
                    else:
                        what = '%s msg/s, pub %s sub %s broker %s µs/msg' % (
                            fmt(rec.get('rate')), fmt(rec.get('pub_us')), fmt(rec.get('sub_us')),
                            fmt(rec.get('broker_us')))
                    log('[rep %d/%d %6.0fs] %-10s %-10s %s%s%s' % (
                        rep, reps, time.monotonic() - t_start, r['name'], c, what,
                        '' if rec['ok'] else '  FAILED: ' + '; '.join(rec['errors']),
                        '  (noisy)' if rec.get('noisy') else ''))

    elapsed = time.monotonic() - t_start
    libs = {}
    for x in records:
        for k in ('pub', 'sub', 'rtt'):
            if x.get(k) and x[k].get('lib'):
                libs[x['client']] = x[k]['lib']
    meta = [
        ('date', datetime.datetime.now().isoformat(timespec='seconds')),
        ('machine', '%s, %d CPUs, %s, kernel %s' % (platform.node(), NCPU, cpu_model,
                                                    platform.release())),
        ('broker', (mosq_ver[0] if mosq_ver else 'mosquitto') +
         ', fresh per run, loopback; ' + '; '.join(
             '%s: %s' % (b, BROKER_CONFIGS[b]['label']) for b in BROKER_CONFIGS
             if any(r['broker'] == b for r in rows))),
        ('clients', ', '.join('%s (%s)' % (CLIENT_LABELS[c], libs.get(c, '?')) for c in clients)),
        ('repetitions', '%d, clients interleaved within each' % reps),
        ('latency rows', {'same': 'rtt client and broker pinned to CPU %d' % (NCPU - 1),
                          'split': 'rtt client on CPU 0, broker on CPU 1, idle CPUs kept '
                                   'awake by SCHED_IDLE loops',
                          'none': 'no CPU pinning'}[args.rtt_placement]),
        ('load average before start', '%.2f' % load0),
        ('harness time', '%.0f s' % elapsed),
        ('raw runs', runs_path),
    ]
    text, verdicts = report(rows, clients, records, meta, args.subject, missing_note,
                            args.profile, args.max_steal, args.max_other)

    # smoke gate: subject against libmosquitto
    gate_fail = []
    gate_rate = args.gate_rate if args.gate_rate is not None else \
        (0.7 if args.profile == 'smoke' else None)
    gate_cpu = args.gate_cpu if args.gate_cpu is not None else \
        (2.0 if args.profile == 'smoke' else None)
    if (gate_rate or gate_cpu) and args.subject in clients and BASELINE in clients:
        for r, a, b, ra, ca, _ in verdicts:
            if a != args.subject or b != BASELINE:
                continue
            if gate_rate and ra is not None and ra < gate_rate:
                gate_fail.append('%s: rate ratio %.2f < %.2f' % (r['name'], ra, gate_rate))
            if gate_cpu and ca is not None and ca > gate_cpu:
                gate_fail.append('%s: cpu ratio %.2f > %.2f' % (r['name'], ca, gate_cpu))
        text += '\n## Verdict\n\n'
        text += ('%s against libmosquitto (rate ≥ %s×, client CPU ≤ %s×): %s\n' % (
            CLIENT_LABELS[args.subject], gate_rate, gate_cpu,
            'PASS' if not gate_fail else 'FAIL — ' + '; '.join(gate_fail)))

    # threads gate: publishing from another thread against the same thread
    if args.profile == 'threads' and 'mqttqt' in clients and 'mqttqt-thread' in clients:
        for r, a, b, ra, _, pr in verdicts:
            if a != 'mqttqt-thread' or b != 'mqttqt':
                continue
            for what, v in (('rate', ra), ('pub rate', pr)):
                if v is None or v < THREAD_GATE:
                    gate_fail.append('%s: %s ratio %s < %.2f' % (r['name'], what, fmt(v, 2),
                                                                 THREAD_GATE))
        text += '\n## Verdict\n\n'
        text += ('Publishing from another thread ÷ from the client\'s thread (rate and pub '
                 'rate ≥ %.2f× on every row): %s\n' % (
                     THREAD_GATE, 'PASS' if not gate_fail else 'FAIL — ' + '; '.join(gate_fail)))

    with open(os.path.join(out_dir, 'report.md'), 'w') as f:
        f.write(text + '\n')
    print(text)
    failed = [x for x in records if not x['ok']]
    if failed:
        log('harness: %d of %d runs FAILED (see "Failed runs")' % (len(failed), len(records)))
        return 1
    if gate_fail:
        return 4
    return 0


if __name__ == '__main__':
    sys.exit(main())
