/*
 * bench_common.h - shared by every MQTT benchmark client in bench/.
 *
 * One header, usable from C (C11) and C++ (C++17), so that every client program
 * (libmosquitto, Paho C, the raw reference client and the MqttQt client) parses the
 * same command line, writes and checks the same payload and prints the same result
 * line. The contract is documented in bench/README.md; this file is its reference
 * implementation. All functions are static inline: include it in the translation
 * units that need it.
 *
 * Payload layout (host byte order; publisher and subscriber run on the same machine):
 *   bytes  0..3   magic: "MQB1" for a measured message, "MQBW" for a warm-up message
 *   bytes  4..7   payload size in bytes (uint32)
 *   bytes  8..15  sequence number (uint64), 0..count-1 for measured messages
 *   bytes 16..23  send timestamp, CLOCK_MONOTONIC in ns (uint64)
 *   bytes 24..    filler (byte i = i & 0xff), not checked per message
 */
#ifndef MQTTQT_BENCH_COMMON_H
#define MQTTQT_BENCH_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define BENCH_HEADER_SIZE 24u
#define BENCH_MAGIC_MEASURED 0x3142514Du /* "MQB1" little-endian */
#define BENCH_MAGIC_WARMUP 0x5742514Du   /* "MQBW" little-endian */

/*
 * Window of QoS 1/2 messages the broker may have in flight towards one subscriber. The
 * harness sets mosquitto's max_inflight_messages to this (it governs MQTT 3.1.1
 * clients); MQTT 5 clients announce it as their Receive Maximum. It must stay well
 * below the 65535 packet identifiers: with no limit, mosquitto 2.0.11 keeps putting
 * queued messages in flight past the identifier space, reuses identifiers still in
 * use and the subscriber discards those messages as duplicates.
 */
#define BENCH_RECEIVE_MAXIMUM 1000

/* Exit codes shared by all clients. */
#define BENCH_EXIT_OK 0
#define BENCH_EXIT_VALIDATION 1 /* lost, duplicated, out-of-order or malformed messages */
#define BENCH_EXIT_USAGE 2
#define BENCH_EXIT_RUNTIME 3 /* connect refused, protocol error, timeout */

enum bench_role { BENCH_ROLE_PUB = 0, BENCH_ROLE_SUB = 1, BENCH_ROLE_RTT = 2 };

struct bench_opts {
    int role;
    const char *host;
    int port;
    int qos;
    unsigned size;
    uint64_t count;
    unsigned inflight;
    unsigned backlog;
    int protocol; /* 4 = MQTT 3.1.1, 5 = MQTT 5.0 */
    const char *topic;
    const char *client_id;
    int nodelay;
    int clean;
    uint64_t warmup;
    double timeout;     /* seconds without progress before giving up */
    double max_seconds; /* rtt only: stop measuring after this long (0 = no limit) */
    const char *cafile; /* TLS to the broker, verified against this CA file (NULL: plain TCP) */
};

