/*
 * bench_reference - a minimal hand-written MQTT client that shows what the broker
 * itself can forward (the ceiling for the library clients; see bench/README.md).
 *
 * No library: one non-blocking socket and poll(). The publisher copies a pre-encoded
 * PUBLISH packet template into one large output buffer, patches packet id and the
 * payload header, and writes the batch with one send() (QoS 0: up to 64 KiB per
 * batch; QoS 1/2: as many as the window allows). The subscriber reads large chunks,
 * parses frames in place, validates every payload and answers acks in one send() per
 * read. QoS 2 messages count as delivered on PUBREL, as in libmosquitto and Paho.
 *
 * Deliberately minimal: no keepalive pings (keepalive 0), no reconnect, no retry,
 * no topic aliases, MQTT 3.1.1 and 5.0 only.
 */
#include "bench_common.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#define BATCH_BYTES (64 * 1024)

static struct bench_opts O;
static struct bench_result R;
static struct bench_sub S;

struct buf {
    unsigned char *p;
    size_t off, len, cap; /* data is p[off..len) */
};

static int g_fd = -1;
static struct buf IN, OUT;
static size_t g_in_need; /* size of the packet waiting to be complete in IN */
static uint64_t g_progress_ns;

/* publisher side */
static unsigned char *g_tmpl;  /* pre-encoded PUBLISH packet */
static size_t g_tmpl_len, g_pid_off, g_payload_off;
static unsigned char g_pid_state[65536]; /* 0 free, 1 sent, 2 PUBREC seen */
static uint64_t g_completed;
static uint64_t g_inflight_now;

/* subscriber side (QoS 2: payload header kept until PUBREL) */
struct qos2_slot {
    int used;
    uint32_t len;
    unsigned char hdr[BENCH_HEADER_SIZE];
};
static struct qos2_slot *g_q2;
static int g_suback; /* 0 waiting, 1 ok, -1 refused */

/* rtt */
static uint64_t g_rtt_expect_seq;
static int g_rtt_expect_warm;
static int g_rtt_got;

/* ---- buffers ------------------------------------------------------------------------ */

static void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    if (b->off) {
        memmove(b->p, b->p + b->off, b->len - b->off);
        b->len -= b->off;
        b->off = 0;
    }
    if (b->len + extra > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + extra)
            cap *= 2;
        b->p = (unsigned char *)realloc(b->p, cap);
        if (!b->p) {
            fprintf(stderr, "out of memory\n");
            exit(BENCH_EXIT_RUNTIME);
        }
        b->cap = cap;
    }
}

static inline size_t buf_pending(const struct buf *b)
{
    return b->len - b->off;
}

static inline unsigned char *buf_append(struct buf *b, size_t n)
{
    unsigned char *p;
    buf_reserve(b, n);
    p = b->p + b->len;
    b->len += n;
    return p;
}

static size_t put_varint(unsigned char *p, uint32_t v)
{
    size_t n = 0;
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        if (v)
            c |= 0x80;
        p[n++] = c;
    } while (v);
    return n;
}

static inline void put_u16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static inline unsigned get_u16(const unsigned char *p)
{
    return ((unsigned)p[0] << 8) | p[1];
}

/* ---- socket I/O --------------------------------------------------------------------- */

