/*
 * bench_mosquitto - the libmosquitto benchmark client (see bench/README.md).
 *
 * Single-threaded libmosquitto: the network loop runs in the calling thread through
 * mosquitto_loop() (never mosquitto_loop_start()). mosquitto_publish() called outside
 * a callback writes straight to the socket in this mode; when the socket is full the
 * packet stays queued and mosquitto_loop() flushes it.
 *
 * Window: the library's own MOSQ_OPT_SEND_MAXIMUM (= --inflight) limits outgoing
 * QoS 1/2 messages in flight; the application hands the library at most
 * inflight + backlog messages that have not completed (on_publish) yet.
 */
#include "bench_common.h"

#include <mosquitto.h>
#include <mqtt_protocol.h>

static struct bench_opts O;
static struct bench_result R;
static struct bench_sub S;

static int g_connack = -1;    /* CONNACK reason, -1 = not yet */
static int g_subscribed;      /* SUBACK seen */
static int g_suback_failed;
static int g_disconnected;
static uint64_t g_completed;  /* on_publish count (QoS 0: written, 1: PUBACK, 2: PUBCOMP) */
static int g_sub_done;
static uint64_t g_progress_ns;

/* rtt */
static uint64_t g_rtt_expect_seq;
static int g_rtt_expect_warm;
static int g_rtt_got;

static void on_connect(struct mosquitto *m, void *obj, int rc, int flags,
                       const mosquitto_property *props)
{
    (void)m, (void)obj, (void)flags, (void)props;
    g_connack = rc;
}

static void on_disconnect(struct mosquitto *m, void *obj, int rc, const mosquitto_property *props)
{
    (void)m, (void)obj, (void)rc, (void)props;
    g_disconnected = 1;
}

static void on_subscribe(struct mosquitto *m, void *obj, int mid, int n, const int *granted)
{
    (void)m, (void)obj, (void)mid;
    if (n < 1 || granted[0] >= 0x80)
        g_suback_failed = 1;
    g_subscribed = 1;
}

static void on_publish(struct mosquitto *m, void *obj, int mid)
{
    (void)m, (void)obj, (void)mid;
    g_completed++;
}

static void on_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg)
{
    uint64_t now = bench_now_ns();
    (void)m, (void)obj;
    g_progress_ns = now;
    if (O.role == BENCH_ROLE_SUB) {
        if (bench_sub_on_payload(&S, msg->payload, (size_t)msg->payloadlen, now))
            g_sub_done = 1;
    } else if (O.role == BENCH_ROLE_RTT) {
        uint64_t seq, ts;
        int kind = bench_payload_parse(msg->payload, (size_t)msg->payloadlen, &seq, &ts);
        if (kind >= 0 && seq == g_rtt_expect_seq && kind == g_rtt_expect_warm)
            g_rtt_got = 1;
    }
}

static int timed_out(uint64_t since_ns)
{
    return (double)(bench_now_ns() - since_ns) / 1e9 > O.timeout;
}

/* Runs the loop once; returns 0 on success, records a failure otherwise. */
static int loop_once(struct mosquitto *m, int timeout_ms)
{
    int rc = mosquitto_loop(m, timeout_ms, 1);
    if (rc != MOSQ_ERR_SUCCESS) {
        bench_fail(&R, "mosquitto_loop: %s", mosquitto_strerror(rc));
        return -1;
    }
    return 0;
}

static int do_subscribe(struct mosquitto *m)
{
    uint64_t t0 = bench_now_ns();
    int rc = mosquitto_subscribe(m, NULL, O.topic, O.qos);
    if (rc != MOSQ_ERR_SUCCESS) {
        bench_fail(&R, "mosquitto_subscribe: %s", mosquitto_strerror(rc));
        return -1;
    }
    while (!g_subscribed) {
        if (loop_once(m, 100))
            return -1;
        if (timed_out(t0)) {
            bench_fail(&R, "timeout waiting for SUBACK");
            return -1;
        }
    }
    if (g_suback_failed) {
        bench_fail(&R, "subscription refused");
        return -1;
    }
    return 0;
}

