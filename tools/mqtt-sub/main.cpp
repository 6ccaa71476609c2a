// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// mqtt-sub: subscribes to topic filters and prints the messages that arrive, with the
// options users know from mosquitto_sub. Built on MqttSubscribeJob. See --help.

#include "mqtttool.h"
#include "output.h"

#include <MqttQt/MqttClient>
#include <MqttQt/MqttSubscribeJob>

#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

using namespace MqttTool;

namespace {

struct SubSettings
{
    int count = 0;          // -C: 0 for no limit
    int timeoutSeconds = 0; // -W: 0 for none
    QStringList filterOut;  // -T
    bool skipRetained = false;
    bool retainedOnly = false;
    bool exitAfterSubscribe = false;
};

class Subscriber : public QObject
{
public:
    Subscriber(const Settings &settings, const SubSettings &sub, const MessageOutput &output)
        : m_settings(settings), m_sub(sub), m_output(output)
    {
    }

    int run()
    {
        m_job.setTopics(m_settings.topics);
        m_job.setConnectOptions(m_settings.connect);
        m_job.setSubscribeOptions(MqttSubscribeOptions(m_settings.qos));
        m_job.setSubscribeProperties(m_settings.properties.subscribe);
        m_job.setMessageCount(0); // counted here: -T filters before -C counts
        m_job.setRetainedMessages(m_sub.skipRetained ? MqttSubscribeJob::RetainedMessages::SkipRetained
                                                     : MqttSubscribeJob::RetainedMessages::IncludeRetained);
        MqttClient *client = m_job.client();
        if (m_settings.debug) {
            connect(client, &MqttClient::logMessage, this,
                    [](Mqtt::LogLevel, const QString &text) { debugLine(QStringLiteral("log: ") + text); });
            connect(client, &MqttClient::connackReceived, this, [this](bool, Mqtt::ReasonCode rc, const MqttProperties &) {
                trace(QStringLiteral("received CONNACK (%1)").arg(int(rc)));
                if (rc == Mqtt::ReasonCode::Success)
                    trace(QStringLiteral("sending SUBSCRIBE (%1, QoS %2)")
                                  .arg(m_settings.topics.join(QStringLiteral(", ")))
                                  .arg(int(m_settings.qos)));
            });
            connect(client, &MqttClient::subscribed, this,
                    [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) {
                        QStringList granted;
                        for (Mqtt::ReasonCode rc : codes)
                            granted.append(QString::number(int(rc)));
                        trace(QStringLiteral("received SUBACK (Mid: %1): %2").arg(mid).arg(granted.join(QStringLiteral(", "))));
                    });
            connect(client, &MqttClient::messageArrived, this, [this](const MqttMessage &m) {
                trace(QStringLiteral("received PUBLISH (d%1, q%2, r%3, m%4, '%5', ... (%6 bytes))")
                              .arg(m.dup() ? 1 : 0)
                              .arg(int(m.qos()))
                              .arg(m.retain() ? 1 : 0)
                              .arg(m.mid())
                              .arg(m.topic())
                              .arg(m.payload().size()));
            });
        }
        connect(&m_job, &MqttSubscribeJob::subscribed, this, [this] {
            if (m_sub.exitAfterSubscribe) {
                m_job.stop();
                return;
            }
            if (m_sub.timeoutSeconds > 0)
                m_deadline.start(m_sub.timeoutSeconds * 1000);
        });
        connect(&m_job, &MqttSubscribeJob::messageReceived, this, [this](const MqttMessage &m) { onMessage(m); });
        connect(&m_job, &MqttSubscribeJob::finished, this, [this] { QCoreApplication::exit(0); });
        m_deadline.setSingleShot(true);
        m_deadline.setTimerType(Qt::PreciseTimer);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            trace(QStringLiteral("timed out after %1 s").arg(m_sub.timeoutSeconds));
            m_timedOut = true;
            m_job.stop();
        });
        m_job.start(); // applies the options (the client id among them) now
        trace(QStringLiteral("sending CONNECT to %1:%2").arg(m_settings.connect.host()).arg(m_settings.connect.port()));
        QCoreApplication::exec();
        if (m_job.error() != Mqtt::ErrorCode::NoError)
            return fail(exitCodeFor(m_job.error()), m_job.errorString());
        return m_timedOut ? ExitTimedOut : ExitSuccess;
    }