static inline uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * Process CPU (user + sys, seconds) when the measured phase began, or -1 before. What a
 * process spends before it (loading its libraries, connecting, subscribing, warm-up round
 * trips) is reported as cpu_start_s and left out of cpu_us_per_msg: it is paid once per
 * process, and over a short row (B1: 200 messages) it would otherwise be counted as a
 * per-message cost, most for the library with the heaviest start (Qt's).
 */
static double bench_cpu_start_s = -1.0;

static inline double bench_timeval_s(const struct timeval *tv)
{
    return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static inline double bench_cpu_now_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return bench_timeval_s(&ru.ru_utime) + bench_timeval_s(&ru.ru_stime);
}

/* The measured phase begins: the first measured publish (pub, rtt), or the subscription
 * in place (sub, through bench_ready()). Only the first call counts. */
static inline void bench_mark_measuring(void)
{
    if (bench_cpu_start_s < 0)
        bench_cpu_start_s = bench_cpu_now_s();
}

static inline void bench_usage(FILE *out, const char *prog)
{
    fprintf(out,
            "usage: %s --role pub|sub|rtt --port N [options]\n"
            "  --host H          broker address (default 127.0.0.1)\n"
            "  --port N          broker TCP port (required)\n"
            "  --qos 0|1|2       QoS of publish and subscription (default 0)\n"
            "  --size BYTES      payload size, >= 24 (default 64)\n"
            "  --count N         measured messages / round trips (default 10000)\n"
            "  --inflight N      the client library's own max in-flight window for\n"
            "                    outgoing QoS 1/2 (default 20)\n"
            "  --backlog N       extra messages the app may hand to the library beyond\n"
            "                    the window (default = inflight); pub keeps at most\n"
            "                    inflight+backlog messages not yet completed\n"
            "  --protocol 4|5    MQTT 3.1.1 or 5.0 (default 4)\n"
            "  --topic T         topic (default bench/t)\n"
            "  --client-id ID    client id (default <prog>-<role>-<pid>)\n"
            "  --nodelay 0|1     TCP_NODELAY on the client socket (default 1)\n"
            "  --clean 0|1       clean session / clean start (default 1)\n"
            "  --warmup N        warm-up messages / round trips before measuring (default 0)\n"
            "  --timeout SEC     fail after SEC seconds without progress (default 30)\n"
            "  --max-seconds SEC rtt: stop measuring after SEC seconds (default 0 = off)\n"
            "  --cafile FILE     TLS, the broker verified against this CA (clients that\n"
            "                    cannot do TLS refuse it with a usage error)\n",
            prog);
}

static inline int bench_parse_u64(const char *s, uint64_t *out)
{
    char *end = NULL;
    unsigned long long v;
    if (!s || !*s || *s == '-')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || !end || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static inline int bench_parse_double(const char *s, double *out)
{
    char *end = NULL;
    double v;
    if (!s || !*s)
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno || !end || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

static inline void bench_die_usage(const char *prog, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    bench_usage(stderr, prog);
    exit(BENCH_EXIT_USAGE);
}

/* Parses the common command line; exits with BENCH_EXIT_USAGE on any error. */
static inline void bench_parse_args(int argc, char **argv, struct bench_opts *o, const char *prog)
{
    static char default_id[64];
    int i;
    int have_backlog = 0;
    memset(o, 0, sizeof(*o));
    o->role = -1;
    o->host = "127.0.0.1";
    o->qos = 0;
    o->size = 64;
    o->count = 10000;
    o->inflight = 20;
    o->protocol = 4;
    o->topic = "bench/t";
    o->nodelay = 1;
    o->clean = 1;
    o->timeout = 30.0;

    for (i = 1; i < argc; ++i) {
        const char *a = argv[i];
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        uint64_t n = 0;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            bench_usage(stdout, prog);
            exit(0);
        }
        if (strncmp(a, "--", 2) != 0)
            bench_die_usage(prog, "unexpected argument '%s'", a);
        if (!v)
            bench_die_usage(prog, "option %s needs a value", a);
        ++i;
        if (!strcmp(a, "--role")) {
            if (!strcmp(v, "pub"))
                o->role = BENCH_ROLE_PUB;
            else if (!strcmp(v, "sub"))
                o->role = BENCH_ROLE_SUB;
            else if (!strcmp(v, "rtt"))
                o->role = BENCH_ROLE_RTT;
            else
                bench_die_usage(prog, "bad --role '%s'", v);
        } else if (!strcmp(a, "--host")) {
            o->host = v;
        } else if (!strcmp(a, "--topic")) {
            o->topic = v;
        } else if (!strcmp(a, "--client-id")) {
            o->client_id = v;
        } else if (!strcmp(a, "--cafile")) {
            o->cafile = v;
        } else if (!strcmp(a, "--timeout")) {
            if (bench_parse_double(v, &o->timeout) || o->timeout <= 0)
                bench_die_usage(prog, "bad --timeout '%s'", v);
        } else if (!strcmp(a, "--max-seconds")) {
            if (bench_parse_double(v, &o->max_seconds))
                bench_die_usage(prog, "bad --max-seconds '%s'", v);
        } else {
            if (bench_parse_u64(v, &n))
                bench_die_usage(prog, "bad value '%s' for %s", v, a);
            if (!strcmp(a, "--port")) {
                if (n < 1 || n > 65535)
                    bench_die_usage(prog, "bad --port");
                o->port = (int)n;
            } else if (!strcmp(a, "--qos")) {
                if (n > 2)
                    bench_die_usage(prog, "bad --qos");
                o->qos = (int)n;
            } else if (!strcmp(a, "--size")) {
                if (n < BENCH_HEADER_SIZE || n > 256u * 1024 * 1024)
                    bench_die_usage(prog, "--size must be 24..268435456");
                o->size = (unsigned)n;
            } else if (!strcmp(a, "--count")) {
                o->count = n;
            } else if (!strcmp(a, "--inflight")) {
                if (n < 1 || n > 65535)
                    bench_die_usage(prog, "--inflight must be 1..65535");
                o->inflight = (unsigned)n;
            } else if (!strcmp(a, "--backlog")) {
                if (n > 1000000)
                    bench_die_usage(prog, "--backlog too large");
                o->backlog = (unsigned)n;
                have_backlog = 1;
            } else if (!strcmp(a, "--protocol")) {
                if (n != 4 && n != 5)
                    bench_die_usage(prog, "--protocol must be 4 or 5");
                o->protocol = (int)n;
            } else if (!strcmp(a, "--nodelay")) {
                if (n > 1)
                    bench_die_usage(prog, "--nodelay must be 0 or 1");
                o->nodelay = (int)n;
            } else if (!strcmp(a, "--clean")) {
                if (n > 1)
                    bench_die_usage(prog, "--clean must be 0 or 1");
                o->clean = (int)n;
            } else if (!strcmp(a, "--warmup")) {
                o->warmup = n;
            } else {
                bench_die_usage(prog, "unknown option %s", a);
            }
        }
    }
    if (o->role < 0)
        bench_die_usage(prog, "--role is required");
    if (!o->port)
        bench_die_usage(prog, "--port is required");
    if (o->role != BENCH_ROLE_SUB && o->count == 0)
        bench_die_usage(prog, "--count must be > 0 for pub and rtt");
    if (!have_backlog)
        o->backlog = o->inflight;
    if (!o->client_id) {
        static const char *names[] = {"pub", "sub", "rtt"};
        snprintf(default_id, sizeof default_id, "%s-%s-%ld", prog, names[o->role], (long)getpid());
        o->client_id = default_id;
    }
}

/* ---- payload ---------------------------------------------------------------------- */

/* Fills the whole payload once (header + filler). */
static inline void bench_payload_init(unsigned char *buf, unsigned size)
{
    unsigned i;
    for (i = 0; i < size; ++i)
        buf[i] = (unsigned char)(i & 0xff);
}

/* Patches the 24-byte header; call per message. */
static inline void bench_payload_stamp(unsigned char *buf, unsigned size, uint64_t seq,
                                       uint64_t send_ns, int warmup)
{
    uint32_t magic = warmup ? BENCH_MAGIC_WARMUP : BENCH_MAGIC_MEASURED;
    uint32_t sz = size;
    memcpy(buf, &magic, 4);
    memcpy(buf + 4, &sz, 4);
    memcpy(buf + 8, &seq, 8);
    memcpy(buf + 16, &send_ns, 8);
}

/* Reads a header; returns 0 = measured, 1 = warm-up, -1 = malformed. */
static inline int bench_payload_parse(const void *data, size_t len, uint64_t *seq,
                                      uint64_t *send_ns)
{
    const unsigned char *p = (const unsigned char *)data;
    uint32_t magic, sz;
    if (len < BENCH_HEADER_SIZE)
        return -1;
    memcpy(&magic, p, 4);
    memcpy(&sz, p + 4, 4);
    memcpy(seq, p + 8, 8);
    memcpy(send_ns, p + 16, 8);
    if (sz != len)
        return -1;
    if (magic == BENCH_MAGIC_MEASURED)
        return 0;
    if (magic == BENCH_MAGIC_WARMUP)
        return 1;
    return -1;
}

/* ---- percentiles ------------------------------------------------------------------ */

static inline int bench_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y ? 1 : 0);
}

