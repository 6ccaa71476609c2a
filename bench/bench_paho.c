/*
 * bench_paho - the Eclipse Paho C MQTTAsync benchmark client (see bench/README.md).
 *
 * Uses the asynchronous API as intended: the library's own send and receive threads
 * do the I/O and call back; the application thread publishes and waits on a
 * condition variable. The library's own maxInflight (= --inflight) limits outgoing
 * QoS 1/2 messages in flight; the application keeps at most inflight + backlog
 * messages handed to the library that have not completed (onSuccess) yet.
 *
 * Paho C has no TCP_NODELAY option: with --nodelay 1 this program sets it on the
 * connected socket itself (found by its peer address) and says so in "note".
 */
#include "bench_common.h"

#include <MQTTAsync.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/socket.h>

static struct bench_opts O;
static struct bench_result R;
static struct bench_sub S;

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;
static int g_connect_state;   /* 0 pending, 1 ok, -1 failed */
static int g_connect_code;
static int g_sub_state;       /* 0 pending, 1 ok, -1 failed */
static int g_disc_state;
static int g_lost;
static uint64_t g_completed;
static uint64_t g_failed;
static int g_sub_done;
static uint64_t g_progress_ns;
static int g_waiting;         /* main thread is blocked on g_cv */

/* rtt */
static uint64_t g_rtt_expect_seq;
static int g_rtt_expect_warm;
static int g_rtt_got;

static void wake_locked(void)
{
    if (g_waiting)
        pthread_cond_signal(&g_cv);
}

