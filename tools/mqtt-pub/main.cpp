// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// mqtt-pub: publishes one message (-m, -f, -s, -n) or one message per line of stdin (-l)
// and disconnects, with the options users know from mosquitto_pub. See --help.

#include "mqtttool.h"

#include <MqttQt/MqttClient>

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>

using namespace MqttTool;

namespace {

// The most a PUBLISH can carry: the remaining length's limit (the topic and header come
// out of it, which the client checks exactly).
constexpr qint64 MaxPayload = 268435455;
// Lines from stdin handed to the client and not yet done, at most.
constexpr int LineWindow = 1024;

// Reads \a in to the end, refusing more than MaxPayload bytes.
int readAll(std::FILE *in, const QString &what, QByteArray *out)
{
    QByteArray data;
    char buffer[65536];
    for (;;) {
        const size_t n = std::fread(buffer, 1, sizeof buffer, in);
        if (n > 0) {
            if (data.size() + qint64(n) > MaxPayload)
                return fail(ExitInput, QStringLiteral("%1 holds more than %2 bytes, more than one MQTT message can carry")
                                               .arg(what)
                                               .arg(MaxPayload));
            data.append(buffer, qsizetype(n));
        }
        if (n < sizeof buffer) {
            if (std::ferror(in))
                return fail(ExitInput, QStringLiteral("cannot read %1").arg(what));
            break;
        }
    }
    *out = data;
    return ExitSuccess;
}

// Shared by the main thread and the stdin reader (-l): the reader publishes under the
// lock, and the main thread closes it before the client goes away.
struct LineSink
{
    std::mutex mutex;
    std::condition_variable changed;
    MqttClient *client = nullptr; // null once closed
    int outstanding = 0;
};

class Publisher : public QObject
{
public:
    Publisher(const Settings &settings, bool retain, bool lines, const QByteArray &payload)
        : m_settings(settings), m_retain(retain), m_lines(lines), m_payload(payload)
    {
    }

    ~Publisher() override
    {
        closeSink();
        if (m_reader.joinable())
            m_reader.detach(); // may be blocked reading a terminal; the process ends now
    }

    int run()
    {
        QString why;
        const Mqtt::ErrorCode rc = m_settings.connect.applyTo(&m_client, &why);
        if (rc != Mqtt::ErrorCode::NoError)
            return fail(exitCodeFor(rc), why);
        m_client.setAutoReconnect(false);
        m_sink->client = &m_client;
        if (m_settings.debug) {
            connect(&m_client, &MqttClient::logMessage, this,
                    [](Mqtt::LogLevel, const QString &text) { debugLine(QStringLiteral("log: ") + text); });
        }
        connect(&m_client, &MqttClient::connackReceived, this,
                [this](bool, Mqtt::ReasonCode rc, const MqttProperties &) { onConnack(rc); });
        connect(&m_client, &MqttClient::published, this,
                [this](int mid, Mqtt::ReasonCode rc, const MqttProperties &) { onPublished(mid, rc); });
        connect(&m_client, &MqttClient::publishFailed, this,
                [this](int mid, Mqtt::ErrorCode e, const QString &text) {
                    finish(e == Mqtt::ErrorCode::PayloadSize ? ExitInput : ExitFailed,
                           QStringLiteral("message %1 failed: %2").arg(mid).arg(text));
                });
        connect(&m_client, &MqttClient::stateChanged, this, [this](Mqtt::ClientState s) {
            if (s != Mqtt::ClientState::Disconnected || m_exitCode >= 0)
                return;
            if (m_disconnecting) {
                trace(QStringLiteral("disconnected"));
                finish(ExitSuccess, {});
            } else {
                finish(exitCodeFor(m_client.error() == Mqtt::ErrorCode::NoError ? Mqtt::ErrorCode::ConnectionLost
                                                                                 : m_client.error()),
                       m_client.errorString());
            }
        });
        trace(QStringLiteral("sending CONNECT to %1:%2").arg(m_client.host()).arg(m_client.port()));
        const Mqtt::ErrorCode connectRc = m_client.connectToHost();
        if (connectRc != Mqtt::ErrorCode::NoError)
            return fail(exitCodeFor(connectRc), m_client.errorString());
        if (m_exitCode < 0) // not already over (exit() before exec() would be lost)
            QCoreApplication::exec();
        closeSink();
        if (m_exitCode > 0 && !m_message.isEmpty())
            fail(m_exitCode, m_message);
        return m_exitCode < 0 ? ExitFailed : m_exitCode;
    }

private:
    void trace(const QString &what)
    {
        if (m_settings.debug)
            debugLine(QStringLiteral("Client %1 %2").arg(m_client.clientId(), what));
    }