static void run_pub(struct mosquitto *m)
{
    unsigned char *buf = (unsigned char *)malloc(O.size);
    uint64_t handed = 0, t0, limit = (uint64_t)O.inflight + O.backlog;
    uint64_t last = 0;
    bench_payload_init(buf, O.size);
    last = bench_now_ns();
    /* warm-up messages first (not timed), same flow as measured ones */
    uint64_t total = O.warmup + O.count;
    t0 = 0;
    while (g_completed < total) {
        while (handed < total && handed - g_completed < limit) {
            int warm = handed < O.warmup;
            uint64_t seq = warm ? handed : handed - O.warmup;
            uint64_t now = bench_now_ns();
            int rc;
            if (!warm && t0 == 0) {
                t0 = now;
                bench_mark_measuring();
            }
            bench_payload_stamp(buf, O.size, seq, now, warm);
            rc = mosquitto_publish(m, NULL, O.topic, (int)O.size, buf, O.qos, false);
            if (rc != MOSQ_ERR_SUCCESS) {
                bench_fail(&R, "mosquitto_publish: %s", mosquitto_strerror(rc));
                goto out;
            }
            handed++;
        }
        if (g_completed >= total)
            break;
        uint64_t before = g_completed;
        if (loop_once(m, 1000))
            goto out;
        if (g_completed != before)
            last = bench_now_ns();
        else if (timed_out(last)) {
            bench_fail(&R, "timeout: %llu of %llu messages completed",
                       (unsigned long long)g_completed, (unsigned long long)total);
            goto out;
        }
    }
    R.messages = O.count;
    R.seconds = (double)(bench_now_ns() - t0) / 1e9;
out:
    free(buf);
}

static void run_sub(struct mosquitto *m, uint64_t connect_start)
{
    if (O.count == 0)
        return; /* subscribe-and-leave (persistent session set-up) */
    g_progress_ns = bench_now_ns();
    while (!g_sub_done) {
        if (loop_once(m, 100))
            break;
        if (timed_out(g_progress_ns)) {
            fprintf(stderr, "bench_mosquitto sub: no message for %.0f s, giving up\n",
                    O.timeout);
            break;
        }
    }
    bench_sub_finish(&R, &S, connect_start);
}