private:
    void trace(const QString &what)
    {
        if (m_settings.debug)
            debugLine(QStringLiteral("Client %1 %2").arg(m_job.client()->clientId(), what));
    }

    void onMessage(const MqttMessage &m)
    {
        if (m_done)
            return;
        for (const QString &filter : std::as_const(m_sub.filterOut)) {
            if (Mqtt::topicMatchesSub(filter, m.topic()))
                return;
        }
        if (m_sub.retainedOnly && !m.retain()) {
            m_done = true; // as mosquitto_sub: the first live message ends it
            m_job.stop();
            return;
        }
        writeOut(m_output.render(m));
        if (m_sub.count > 0 && ++m_printed >= m_sub.count) {
            m_done = true;
            m_deadline.stop();
            m_job.stop();
        }
    }

    const Settings m_settings;
    const SubSettings m_sub;
    const MessageOutput m_output;
    MqttSubscribeJob m_job;
    QTimer m_deadline;
    int m_printed = 0;
    bool m_done = false;
    bool m_timedOut = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mqtt-sub"));

    CommandLine cl(Tool::Subscribe, QStringLiteral("Subscribes to MQTT topic filters and prints the messages that "
                                                   "arrive, one per line."));
    const QCommandLineOption count({ QStringLiteral("C"), QStringLiteral("count") },
                                   QStringLiteral("Disconnect and exit after <n> messages were printed."),
                                   QStringLiteral("n"));
    const QCommandLineOption timeout({ QStringLiteral("W"), QStringLiteral("timeout") },
                                     QStringLiteral("Disconnect and exit (code 27) <seconds> after subscribing unless "
                                                    "-C messages arrived first."),
                                     QStringLiteral("seconds"));
    const QCommandLineOption noEol({ QStringLiteral("N") }, QStringLiteral("Print no newline after each message."));
    const QCommandLineOption verbose({ QStringLiteral("v"), QStringLiteral("verbose") },
                                     QStringLiteral("Print \"topic payload\"."));
    const QCommandLineOption noRetained({ QStringLiteral("R") },
                                        QStringLiteral("Skip retained messages (they are not counted either)."));
    const QCommandLineOption retainedOnly({ QStringLiteral("retained-only") },
                                          QStringLiteral("Print retained messages only; exit at the first other one."));
    const QCommandLineOption exitAfterSubscribe({ QStringLiteral("E") },
                                                QStringLiteral("Exit once subscribed (to set up a persistent session)."));
    const QCommandLineOption persistent({ QStringLiteral("c"), QStringLiteral("disable-clean-session") },
                                        QStringLiteral("Persistent session: keep the subscriptions and queued messages "
                                                       "across connections (needs -i)."));
    const QCommandLineOption sessionExpiry({ QStringLiteral("x"), QStringLiteral("session-expiry-interval") },
                                           QStringLiteral("MQTT 5 session expiry interval in seconds."),
                                           QStringLiteral("seconds"));
    const QCommandLineOption filterOut({ QStringLiteral("T"), QStringLiteral("filter-out") },
                                       QStringLiteral("Do not print messages whose topic matches <filter>; repeatable."),
                                       QStringLiteral("filter"));
    const QCommandLineOption format({ QStringLiteral("F") },
                                    QStringLiteral("Print each message as <format>: %t topic, %p payload, %q QoS, "
                                                   "%r retain flag, %m message id, %l payload length, %x / %X payload in "
                                                   "hex, %j JSON, %I ISO 8601 time, %U Unix time, MQTT 5 %A topic alias, "
                                                   "%C content type, %D correlation data, %E expiry interval, %F payload "
                                                   "format, %P user properties (name:value), %R response topic, %S "
                                                   "subscription ids, %% a %; escapes \\n \\t \\r \\\\ \\0 \\a \\e \\v."),
                                    QStringLiteral("format"));
    const QCommandLineOption json({ QStringLiteral("json") },
                                  QStringLiteral("Print each message as one JSON object per line: tst, topic, qos, "
                                                 "retain, mid, payloadlen, payload (UTF-8 text) or payload_base64, and "
                                                 "properties (MQTT 5)."));
    for (const QCommandLineOption &o : { count, timeout, noEol, verbose, noRetained, retainedOnly, exitAfterSubscribe,
                                         persistent, sessionExpiry, filterOut, format, json })
        cl.addOption(o);
    const int parsed = cl.parse(QCoreApplication::arguments());
    if (parsed >= 0)
        return parsed;
    Settings settings;
    const int common = cl.readCommon(&settings);
    if (common != ExitSuccess)
        return common;

    if (settings.topics.isEmpty())
        return fail(ExitUsage, QStringLiteral("a topic filter is needed: -t filter (see --help)"));
    for (const QString &t : std::as_const(settings.topics)) {
        if (!Mqtt::isValidTopicFilter(t))
            return fail(ExitUsage, QStringLiteral("-t: \"%1\" is not a topic filter (empty, # not last or not alone in "
                                                  "its level, + not alone in its level, U+0000, or over 65,535 bytes)")
                                           .arg(t));
    }
    SubSettings sub;
    bool ok = true;
    if (cl.isSet(count)) {
        sub.count = cl.value(count).toInt(&ok);
        if (!ok || sub.count < 1)
            return fail(ExitUsage, QStringLiteral("-C: the count must be a positive number, not \"%1\"").arg(cl.value(count)));
    }
    if (cl.isSet(timeout)) {
        sub.timeoutSeconds = cl.value(timeout).toInt(&ok);
        if (!ok || sub.timeoutSeconds < 1 || sub.timeoutSeconds > 2000000)
            return fail(ExitUsage, QStringLiteral("-W: the timeout must be 1..2000000 seconds, not \"%1\"").arg(cl.value(timeout)));
    }
    sub.filterOut = cl.values(filterOut);
    for (const QString &f : std::as_const(sub.filterOut)) {
        if (!Mqtt::isValidTopicFilter(f))
            return fail(ExitUsage, QStringLiteral("-T: \"%1\" is not a topic filter").arg(f));
    }
    sub.skipRetained = cl.isSet(noRetained);
    sub.retainedOnly = cl.isSet(retainedOnly);
    if (sub.skipRetained && sub.retainedOnly)
        return fail(ExitUsage, QStringLiteral("-R and --retained-only cannot be combined"));
    sub.exitAfterSubscribe = cl.isSet(exitAfterSubscribe);
    if (cl.isSet(persistent)) {
        if (settings.connect.clientId().isEmpty())
            return fail(ExitUsage, QStringLiteral("-c needs a client id (-i or -I): a persistent session is found by it"));
        settings.connect.setCleanSession(false);
    }
    if (cl.isSet(sessionExpiry)) {
        if (settings.connect.protocolVersion() != Mqtt::ProtocolVersion::V5)
            return fail(ExitUsage, QStringLiteral("-x needs MQTT 5 (-V 5)"));
        const uint seconds = cl.value(sessionExpiry).toUInt(&ok);
        MqttProperties props = settings.connect.connectProperties();
        if (!ok || !props.setInteger(Mqtt::PropertyId::SessionExpiryInterval, seconds))
            return fail(ExitUsage, QStringLiteral("-x: the session expiry interval must be 0..4294967295 seconds, not \"%1\"")
                                           .arg(cl.value(sessionExpiry)));
        settings.connect.setConnectProperties(props);
    }

    int styles = (cl.isSet(verbose) ? 1 : 0) + (cl.isSet(format) ? 1 : 0) + (cl.isSet(json) ? 1 : 0);
    if (styles > 1)
        return fail(ExitUsage, QStringLiteral("only one of -v, -F and --json may be given"));
    MessageOutput::Style style = MessageOutput::Style::Payload;
    if (cl.isSet(verbose))
        style = MessageOutput::Style::Verbose;
    if (cl.isSet(json))
        style = MessageOutput::Style::Json;
    if (cl.isSet(format)) {
        const QString why = MessageOutput::checkFormat(cl.value(format));
        if (!why.isEmpty())
            return fail(ExitUsage, why);
        style = cl.value(format) == QLatin1String("%j") ? MessageOutput::Style::Json : MessageOutput::Style::Format;
    }
    const MessageOutput output(style, cl.value(format), !cl.isSet(noEol));

    Subscriber subscriber(settings, sub, output);
    return subscriber.run();
}