    void onConnack(Mqtt::ReasonCode rc)
    {
        trace(QStringLiteral("received CONNACK (%1)").arg(int(rc)));
        if (rc != Mqtt::ReasonCode::Success)
            return; // stateChanged() reports the refusal
        if (m_lines) {
            startReader();
            return;
        }
        const MqttMessageInfo info = m_client.publish(m_settings.topics.first(), m_payload, m_settings.qos, m_retain,
                                                      m_settings.properties.publish);
        if (info.rc() != Mqtt::ErrorCode::NoError) {
            finish(info.rc() == Mqtt::ErrorCode::PayloadSize ? ExitInput : exitCodeFor(info.rc()),
                   QStringLiteral("cannot publish: ") + m_client.errorString());
            return;
        }
        traceSend(info.mid(), m_payload.size());
        m_outstanding = 1;
    }

    void traceSend(int mid, qsizetype bytes)
    {
        trace(QStringLiteral("sending PUBLISH (q%1, r%2, m%3, '%4', ... (%5 bytes))")
                      .arg(int(m_settings.qos))
                      .arg(m_retain ? 1 : 0)
                      .arg(mid)
                      .arg(m_settings.topics.first())
                      .arg(bytes));
    }

    void onPublished(int mid, Mqtt::ReasonCode rc)
    {
        if (m_settings.qos == Mqtt::QoS::AtMostOnce)
            trace(QStringLiteral("wrote PUBLISH (m%1)").arg(mid));
        else
            trace(QStringLiteral("received %1 (Mid: %2, RC: %3)")
                          .arg(m_settings.qos == Mqtt::QoS::AtLeastOnce ? QStringLiteral("PUBACK")
                                                                        : QStringLiteral("PUBCOMP"))
                          .arg(mid)
                          .arg(int(rc)));
        if (m_lines) {
            {
                std::lock_guard<std::mutex> lock(m_sink->mutex);
                --m_sink->outstanding;
            }
            m_sink->changed.notify_all();
        } else {
            --m_outstanding;
        }
        disconnectIfDone();
    }

    void disconnectIfDone()
    {
        if (m_disconnecting || m_exitCode >= 0)
            return;
        if (m_lines) {
            std::lock_guard<std::mutex> lock(m_sink->mutex);
            if (!m_eof || m_sink->outstanding > 0)
                return;
        } else if (m_outstanding > 0) {
            return;
        }
        m_disconnecting = true;
        trace(QStringLiteral("sending DISCONNECT"));
        if (m_client.disconnectFromHost() != Mqtt::ErrorCode::NoError)
            finish(ExitFailed, m_client.errorString());
    }

    // -l: a thread reads stdin line by line and publishes each line from there (publish()
    // is safe from any thread), at most LineWindow lines ahead of the broker.
    void startReader()
    {
        std::shared_ptr<LineSink> sink = m_sink;
        const QString topic = m_settings.topics.first();
        const Mqtt::QoS qos = m_settings.qos;
        const bool retain = m_retain;
        const MqttProperties props = m_settings.properties.publish;
        const bool debug = m_settings.debug;
        Publisher *self = this; // alive while the client is: the client is the call's context
        m_reader = std::thread([sink, topic, qos, retain, props, debug, self] {
            char *line = nullptr;
            size_t capacity = 0;
            QString failure;
            for (;;) {
                const ssize_t n = ::getline(&line, &capacity, stdin);
                if (n < 0) {
                    if (std::ferror(stdin))
                        failure = QStringLiteral("cannot read stdin");
                    break;
                }
                QByteArray payload(line, qsizetype(n));
                if (payload.endsWith('\n'))
                    payload.chop(1); // an empty line is a zero-length message, as mosquitto_pub 2 sends it
                std::unique_lock<std::mutex> lock(sink->mutex);
                sink->changed.wait(lock, [&sink] { return !sink->client || sink->outstanding < LineWindow; });
                if (!sink->client)
                    break;
                const MqttMessageInfo info = sink->client->publish(topic, payload, qos, retain, props);
                if (info.rc() != Mqtt::ErrorCode::NoError) {
                    failure = QStringLiteral("cannot publish a line of %1 bytes: %2")
                                      .arg(payload.size())
                                      .arg(Mqtt::errorString(info.rc()));
                    break;
                }
                ++sink->outstanding;
                if (debug)
                    debugLine(QStringLiteral("sending PUBLISH (q%1, r%2, m%3, '%4', ... (%5 bytes))")
                                      .arg(int(qos))
                                      .arg(retain ? 1 : 0)
                                      .arg(info.mid())
                                      .arg(topic)
                                      .arg(payload.size()));
            }
            std::free(line);
            std::lock_guard<std::mutex> lock(sink->mutex);
            if (!sink->client)
                return;
            QMetaObject::invokeMethod(sink->client, [self, failure] {
                if (!failure.isEmpty())
                    self->finish(ExitInput, failure);
                else
                    self->onEndOfInput();
            }, Qt::QueuedConnection);
        });
    }