/* Nearest-rank percentile of a sorted array, in microseconds. */
static inline double bench_pct_us(const uint64_t *sorted, uint64_t n, double p)
{
    uint64_t rank;
    if (n == 0)
        return 0.0;
    rank = (uint64_t)((p / 100.0) * (double)n + 0.999999999);
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return (double)sorted[rank - 1] / 1000.0;
}

/* ---- subscriber validation -------------------------------------------------------- */

struct bench_sub {
    uint64_t count;        /* expected measured messages */
    unsigned char *seen;   /* bitmap of sequence numbers */
    uint64_t unique;       /* distinct measured messages received */
    uint64_t received;     /* all measured deliveries, dups included */
    uint64_t dup, ooo, bad, warmup, beyond;
    uint64_t highest;      /* highest seq seen + 1 (0 = none yet) */
    uint64_t min_send_ns;  /* earliest send timestamp among measured messages */
    uint64_t first_recv_ns, last_recv_ns;
    uint64_t *lat_ns;      /* one-way latency per unique message, in arrival order */
};

static inline void bench_sub_init(struct bench_sub *s, uint64_t count)
{
    memset(s, 0, sizeof(*s));
    s->count = count;
    s->seen = (unsigned char *)calloc((size_t)(count / 8 + 1), 1);
    s->lat_ns = (uint64_t *)malloc((size_t)(count + 1) * sizeof(uint64_t));
    s->min_send_ns = UINT64_MAX;
    if (!s->seen || !s->lat_ns) {
        fprintf(stderr, "out of memory\n");
        exit(BENCH_EXIT_RUNTIME);
    }
}