static void run_rtt(struct mosquitto *m)
{
    unsigned char *buf = (unsigned char *)malloc(O.size);
    uint64_t *rtts = (uint64_t *)malloc((size_t)O.count * sizeof(uint64_t));
    uint64_t i, n = 0, total = O.warmup + O.count, t_start = 0;
    bench_payload_init(buf, O.size);
    for (i = 0; i < total; ++i) {
        int warm = i < O.warmup;
        uint64_t seq = warm ? i : i - O.warmup;
        uint64_t t_send, t_recv;
        int rc;
        if (!warm && t_start == 0) {
            t_start = bench_now_ns();
            bench_mark_measuring();
        }
        g_rtt_expect_seq = seq;
        g_rtt_expect_warm = warm;
        g_rtt_got = 0;
        t_send = bench_now_ns();
        bench_payload_stamp(buf, O.size, seq, t_send, warm);
        rc = mosquitto_publish(m, NULL, O.topic, (int)O.size, buf, O.qos, false);
        if (rc != MOSQ_ERR_SUCCESS) {
            bench_fail(&R, "mosquitto_publish: %s", mosquitto_strerror(rc));
            break;
        }
        while (!g_rtt_got) {
            if (loop_once(m, 100))
                goto out;
            if (!g_rtt_got && timed_out(t_send)) {
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
    free(buf);
}

int main(int argc, char **argv)
{
    struct mosquitto *m;
    mosquitto_property *props = NULL;
    static char lib[64];
    int maj, min, rev, rc;
    uint64_t connect_start, t0;

    bench_parse_args(argc, argv, &O, "bench_mosquitto");
    mosquitto_lib_init();
    mosquitto_lib_version(&maj, &min, &rev);
    snprintf(lib, sizeof lib, "libmosquitto %d.%d.%d", maj, min, rev);
    R.client = "mosquitto";
    R.lib = lib;
    R.ok = 1;
    if (O.role == BENCH_ROLE_SUB)
        bench_sub_init(&S, O.count);

    m = mosquitto_new(O.client_id, O.clean ? true : false, NULL);
    if (!m) {
        fprintf(stderr, "mosquitto_new failed\n");
        return BENCH_EXIT_RUNTIME;
    }
    mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION,
                         O.protocol == 5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311);
    mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, O.nodelay);
    if (O.cafile) {
        rc = mosquitto_tls_set(m, O.cafile, NULL, NULL, NULL, NULL);
        if (rc != MOSQ_ERR_SUCCESS) {
            bench_fail(&R, "mosquitto_tls_set: %s", mosquitto_strerror(rc));
            return bench_report(&O, &R, O.role == BENCH_ROLE_SUB ? &S : NULL);
        }
    }
    mosquitto_int_option(m, MOSQ_OPT_SEND_MAXIMUM, (int)O.inflight);
    /* Inbound window (MQTT 5): the same as the broker applies to 3.1.1 clients. */
    mosquitto_int_option(m, MOSQ_OPT_RECEIVE_MAXIMUM, BENCH_RECEIVE_MAXIMUM);
    mosquitto_connect_v5_callback_set(m, on_connect);
    mosquitto_disconnect_v5_callback_set(m, on_disconnect);
    mosquitto_subscribe_callback_set(m, on_subscribe);
    mosquitto_publish_callback_set(m, on_publish);
    mosquitto_message_callback_set(m, on_message);

    if (O.protocol == 5 && !O.clean)
        mosquitto_property_add_int32(&props, MQTT_PROP_SESSION_EXPIRY_INTERVAL, 3600);
    connect_start = bench_now_ns();
    rc = mosquitto_connect_bind_v5(m, O.host, O.port, 60, NULL, props);
    mosquitto_property_free_all(&props);
    if (rc != MOSQ_ERR_SUCCESS) {
        bench_fail(&R, "connect: %s", mosquitto_strerror(rc));
        goto done;
    }
    t0 = bench_now_ns();
    while (g_connack < 0) {
        if (loop_once(m, 100))
            goto done;
        if (timed_out(t0)) {
            bench_fail(&R, "timeout waiting for CONNACK");
            goto done;
        }
    }
    if (g_connack != 0) {
        bench_fail(&R, "connection refused: %s", mosquitto_reason_string(g_connack));
        goto done;
    }

    switch (O.role) {
    case BENCH_ROLE_PUB:
        run_pub(m);
        break;
    case BENCH_ROLE_SUB:
        if (do_subscribe(m) == 0) {
            bench_ready();
            run_sub(m, connect_start);
        }
        break;
    case BENCH_ROLE_RTT:
        if (do_subscribe(m) == 0)
            run_rtt(m);
        break;
    }

    /* Orderly DISCONNECT; mosquitto_disconnect flushes nothing by itself, so keep
     * looping until the library reports the socket closed. */
    mosquitto_disconnect(m);
    t0 = bench_now_ns();
    while (!g_disconnected && (double)(bench_now_ns() - t0) / 1e9 < 5.0) {
        if (mosquitto_loop(m, 100, 1) != MOSQ_ERR_SUCCESS)
            break;
    }
done:
    rc = bench_report(&O, &R, O.role == BENCH_ROLE_SUB ? &S : NULL);
    mosquitto_destroy(m);
    mosquitto_lib_cleanup();
    return rc;
}