    void onEndOfInput()
    {
        {
            std::lock_guard<std::mutex> lock(m_sink->mutex);
            m_eof = true;
        }
        disconnectIfDone();
    }

    void closeSink()
    {
        {
            std::lock_guard<std::mutex> lock(m_sink->mutex);
            m_sink->client = nullptr;
        }
        m_sink->changed.notify_all();
    }

    void finish(int code, const QString &message)
    {
        if (m_exitCode >= 0)
            return;
        m_exitCode = code;
        m_message = message;
        QCoreApplication::exit(code);
    }

    const Settings m_settings;
    const bool m_retain;
    const bool m_lines;
    const QByteArray m_payload;
    MqttClient m_client;
    std::shared_ptr<LineSink> m_sink = std::make_shared<LineSink>();
    std::thread m_reader;
    int m_outstanding = 0;
    bool m_eof = false; // guarded by m_sink->mutex
    bool m_disconnecting = false;
    int m_exitCode = -1;
    QString m_message;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mqtt-pub"));

    CommandLine cl(Tool::Publish, QStringLiteral("Publishes one message, or one message per line of stdin, to an "
                                                 "MQTT broker and disconnects."));
    const QCommandLineOption message({ QStringLiteral("m"), QStringLiteral("message") },
                                     QStringLiteral("The message, as text (sent as UTF-8)."), QStringLiteral("message"));
    const QCommandLineOption file({ QStringLiteral("f"), QStringLiteral("file") },
                                  QStringLiteral("Send the file's contents as the message, byte for byte."),
                                  QStringLiteral("file"));
    const QCommandLineOption stdinLine({ QStringLiteral("l"), QStringLiteral("stdin-line") },
                                       QStringLiteral("Send each line of stdin as a message, without its newline, as it "
                                                      "is read; an empty line is a zero-length message."));
    const QCommandLineOption stdinFile({ QStringLiteral("s"), QStringLiteral("stdin-file") },
                                       QStringLiteral("Send all of stdin as the message, byte for byte."));
    const QCommandLineOption nullMessage({ QStringLiteral("n"), QStringLiteral("null-message") },
                                         QStringLiteral("Send a zero-length message."));
    const QCommandLineOption retain({ QStringLiteral("r"), QStringLiteral("retain") },
                                    QStringLiteral("Retain the message."));
    for (const QCommandLineOption &o : { message, file, stdinLine, stdinFile, nullMessage, retain })
        cl.addOption(o);
    const int parsed = cl.parse(QCoreApplication::arguments());
    if (parsed >= 0)
        return parsed;
    Settings settings;
    const int common = cl.readCommon(&settings);
    if (common != ExitSuccess)
        return common;

    if (settings.topics.isEmpty())
        return fail(ExitUsage, QStringLiteral("a topic is needed: -t topic (see --help)"));
    if (settings.topics.size() > 1)
        return fail(ExitUsage, QStringLiteral("one topic only: -t was given %1 times").arg(settings.topics.size()));
    if (!Mqtt::isValidTopicName(settings.topics.first()))
        return fail(ExitUsage, QStringLiteral("-t: \"%1\" is not a topic to publish to (empty, a wildcard + or #, "
                                              "U+0000, or over 65,535 bytes)")
                                       .arg(settings.topics.first()));
    int sources = 0;
    for (const QCommandLineOption *o : { &message, &file, &stdinLine, &stdinFile, &nullMessage })
        sources += cl.isSet(*o) ? 1 : 0;
    if (sources != 1)
        return fail(ExitUsage, sources == 0 ? QStringLiteral("a message is needed: one of -m, -f, -l, -s, -n (see --help)")
                                            : QStringLiteral("only one of -m, -f, -l, -s, -n may be given"));

    QByteArray payload;
    if (cl.isSet(message)) {
        payload = cl.value(message).toUtf8();
    } else if (cl.isSet(file)) {
        const QString path = cl.value(file);
        std::FILE *f = std::fopen(QFile::encodeName(path).constData(), "rb");
        if (!f)
            return fail(ExitInput, QStringLiteral("-f: cannot open \"%1\": %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        const int rc = readAll(f, QStringLiteral("\"%1\"").arg(path), &payload);
        std::fclose(f);
        if (rc != ExitSuccess)
            return rc;
    } else if (cl.isSet(stdinFile)) {
        const int rc = readAll(stdin, QStringLiteral("stdin"), &payload);
        if (rc != ExitSuccess)
            return rc;
    }

    Publisher publisher(settings, cl.isSet(retain), cl.isSet(stdinLine), payload);
    return publisher.run();
}