static inline int bench_sub_done(const struct bench_sub *s)
{
    return s->unique >= s->count;
}

/* Accounts one delivered payload; returns 1 when all measured messages arrived. */
static inline int bench_sub_on_payload(struct bench_sub *s, const void *data, size_t len,
                                       uint64_t recv_ns)
{
    uint64_t seq = 0, send_ns = 0;
    int kind = bench_payload_parse(data, len, &seq, &send_ns);
    bench_mark_measuring(); /* a drain's first message can come before its SUBACK */
    if (kind < 0) {
        s->bad++;
        return bench_sub_done(s);
    }
    if (kind == 1) {
        s->warmup++;
        return bench_sub_done(s);
    }
    s->received++;
    if (seq >= s->count) {
        s->beyond++;
        return bench_sub_done(s);
    }
    if (s->seen[seq >> 3] & (1u << (seq & 7))) {
        s->dup++;
        return bench_sub_done(s);
    }
    s->seen[seq >> 3] |= (unsigned char)(1u << (seq & 7));
    if (seq + 1 < s->highest)
        s->ooo++;
    else
        s->highest = seq + 1;
    if (send_ns < s->min_send_ns)
        s->min_send_ns = send_ns;
    if (!s->first_recv_ns)
        s->first_recv_ns = recv_ns;
    s->last_recv_ns = recv_ns;
    s->lat_ns[s->unique] = recv_ns > send_ns ? recv_ns - send_ns : 0;
    s->unique++;
    return bench_sub_done(s);
}

/* ---- result line ------------------------------------------------------------------ */

struct bench_result {
    const char *client; /* "mosquitto", "paho", "reference", "mqttqt" */
    const char *lib;    /* library and version, free text */
    int ok;
    char error[256];
    uint64_t messages;
    double seconds;
    /* rtt (and sub one-way latency) percentiles in microseconds */
    int have_lat;
    double p50, p90, p99, p999, max, min, mean;
    int truncated;
    const char *note;   /* optional free text, e.g. how TCP_NODELAY was applied */
};

static inline void bench_fail(struct bench_result *r, const char *fmt, ...)
{
    va_list ap;
    if (!r->ok)
        return; /* keep the first error */
    r->ok = 0;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
}

static inline void bench_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; ++s) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* Fills latency fields from an array of ns values (sorts it in place). */
static inline void bench_result_latency(struct bench_result *r, uint64_t *ns, uint64_t n)
{
    uint64_t i;
    double sum = 0;
    if (n == 0)
        return;
    qsort(ns, (size_t)n, sizeof(uint64_t), bench_cmp_u64);
    for (i = 0; i < n; ++i)
        sum += (double)ns[i];
    r->have_lat = 1;
    r->p50 = bench_pct_us(ns, n, 50.0);
    r->p90 = bench_pct_us(ns, n, 90.0);
    r->p99 = bench_pct_us(ns, n, 99.0);
    r->p999 = bench_pct_us(ns, n, 99.9);
    r->max = (double)ns[n - 1] / 1000.0;
    r->min = (double)ns[0] / 1000.0;
    r->mean = sum / (double)n / 1000.0;
}

/* Peak resident set of this process image in KiB: VmHWM from /proc/self/status.
 * (ru_maxrss is not used: after exec it still carries the parent's peak, so a client
 * started by a big harness process would report the harness's size.) */
static inline long bench_peak_rss_kib(void)
{
    char line[256];
    long kib = -1;
    FILE *f = fopen("/proc/self/status", "r");
    if (f) {
        while (fgets(line, sizeof line, f)) {
            if (!strncmp(line, "VmHWM:", 6)) {
                kib = strtol(line + 6, NULL, 10);
                break;
            }
        }
        fclose(f);
    }
    if (kib < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kib = ru.ru_maxrss;
    }
    return kib;
}

/*
 * Prints the one result line (a JSON object) on stdout and returns the exit code.
 * sub may be NULL (pub and rtt roles).
 */