static int flush_out(void)
{
    while (buf_pending(&OUT)) {
        ssize_t n = send(g_fd, OUT.p + OUT.off, buf_pending(&OUT), MSG_NOSIGNAL);
        if (n > 0) {
            OUT.off += (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return 0;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            bench_fail(&R, "send: %s", n == 0 ? "closed" : strerror(errno));
            return -1;
        }
    }
    OUT.off = OUT.len = 0;
    return 0;
}

/* Reads what is available. Returns bytes read, 0 if none, -1 on EOF or error. */
static ssize_t fill_in(void)
{
    ssize_t n;
    size_t want = g_in_need > 262144 ? g_in_need : 262144;
    buf_reserve(&IN, want);
    for (;;) {
        n = recv(g_fd, IN.p + IN.len, IN.cap - IN.len, 0);
        if (n > 0) {
            IN.len += (size_t)n;
            return n;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        bench_fail(&R, "connection closed by broker%s%s", n < 0 ? ": " : "",
                   n < 0 ? strerror(errno) : "");
        return -1;
    }
}

/* Takes one complete packet from IN: 1 = got one, 0 = need more, -1 = malformed. */
static int next_packet(unsigned char *type, const unsigned char **body, uint32_t *blen)
{
    size_t avail = buf_pending(&IN), i = 1;
    const unsigned char *p = IN.p + IN.off;
    uint32_t val = 0, mult = 1;
    if (avail < 2)
        return 0;
    for (;;) {
        unsigned char c;
        if (i >= avail)
            return 0;
        c = p[i++];
        val += (uint32_t)(c & 0x7f) * mult;
        mult *= 128;
        if (!(c & 0x80))
            break;
        if (i > 4) {
            bench_fail(&R, "malformed remaining length");
            return -1;
        }
    }
    if (avail < i + val) {
        g_in_need = i + val;
        return 0;
    }
    g_in_need = 0;
    *type = p[0];
    *body = p + i;
    *blen = val;
    IN.off += i + val;
    if (IN.off == IN.len)
        IN.off = IN.len = 0;
    return 1;
}

/* Waits for the socket (POLLIN, plus POLLOUT while output is pending). */
static int wait_io(int timeout_ms)
{
    struct pollfd pfd;
    int rc;
    pfd.fd = g_fd;
    pfd.events = POLLIN | (buf_pending(&OUT) ? POLLOUT : 0);
    pfd.revents = 0;
    do {
        rc = poll(&pfd, 1, timeout_ms);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        bench_fail(&R, "poll: %s", strerror(errno));
        return -1;
    }
    return rc;
}

static int flush_all(void)
{
    uint64_t t0 = bench_now_ns();
    while (buf_pending(&OUT)) {
        if (flush_out())
            return -1;
        if (!buf_pending(&OUT))
            break;
        if (wait_io(100) < 0)
            return -1;
        if ((double)(bench_now_ns() - t0) / 1e9 > O.timeout) {
            bench_fail(&R, "timeout writing to broker");
            return -1;
        }
    }
    return 0;
}

static int connect_tcp(void)
{
    struct addrinfo hints, *res = NULL, *ai;
    char port[16];
    int rc, one = 1;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    snprintf(port, sizeof port, "%d", O.port);
    rc = getaddrinfo(O.host, port, &hints, &res);
    if (rc) {
        bench_fail(&R, "getaddrinfo: %s", gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        g_fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (g_fd < 0)
            continue;
        if (connect(g_fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(g_fd);
        g_fd = -1;
    }
    freeaddrinfo(res);
    if (g_fd < 0) {
        bench_fail(&R, "connect to %s:%d failed: %s", O.host, O.port, strerror(errno));
        return -1;
    }
    if (O.nodelay)
        setsockopt(g_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(g_fd, F_SETFL, fcntl(g_fd, F_GETFL) | O_NONBLOCK);
    return 0;
}

/* ---- encoding ----------------------------------------------------------------------- */

static void append_short_ack(unsigned char type, unsigned pid)
{
    unsigned char *p = buf_append(&OUT, 4);
    p[0] = type;
    p[1] = 2;
    put_u16(p + 2, pid);
}

static void append_string(unsigned char **pp, const char *s)
{
    size_t n = strlen(s);
    put_u16(*pp, (unsigned)n);
    memcpy(*pp + 2, s, n);
    *pp += 2 + n;
}

static void build_publish_template(void)
{
    size_t tl = strlen(O.topic);
    uint32_t rl = (uint32_t)(2 + tl + (O.qos ? 2 : 0) + (O.protocol == 5 ? 1 : 0) + O.size);
    unsigned char hdr[5], *p;
    size_t hl = put_varint(hdr, rl);
    g_tmpl_len = 1 + hl + rl;
    g_tmpl = (unsigned char *)malloc(g_tmpl_len);
    p = g_tmpl;
    *p++ = (unsigned char)(0x30 | (O.qos << 1));
    memcpy(p, hdr, hl);
    p += hl;
    append_string(&p, O.topic);
    g_pid_off = (size_t)(p - g_tmpl);
    if (O.qos) {
        put_u16(p, 0);
        p += 2;
    }
    if (O.protocol == 5)
        *p++ = 0; /* no properties */
    g_payload_off = (size_t)(p - g_tmpl);
    bench_payload_init(p, O.size);
}

static void append_publish(uint64_t seq, uint64_t ts, int warm, unsigned pid)
{
    unsigned char *p = buf_append(&OUT, g_tmpl_len);
    memcpy(p, g_tmpl, g_tmpl_len);
    if (O.qos)
        put_u16(p + g_pid_off, pid);
    bench_payload_stamp(p + g_payload_off, O.size, seq, ts, warm);
}

static int send_connect(void)
{
    unsigned char body[512], *p = body, hdr[8];
    size_t idlen = strlen(O.client_id), hl;
    if (idlen > 256) {
        bench_fail(&R, "client id too long");
        return -1;
    }
    put_u16(p, 4);
    memcpy(p + 2, "MQTT", 4);
    p += 6;
    *p++ = (unsigned char)O.protocol;
    *p++ = O.clean ? 0x02 : 0x00;
    put_u16(p, 0); /* keepalive off: this client sends no PINGREQ */
    p += 2;
    if (O.protocol == 5) {
        *p++ = O.clean ? 3 : 8; /* properties length */
        *p++ = 0x21;            /* receive maximum */
        put_u16(p, BENCH_RECEIVE_MAXIMUM);
        p += 2;
        if (!O.clean) {
            *p++ = 0x11; /* session expiry interval, 3600 s */
            *p++ = 0;
            *p++ = 0;
            *p++ = 0x0e;
            *p++ = 0x10;
        }
    }
    append_string(&p, O.client_id);
    hdr[0] = 0x10;
    hl = 1 + put_varint(hdr + 1, (uint32_t)(p - body));
    memcpy(buf_append(&OUT, hl), hdr, hl);
    memcpy(buf_append(&OUT, (size_t)(p - body)), body, (size_t)(p - body));
    return flush_all();
}

static int send_subscribe(void)
{
    unsigned char body[512], *p = body, hdr[8];
    size_t hl;
    if (strlen(O.topic) > 400) {
        bench_fail(&R, "topic too long");
        return -1;
    }
    put_u16(p, 1); /* packet id 1; publishes never use it while SUBACK is pending */
    p += 2;
    if (O.protocol == 5)
        *p++ = 0;
    append_string(&p, O.topic);
    *p++ = (unsigned char)O.qos;
    hdr[0] = 0x82;
    hl = 1 + put_varint(hdr + 1, (uint32_t)(p - body));
    memcpy(buf_append(&OUT, hl), hdr, hl);
    memcpy(buf_append(&OUT, (size_t)(p - body)), body, (size_t)(p - body));
    return flush_all();
}

/* ---- packet handling ---------------------------------------------------------------- */

static void deliver(const unsigned char *payload, size_t len, uint64_t now)
{
    g_progress_ns = now;
    if (O.role == BENCH_ROLE_SUB) {
        bench_sub_on_payload(&S, payload, len, now);
    } else if (O.role == BENCH_ROLE_RTT) {
        uint64_t seq, ts;
        int kind = bench_payload_parse(payload, len, &seq, &ts);
        if (kind >= 0 && seq == g_rtt_expect_seq && kind == g_rtt_expect_warm)
            g_rtt_got = 1;
    }
}

static void complete_pid(unsigned pid)
{
    if (g_pid_state[pid]) {
        g_pid_state[pid] = 0;
        g_completed++;
        g_inflight_now--;
        g_progress_ns = bench_now_ns();
    }
}

/* v5 acks: reason code >= 0x80 is a failure */
static int ack_failed(const unsigned char *b, uint32_t n)
{
    return O.protocol == 5 && n > 2 && b[2] >= 0x80;
}

static int handle_packet(unsigned char type, const unsigned char *b, uint32_t n, uint64_t now)
{
    switch (type >> 4) {
    case 3: { /* PUBLISH */
        int qos = (type >> 1) & 3;
        uint32_t pos, tl;
        unsigned pid = 0;
        if (n < 2)
            goto malformed;
        tl = get_u16(b);
        pos = 2 + tl;
        if (qos) {
            if (pos + 2 > n)
                goto malformed;
            pid = get_u16(b + pos);
            pos += 2;
        }
        if (O.protocol == 5) {
            uint32_t pl = 0, mult = 1;
            unsigned char c;
            do {
                if (pos >= n)
                    goto malformed;
                c = b[pos++];
                pl += (uint32_t)(c & 0x7f) * mult;
                mult *= 128;
            } while (c & 0x80);
            pos += pl;
        }
        if (pos > n)
            goto malformed;
        if (qos == 0) {
            deliver(b + pos, n - pos, now);
        } else if (qos == 1) {
            append_short_ack(0x40, pid);
            deliver(b + pos, n - pos, now);
        } else {
            struct qos2_slot *s = &g_q2[pid];
            if (!s->used) {
                s->used = 1;
                s->len = n - pos;
                memset(s->hdr, 0, sizeof s->hdr);
                memcpy(s->hdr, b + pos, n - pos < BENCH_HEADER_SIZE ? n - pos : BENCH_HEADER_SIZE);
            }
            append_short_ack(0x50, pid);
        }
        return 0;
    }
    case 6: { /* PUBREL */
        unsigned pid;
        if (n < 2)
            goto malformed;
        pid = get_u16(b);
        if (g_q2[pid].used) {
            g_q2[pid].used = 0;
            deliver(g_q2[pid].hdr, g_q2[pid].len, now);
        }
        append_short_ack(0x70, pid);
        return 0;
    }
    case 4: /* PUBACK */
    case 7: /* PUBCOMP */
        if (n < 2)
            goto malformed;
        if (ack_failed(b, n)) {
            bench_fail(&R, "publish refused, reason 0x%02x", b[2]);
            return -1;
        }
        complete_pid(get_u16(b));
        return 0;
    case 5: /* PUBREC */
        if (n < 2)
            goto malformed;
        if (ack_failed(b, n)) {
            bench_fail(&R, "publish refused, reason 0x%02x", b[2]);
            return -1;
        }
        if (g_pid_state[get_u16(b)] == 1)
            g_pid_state[get_u16(b)] = 2;
        append_short_ack(0x62, get_u16(b));
        return 0;
    case 9: { /* SUBACK */
        uint32_t pos = 2;
        if (n < 3)
            goto malformed;
        if (O.protocol == 5) {
            uint32_t pl = 0, mult = 1;
            unsigned char c;
            do {
                if (pos >= n)
                    goto malformed;
                c = b[pos++];
                pl += (uint32_t)(c & 0x7f) * mult;
                mult *= 128;
            } while (c & 0x80);
            pos += pl;
        }
        if (pos >= n)
            goto malformed;
        g_suback = b[pos] >= 0x80 ? -1 : 1;
        return 0;
    }
    case 13: /* PINGRESP */
        return 0;
    case 14: /* DISCONNECT from the server (MQTT 5) */
        bench_fail(&R, "broker sent DISCONNECT (reason 0x%02x)", n ? b[0] : 0);
        return -1;
    default:
        bench_fail(&R, "unexpected packet type %u", (unsigned)(type >> 4));
        return -1;
    }
malformed:
    bench_fail(&R, "malformed packet type %u", (unsigned)(type >> 4));
    return -1;
}

/* Reads once (up to 256 KiB) and handles every complete packet. -1 on error. */
static int read_and_handle(void)
{
    unsigned char type;
    const unsigned char *body;
    uint32_t blen;
    ssize_t n = fill_in();
    uint64_t now;
    int rc;
    if (n <= 0)
        return (int)n;
    now = bench_now_ns();
    while ((rc = next_packet(&type, &body, &blen)) == 1) {
        if (handle_packet(type, body, blen, now))
            return -1;
    }
    return rc < 0 ? -1 : 0;
}

static int wait_connack(void)
{
    uint64_t t0 = bench_now_ns();
    for (;;) {
        unsigned char type;
        const unsigned char *b;
        uint32_t n;
        int rc = next_packet(&type, &b, &n);
        if (rc < 0)
            return -1;
        if (rc == 1) {
            if ((type >> 4) != 2 || n < 2) {
                bench_fail(&R, "expected CONNACK, got packet type %u", (unsigned)(type >> 4));
                return -1;
            }
            if (b[1] != 0) {
                bench_fail(&R, "connection refused, code 0x%02x", b[1]);
                return -1;
            }
            return 0;
        }
        if (wait_io(100) < 0 || fill_in() < 0)
            return -1;
        if ((double)(bench_now_ns() - t0) / 1e9 > O.timeout) {
            bench_fail(&R, "timeout waiting for CONNACK");
            return -1;
        }
    }
}

/* ---- roles -------------------------------------------------------------------------- */

static void run_pub(void)
{
    uint64_t total = O.warmup + O.count, next = 0, t0 = 0;
    g_progress_ns = bench_now_ns();
    while (g_completed < total) {
        uint64_t now = bench_now_ns();
        int r;
        /* fill one batch */
        if (O.qos == 0) {
            if (!buf_pending(&OUT)) {
                while (next < total && (buf_pending(&OUT) + g_tmpl_len <= BATCH_BYTES ||
                                        !buf_pending(&OUT))) {
                    int warm = next < O.warmup;
                    if (!warm && !t0) {
                        t0 = now;
                        bench_mark_measuring();
                    }
                    append_publish(warm ? next : next - O.warmup, now, warm, 0);
                    next++;
                }
            }
        } else {
            while (next < total && g_inflight_now < O.inflight &&
                   (buf_pending(&OUT) + g_tmpl_len <= BATCH_BYTES || !buf_pending(&OUT))) {
                int warm = next < O.warmup;
                unsigned pid = (unsigned)(next % 65535) + 1;
                if (g_pid_state[pid]) {
                    bench_fail(&R, "packet id %u still in flight", pid);
                    return;
                }
                if (!warm && !t0) {
                    t0 = now;
                    bench_mark_measuring();
                }
                g_pid_state[pid] = 1;
                g_inflight_now++;
                append_publish(warm ? next : next - O.warmup, now, warm, pid);
                next++;
            }
        }
        if (flush_out())
            return;
        if (O.qos == 0 && !buf_pending(&OUT)) {
            g_completed = next; /* QoS 0 completes when written */
            g_progress_ns = now;
            if (next < total)
                continue;
            break;
        }
        /* don't block while the window still has room and the batch went out */
        r = wait_io((O.qos && !buf_pending(&OUT) && next < total &&
                     g_inflight_now < O.inflight) ? 0 : 1000);
        if (r < 0)
            return;
        if (r > 0 && read_and_handle())
            return;
        if ((double)(bench_now_ns() - g_progress_ns) / 1e9 > O.timeout) {
            bench_fail(&R, "timeout: %llu of %llu messages completed",
                       (unsigned long long)g_completed, (unsigned long long)total);
            return;
        }
    }
    R.messages = O.count;
    R.seconds = (double)(bench_now_ns() - t0) / 1e9;
}

static int subscribe_and_wait(void)
{
    uint64_t t0 = bench_now_ns();
    if (send_subscribe())
        return -1;
    while (g_suback == 0) {
        if (read_and_handle() || flush_out())
            return -1;
        if (g_suback)
            break;
        if (wait_io(100) < 0)
            return -1;
        if ((double)(bench_now_ns() - t0) / 1e9 > O.timeout) {
            bench_fail(&R, "timeout waiting for SUBACK");
            return -1;
        }
    }
    if (g_suback < 0) {
        bench_fail(&R, "subscription refused");
        return -1;
    }
    return 0;
}

static void run_sub(uint64_t connect_start)
{
    if (O.count > 0) {
        g_progress_ns = bench_now_ns();
        while (!bench_sub_done(&S)) {
            int r = wait_io(1000);
            if (r < 0)
                break;
            if (r > 0 && (read_and_handle() || flush_out()))
                break;
            if (!bench_sub_done(&S) &&
                (double)(bench_now_ns() - g_progress_ns) / 1e9 > O.timeout) {
                fprintf(stderr, "bench_reference sub: no message for %.0f s, giving up\n",
                        O.timeout);
                break;
            }
        }
        bench_sub_finish(&R, &S, connect_start);
    }
}

static void run_rtt(void)
{
    uint64_t *rtts = (uint64_t *)malloc((size_t)O.count * sizeof(uint64_t));
    uint64_t i, n = 0, total = O.warmup + O.count, t_start = 0;
    for (i = 0; i < total; ++i) {
        int warm = i < O.warmup;
        uint64_t seq = warm ? i : i - O.warmup, t_send, t_recv;
        unsigned pid = (unsigned)(i % 65535) + 1;
        if (!warm && !t_start) {
            t_start = bench_now_ns();
            bench_mark_measuring();
        }
        g_rtt_expect_seq = seq;
        g_rtt_expect_warm = warm;
        g_rtt_got = 0;
        t_send = bench_now_ns();
        if (O.qos) {
            if (g_pid_state[pid]) {
                bench_fail(&R, "packet id %u still in flight", pid);
                break;
            }
            g_pid_state[pid] = 1;
            g_inflight_now++;
        }
        append_publish(seq, t_send, warm, pid);
        if (flush_out())
            break;
        while (!g_rtt_got) {
            int r = wait_io(100);
            if (r < 0 || (r > 0 && read_and_handle()) || flush_out())
                goto out;
            if (!g_rtt_got && (double)(bench_now_ns() - t_send) / 1e9 > O.timeout) {
                bench_fail(&R, "timeout waiting for own message %llu", (unsigned long long)seq);
                goto out;
            }
        }
        t_recv = bench_now_ns();
        if (!warm) {
            rtts[n++] = t_recv - t_send;
            if (O.max_seconds > 0 && (double)(t_recv - t_start) / 1e9 >= O.max_seconds &&
                n < O.count) {
                R.truncated = 1;
                break;
            }
        }
    }
out:
    R.messages = n;
    R.seconds = t_start ? (double)(bench_now_ns() - t_start) / 1e9 : 0;
    bench_result_latency(&R, rtts, n);
    free(rtts);
}

int main(int argc, char **argv)
{
    uint64_t connect_start;
    int rc;
    bench_parse_args(argc, argv, &O, "bench_reference");
    if (O.cafile)
        bench_die_usage("bench_reference", "--cafile: this client does not do TLS");
    R.client = "reference";
    R.lib = "hand-written raw MQTT (bench_reference.c)";
    R.ok = 1;
    if (O.role == BENCH_ROLE_SUB)
        bench_sub_init(&S, O.count);
    g_q2 = (struct qos2_slot *)calloc(65536, sizeof(struct qos2_slot));
    build_publish_template();

    connect_start = bench_now_ns();
    if (connect_tcp() || send_connect() || wait_connack())
        goto done;
    switch (O.role) {
    case BENCH_ROLE_PUB:
        run_pub();
        break;
    case BENCH_ROLE_SUB:
        if (subscribe_and_wait() == 0) {
            bench_ready();
            run_sub(connect_start);
        }
        break;
    case BENCH_ROLE_RTT:
        if (subscribe_and_wait() == 0)
            run_rtt();
        break;
    }
    if (g_fd >= 0) {
        unsigned char *p;
        flush_out();
        p = buf_append(&OUT, 2);
        p[0] = 0xE0;
        p[1] = 0;
        flush_all();
        shutdown(g_fd, SHUT_WR);
        /* wait for the broker to close, so nothing we wrote is cut off by a reset */
        {
            uint64_t t0 = bench_now_ns();
            IN.off = IN.len = 0;
            while ((double)(bench_now_ns() - t0) / 1e9 < 5.0) {
                ssize_t n;
                if (wait_io(100) < 0)
                    break;
                buf_reserve(&IN, 65536);
                n = recv(g_fd, IN.p, IN.cap, 0);
                if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
                    break;
            }
        }
    }
done:
    rc = bench_report(&O, &R, O.role == BENCH_ROLE_SUB ? &S : NULL);
    if (g_fd >= 0)
        close(g_fd);
    return rc;
}