static void on_conn_ok(void *ctx, MQTTAsync_successData *d)
{
    (void)ctx, (void)d;
    pthread_mutex_lock(&g_mu);
    g_connect_state = 1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_conn_fail(void *ctx, MQTTAsync_failureData *d)
{
    (void)ctx;
    pthread_mutex_lock(&g_mu);
    g_connect_state = -1;
    g_connect_code = d ? d->code : -1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_conn_ok5(void *ctx, MQTTAsync_successData5 *d)
{
    (void)ctx, (void)d;
    on_conn_ok(NULL, NULL);
}

static void on_conn_fail5(void *ctx, MQTTAsync_failureData5 *d)
{
    (void)ctx;
    pthread_mutex_lock(&g_mu);
    g_connect_state = -1;
    g_connect_code = d ? (d->reasonCode ? (int)d->reasonCode : d->code) : -1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_sub_ok(void *ctx, MQTTAsync_successData *d)
{
    (void)ctx;
    pthread_mutex_lock(&g_mu);
    g_sub_state = (d && d->alt.qos >= 0x80) ? -1 : 1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_sub_ok5(void *ctx, MQTTAsync_successData5 *d)
{
    (void)ctx;
    pthread_mutex_lock(&g_mu);
    g_sub_state = (d && d->reasonCode >= 0x80) ? -1 : 1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_sub_fail(void *ctx, MQTTAsync_failureData *d)
{
    (void)ctx, (void)d;
    pthread_mutex_lock(&g_mu);
    g_sub_state = -1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_sub_fail5(void *ctx, MQTTAsync_failureData5 *d)
{
    (void)d;
    on_sub_fail(ctx, NULL);
}

static void on_pub_ok(void *ctx, MQTTAsync_successData *d)
{
    (void)ctx, (void)d;
    pthread_mutex_lock(&g_mu);
    g_completed++;
    wake_locked();
    pthread_mutex_unlock(&g_mu);
}

static void on_pub_ok5(void *ctx, MQTTAsync_successData5 *d)
{
    (void)d;
    on_pub_ok(ctx, NULL);
}

static void on_pub_fail(void *ctx, MQTTAsync_failureData *d)
{
    (void)ctx, (void)d;
    pthread_mutex_lock(&g_mu);
    g_failed++;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_pub_fail5(void *ctx, MQTTAsync_failureData5 *d)
{
    (void)d;
    on_pub_fail(ctx, NULL);
}

static void on_disc_ok(void *ctx, MQTTAsync_successData *d)
{
    (void)ctx, (void)d;
    pthread_mutex_lock(&g_mu);
    g_disc_state = 1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static void on_disc_ok5(void *ctx, MQTTAsync_successData5 *d)
{
    (void)d;
    on_disc_ok(ctx, NULL);
}

static void on_disc_fail(void *ctx, MQTTAsync_failureData *d)
{
    (void)d;
    on_disc_ok(ctx, NULL);
}

static void on_disc_fail5(void *ctx, MQTTAsync_failureData5 *d)
{
    (void)d;
    on_disc_ok(ctx, NULL);
}

static void on_connection_lost(void *ctx, char *cause)
{
    (void)ctx, (void)cause;
    pthread_mutex_lock(&g_mu);
    g_lost = 1;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

static int on_message(void *ctx, char *topic, int topic_len, MQTTAsync_message *msg)
{
    uint64_t now = bench_now_ns();
    (void)ctx, (void)topic_len;
    if (O.role == BENCH_ROLE_SUB) {
        /* only this (receive) thread touches S until g_sub_done is set */
        int done = bench_sub_on_payload(&S, msg->payload, (size_t)msg->payloadlen, now);
        pthread_mutex_lock(&g_mu);
        g_progress_ns = now;
        if (done && !g_sub_done) {
            g_sub_done = 1;
            pthread_cond_signal(&g_cv);
        }
        pthread_mutex_unlock(&g_mu);
    } else if (O.role == BENCH_ROLE_RTT) {
        uint64_t seq, ts;
        int kind = bench_payload_parse(msg->payload, (size_t)msg->payloadlen, &seq, &ts);
        pthread_mutex_lock(&g_mu);
        if (kind >= 0 && seq == g_rtt_expect_seq && kind == g_rtt_expect_warm) {
            g_rtt_got = 1;
            pthread_cond_signal(&g_cv);
        }
        pthread_mutex_unlock(&g_mu);
    }
    MQTTAsync_freeMessage(&msg);
    MQTTAsync_free(topic);
    return 1;
}

/* Waits (g_mu held) until *flag != 0 or the deadline passes; returns 0 if set. */
static int wait_flag_locked(int *flag, double seconds)
{
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_sec += (time_t)seconds;
    dl.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
    if (dl.tv_nsec >= 1000000000L) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000L;
    }
    while (!*flag && !g_lost) {
        if (pthread_cond_timedwait(&g_cv, &g_mu, &dl) == ETIMEDOUT)
            break;
    }
    return *flag ? 0 : -1;
}

static void timed_wait_locked(double seconds)
{
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_nsec += (long)(seconds * 1e9);
    while (dl.tv_nsec >= 1000000000L) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000L;
    }
    g_waiting = 1;
    pthread_cond_timedwait(&g_cv, &g_mu, &dl);
    g_waiting = 0;
}

/* Paho has no TCP_NODELAY option; set it on our one connected TCP socket. */
static int apply_nodelay(void)
{
    int fd, applied = 0;
    for (fd = 0; fd < 1024; ++fd) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int type = 0, one = 1;
        socklen_t tl = sizeof type;
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) != 0 || type != SOCK_STREAM)
            continue;
        if (getpeername(fd, (struct sockaddr *)&ss, &len) != 0)
            continue;
        if (ss.ss_family == AF_INET && ntohs(((struct sockaddr_in *)&ss)->sin_port) == O.port) {
            if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0)
                applied++;
        }
    }
    return applied;
}

static int send_one(MQTTAsync c, unsigned char *buf)
{
    MQTTAsync_message msg = MQTTAsync_message_initializer;
    MQTTAsync_responseOptions ro = MQTTAsync_responseOptions_initializer;
    int rc;
    msg.payload = buf;
    msg.payloadlen = (int)O.size;
    msg.qos = O.qos;
    msg.retained = 0;
    if (O.protocol == 5) {
        ro.onSuccess5 = on_pub_ok5;
        ro.onFailure5 = on_pub_fail5;
    } else {
        ro.onSuccess = on_pub_ok;
        ro.onFailure = on_pub_fail;
    }
    rc = MQTTAsync_sendMessage(c, O.topic, &msg, &ro);
    if (rc != MQTTASYNC_SUCCESS)
        bench_fail(&R, "MQTTAsync_sendMessage: %s (%d)", MQTTAsync_strerror(rc), rc);
    return rc;
}

static void run_pub(MQTTAsync c)
{
    unsigned char *buf = (unsigned char *)malloc(O.size);
    uint64_t handed = 0, total = O.warmup + O.count, t0 = 0, last;
    uint64_t limit = (uint64_t)O.inflight + O.backlog;
    bench_payload_init(buf, O.size);
    last = bench_now_ns();
    pthread_mutex_lock(&g_mu);
    while (g_completed < total) {
        if (g_failed || g_lost) {
            bench_fail(&R, "%s", g_lost ? "connection lost" : "publish failed");
            break;
        }
        if (handed < total && handed - g_completed < limit) {
            uint64_t room = limit - (handed - g_completed);
            pthread_mutex_unlock(&g_mu);
            while (room-- && handed < total) {
                int warm = handed < O.warmup;
                uint64_t now = bench_now_ns();
                if (!warm && t0 == 0) {
                    t0 = now;
                    bench_mark_measuring();
                }
                bench_payload_stamp(buf, O.size, warm ? handed : handed - O.warmup, now, warm);
                if (send_one(c, buf) != MQTTASYNC_SUCCESS) {
                    pthread_mutex_lock(&g_mu);
                    goto out_locked;
                }
                handed++;
            }
            pthread_mutex_lock(&g_mu);
            continue;
        }
        {
            uint64_t before = g_completed;
            timed_wait_locked(1.0);
            if (g_completed != before)
                last = bench_now_ns();
            else if ((double)(bench_now_ns() - last) / 1e9 > O.timeout) {
                bench_fail(&R, "timeout: %llu of %llu messages completed",
                           (unsigned long long)g_completed, (unsigned long long)total);
                break;
            }
        }
    }
    if (R.ok) {
        R.messages = O.count;
        R.seconds = (double)(bench_now_ns() - t0) / 1e9;
    }
out_locked:
    pthread_mutex_unlock(&g_mu);
    free(buf);
}

static void run_sub(uint64_t connect_start)
{
    if (O.count > 0) {
        pthread_mutex_lock(&g_mu);
        g_progress_ns = bench_now_ns();
        while (!g_sub_done && !g_lost) {
            timed_wait_locked(0.5);
            if (!g_sub_done && (double)(bench_now_ns() - g_progress_ns) / 1e9 > O.timeout) {
                fprintf(stderr, "bench_paho sub: no message for %.0f s, giving up\n", O.timeout);
                break;
            }
        }
        if (g_lost && !g_sub_done)
            bench_fail(&R, "connection lost");
        pthread_mutex_unlock(&g_mu);
        /* The receive thread stops touching S once g_sub_done is set; if we gave up
         * early, it may still be running - the counters are read-only from here on. */
        bench_sub_finish(&R, &S, connect_start);
    }
}

static void run_rtt(MQTTAsync c)
{
    unsigned char *buf = (unsigned char *)malloc(O.size);
    uint64_t *rtts = (uint64_t *)malloc((size_t)O.count * sizeof(uint64_t));
    uint64_t i, n = 0, total = O.warmup + O.count, t_start = 0;
    bench_payload_init(buf, O.size);
    for (i = 0; i < total; ++i) {
        int warm = i < O.warmup;
        uint64_t seq = warm ? i : i - O.warmup;
        uint64_t t_send, t_recv;
        if (!warm && t_start == 0) {
            t_start = bench_now_ns();
            bench_mark_measuring();
        }
        pthread_mutex_lock(&g_mu);
        g_rtt_expect_seq = seq;
        g_rtt_expect_warm = warm;
        g_rtt_got = 0;
        pthread_mutex_unlock(&g_mu);
        t_send = bench_now_ns();
        bench_payload_stamp(buf, O.size, seq, t_send, warm);
        if (send_one(c, buf) != MQTTASYNC_SUCCESS)
            break;
        pthread_mutex_lock(&g_mu);
        if (wait_flag_locked(&g_rtt_got, O.timeout) != 0) {
            pthread_mutex_unlock(&g_mu);
            bench_fail(&R, "timeout waiting for own message %llu", (unsigned long long)seq);
            break;
        }
        pthread_mutex_unlock(&g_mu);
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
    R.messages = n;
    R.seconds = t_start ? (double)(bench_now_ns() - t_start) / 1e9 : 0;
    bench_result_latency(&R, rtts, n);
    free(rtts);
    free(buf);
}

int main(int argc, char **argv)
{
    MQTTAsync c = NULL;
    MQTTAsync_createOptions co = MQTTAsync_createOptions_initializer;
    MQTTAsync_connectOptions cn = MQTTAsync_connectOptions_initializer;
    MQTTAsync_connectOptions cn5 = MQTTAsync_connectOptions_initializer5;
    MQTTProperties props = MQTTProperties_initializer;
    MQTTAsync_nameValue *vi;
    static char lib[96];
    static char uri[300];
    uint64_t connect_start;
    int rc;

    bench_parse_args(argc, argv, &O, "bench_paho");
    if (O.cafile)
        bench_die_usage("bench_paho", "--cafile: this client does not do TLS");
    R.client = "paho";
    snprintf(lib, sizeof lib, "Paho C MQTTAsync");
    for (vi = MQTTAsync_getVersionInfo(); vi && vi->name; ++vi)
        if (!strcmp(vi->name, "Version"))
            snprintf(lib, sizeof lib, "Paho C MQTTAsync %s", vi->value);
    R.lib = lib;
    R.ok = 1;
    if (O.role == BENCH_ROLE_SUB)
        bench_sub_init(&S, O.count);

    snprintf(uri, sizeof uri, "tcp://%s:%d", O.host, O.port);
    co.MQTTVersion = O.protocol == 5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1;
    /* Paho refuses sendMessage once this many publishes are queued inside it
     * (even while connected); our own bound is inflight + backlog. */
    co.maxBufferedMessages = (int)(O.inflight + O.backlog + 16);
    rc = MQTTAsync_createWithOptions(&c, uri, O.client_id, MQTTCLIENT_PERSISTENCE_NONE, NULL, &co);
    if (rc != MQTTASYNC_SUCCESS) {
        bench_fail(&R, "MQTTAsync_create: %s", MQTTAsync_strerror(rc));
        return bench_report(&O, &R, O.role == BENCH_ROLE_SUB ? &S : NULL);
    }
    MQTTAsync_setCallbacks(c, NULL, on_connection_lost, on_message, NULL);

    if (O.protocol == 5) {
        MQTTProperty p;
        cn = cn5;
        cn.cleanstart = O.clean;
        cn.onSuccess5 = on_conn_ok5;
        cn.onFailure5 = on_conn_fail5;
        if (!O.clean) {
            memset(&p, 0, sizeof p);
            p.identifier = MQTTPROPERTY_CODE_SESSION_EXPIRY_INTERVAL;
            p.value.integer4 = 3600;
            MQTTProperties_add(&props, &p);
        }
        /* inbound window: the same as the broker applies to 3.1.1 clients */
        memset(&p, 0, sizeof p);
        p.identifier = MQTTPROPERTY_CODE_RECEIVE_MAXIMUM;
        p.value.integer2 = BENCH_RECEIVE_MAXIMUM;
        MQTTProperties_add(&props, &p);
        cn.connectProperties = &props;
    } else {
        cn.MQTTVersion = MQTTVERSION_3_1_1;
        cn.cleansession = O.clean;
        cn.onSuccess = on_conn_ok;
        cn.onFailure = on_conn_fail;
    }
    cn.keepAliveInterval = 60;
    cn.maxInflight = (int)O.inflight;
    cn.connectTimeout = (int)(O.timeout + 0.5);

    connect_start = bench_now_ns();
    rc = MQTTAsync_connect(c, &cn);
    if (rc != MQTTASYNC_SUCCESS) {
        bench_fail(&R, "MQTTAsync_connect: %s", MQTTAsync_strerror(rc));
        goto done;
    }
    pthread_mutex_lock(&g_mu);
    wait_flag_locked(&g_connect_state, O.timeout);
    rc = g_connect_state;
    pthread_mutex_unlock(&g_mu);
    if (rc != 1) {
        bench_fail(&R, "connect failed (code %d)", g_connect_code);
        goto done;
    }
    if (O.nodelay) {
        int n = apply_nodelay();
        R.note = n == 1 ? "TCP_NODELAY set by the benchmark on Paho's socket (no Paho option)"
                        : "TCP_NODELAY requested but the socket was not found";
    } else {
        R.note = "Paho C leaves Nagle on (it has no TCP_NODELAY option)";
    }

    if (O.role != BENCH_ROLE_PUB) {
        MQTTAsync_responseOptions ro = MQTTAsync_responseOptions_initializer;
        if (O.protocol == 5) {
            ro.onSuccess5 = on_sub_ok5;
            ro.onFailure5 = on_sub_fail5;
        } else {
            ro.onSuccess = on_sub_ok;
            ro.onFailure = on_sub_fail;
        }
        rc = MQTTAsync_subscribe(c, O.topic, O.qos, &ro);
        if (rc != MQTTASYNC_SUCCESS) {
            bench_fail(&R, "MQTTAsync_subscribe: %s", MQTTAsync_strerror(rc));
            goto disconnect;
        }
        pthread_mutex_lock(&g_mu);
        wait_flag_locked(&g_sub_state, O.timeout);
        rc = g_sub_state;
        pthread_mutex_unlock(&g_mu);
        if (rc != 1) {
            bench_fail(&R, "subscribe failed");
            goto disconnect;
        }
    }

    switch (O.role) {
    case BENCH_ROLE_PUB:
        run_pub(c);
        break;
    case BENCH_ROLE_SUB:
        bench_ready();
        run_sub(connect_start);
        break;
    case BENCH_ROLE_RTT:
        run_rtt(c);
        break;
    }

disconnect : {
    MQTTAsync_disconnectOptions dop = MQTTAsync_disconnectOptions_initializer;
    MQTTAsync_disconnectOptions dop5 = MQTTAsync_disconnectOptions_initializer5;
    if (O.protocol == 5) {
        dop = dop5;
        dop.onSuccess5 = on_disc_ok5;
        dop.onFailure5 = on_disc_fail5;
    } else {
        dop.onSuccess = on_disc_ok;
        dop.onFailure = on_disc_fail;
    }
    dop.timeout = 1000;
    if (MQTTAsync_disconnect(c, &dop) == MQTTASYNC_SUCCESS) {
        pthread_mutex_lock(&g_mu);
        wait_flag_locked(&g_disc_state, 5.0);
        pthread_mutex_unlock(&g_mu);
    }
}
done:
    rc = bench_report(&O, &R, O.role == BENCH_ROLE_SUB ? &S : NULL);
    MQTTAsync_destroy(&c);
    return rc;
}