static inline int bench_report(const struct bench_opts *o, struct bench_result *r,
                        const struct bench_sub *sub)
{
    static const char *roles[] = {"pub", "sub", "rtt"};
    struct rusage ru;
    double user, sys, rate, mbps;
    int code;
    FILE *f = stdout;

    getrusage(RUSAGE_SELF, &ru);
    user = bench_timeval_s(&ru.ru_utime);
    sys = bench_timeval_s(&ru.ru_stime);
    rate = r->seconds > 0 ? (double)r->messages / r->seconds : 0.0;
    mbps = rate * (double)o->size / 1e6;

    if (sub && r->ok) {
        uint64_t lost = sub->count > sub->unique ? sub->count - sub->unique : 0;
        if (lost || sub->dup || sub->ooo || sub->bad || sub->beyond)
            bench_fail(r, "validation failed: lost=%llu dup=%llu ooo=%llu bad=%llu beyond=%llu",
                       (unsigned long long)lost, (unsigned long long)sub->dup,
                       (unsigned long long)sub->ooo, (unsigned long long)sub->bad,
                       (unsigned long long)sub->beyond);
    }

    fprintf(f, "{\"client\":");
    bench_json_str(f, r->client);
    fprintf(f, ",\"lib\":");
    bench_json_str(f, r->lib);
    fprintf(f, ",\"role\":\"%s\",\"ok\":%s,\"error\":", roles[o->role], r->ok ? "true" : "false");
    if (r->ok)
        fprintf(f, "null");
    else
        bench_json_str(f, r->error);
    fprintf(f,
            ",\"qos\":%d,\"size\":%u,\"count\":%llu,\"inflight\":%u,\"backlog\":%u,"
            "\"protocol\":%d,\"nodelay\":%d,\"clean\":%d,\"warmup\":%llu",
            o->qos, o->size, (unsigned long long)o->count, o->inflight, o->backlog, o->protocol,
            o->nodelay, o->clean, (unsigned long long)o->warmup);
    fprintf(f,
            ",\"messages\":%llu,\"seconds\":%.6f,\"msgs_per_s\":%.1f,\"mb_per_s\":%.3f"
            ",\"cpu_user_s\":%.6f,\"cpu_sys_s\":%.6f,\"cpu_us_per_msg\":%.3f,\"max_rss_kib\":%ld",
            (unsigned long long)r->messages, r->seconds, rate, mbps, user, sys,
            r->messages ? (user + sys - (bench_cpu_start_s > 0 ? bench_cpu_start_s : 0.0)) * 1e6
                                  / (double)r->messages
                        : 0.0,
            bench_peak_rss_kib());
    fprintf(f, ",\"cpu_start_s\":%.6f", bench_cpu_start_s);
    if (sub) {
        uint64_t lost = sub->count > sub->unique ? sub->count - sub->unique : 0;
        fprintf(f, ",\"lost\":%llu,\"dup\":%llu,\"ooo\":%llu,\"bad\":%llu,\"warmup_seen\":%llu",
                (unsigned long long)lost, (unsigned long long)sub->dup,
                (unsigned long long)sub->ooo, (unsigned long long)sub->bad,
                (unsigned long long)sub->warmup);
    }
    if (r->have_lat)
        fprintf(f,
                ",\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f"
                ",\"max_us\":%.1f,\"min_us\":%.1f,\"mean_us\":%.1f",
                r->p50, r->p90, r->p99, r->p999, r->max, r->min, r->mean);
    if (o->role == BENCH_ROLE_RTT)
        fprintf(f, ",\"truncated\":%s", r->truncated ? "true" : "false");
    if (r->note) {
        fprintf(f, ",\"note\":");
        bench_json_str(f, r->note);
    }
    fprintf(f, "}\n");
    fflush(f);

    if (r->ok)
        code = BENCH_EXIT_OK;
    else if (sub && (sub->unique < sub->count || sub->dup || sub->ooo || sub->bad) &&
             !strncmp(r->error, "validation", 10))
        code = BENCH_EXIT_VALIDATION;
    else
        code = BENCH_EXIT_RUNTIME;
    if (!r->ok)
        fprintf(stderr, "%s %s: FAIL: %s\n", r->client, roles[o->role], r->error);
    return code;
}

/* Sub: fills seconds/messages/latency from the validator state (see README). */
static inline void bench_sub_finish(struct bench_result *r, struct bench_sub *s, uint64_t connect_start_ns)
{
    uint64_t t0;
    r->messages = s->unique;
    if (s->unique == 0) {
        r->seconds = 0;
        return;
    }
    t0 = s->min_send_ns > connect_start_ns ? s->min_send_ns : connect_start_ns;
    r->seconds = s->last_recv_ns > t0 ? (double)(s->last_recv_ns - t0) / 1e9 : 0.0;
    bench_result_latency(r, s->lat_ns, s->unique);
}

/* Prints the "ready" line the harness waits for (sub, after the SUBACK). */
static inline void bench_ready(void)
{
    bench_mark_measuring();
    fputs("ready\n", stdout);
    fflush(stdout);
}

#endif /* MQTTQT_BENCH_COMMON_H */
