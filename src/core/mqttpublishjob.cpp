// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttpublishjob.h"

#include "codec/mqttcodec_p.h"
#include "mqttclient.h"
#include "mqttjob_p.h"
#include "mqtttopic_p.h"

#include <QtCore/QHash>

using Mqtt::ErrorCode;

class MqttPublishJobPrivate
{
public:
    explicit MqttPublishJobPrivate(MqttPublishJob *q);

    // The first message that cannot be sent, checked before connecting: its index and
    // why, or -1.
    int checkMessages(ErrorCode *code, QString *why) const;
    QString describe(int index) const;
    void publishAll();
    void onPublished(int mid);
    void onPublishFailed(int mid, ErrorCode error, const QString &text);

    MqttPublishJob *const q;
    MqttJobRunner runner;
    QList<MqttMessage> messages;
    MqttConnectOptions options;
    int timeout = MqttPublishJob::DefaultTimeout;
    QHash<int, int> indexOfMid;
    QList<MqttMessageInfo> infos;
    int done = 0;
};

MqttPublishJobPrivate::MqttPublishJobPrivate(MqttPublishJob *q) : q(q), runner(q)
{
    runner.connected = [this] { publishAll(); };
    runner.phaseChanged = [this] { Q_EMIT this->q->stateChanged(this->q->state(), MqttPublishJob::QPrivateSignal()); };
    runner.finishing = [this] { Q_EMIT this->q->finished(MqttPublishJob::QPrivateSignal()); };
    runner.timeoutDetail = [this]() -> QString {
        return QStringLiteral("%1 of %2 message(s) published").arg(done).arg(messages.size());
    };
    QObject::connect(runner.client, &MqttClient::published, q,
                     [this](int mid, Mqtt::ReasonCode, const MqttProperties &) { onPublished(mid); });
    QObject::connect(runner.client, &MqttClient::publishFailed, q,
                     [this](int mid, ErrorCode error, const QString &text) { onPublishFailed(mid, error, text); });
}

QString MqttPublishJobPrivate::describe(int index) const
{
    return QStringLiteral("message %1 (topic \"%2\")").arg(index).arg(messages.at(index).topic());
}

int MqttPublishJobPrivate::checkMessages(ErrorCode *code, QString *why) const
{
    const bool v5 = options.protocolVersion() == Mqtt::ProtocolVersion::V5;
    for (int i = 0; i < messages.size(); ++i) {
        const MqttMessage &m = messages.at(i);
        QString problem;
        *code = ErrorCode::Invalid;
        if (!Mqtt::isValidTopicName(m.topic())) {
            problem = MqttTopic::nameProblem(m.topic(), QLatin1String("its topic"));
        } else if (int(m.qos()) < 0 || int(m.qos()) > 2) {
            problem = QStringLiteral("QoS %1 is not 0, 1 or 2").arg(int(m.qos()));
        } else if (m.payload().size() > qsizetype(MqttCodec::MaxRemainingLength)) {
            *code = ErrorCode::PayloadSize;
            problem = QStringLiteral("a payload of %1 bytes is more than MQTT allows (268,435,455)").arg(m.payload().size());
        } else if (!m.properties().isEmpty()) {
            problem = v5 ? MqttCodec::checkProperties(m.properties(), MqttCodec::PacketType::Publish)
                         : QStringLiteral("properties need MQTT 5");
        }
        if (!problem.isEmpty()) {
            *why = QStringLiteral("Cannot publish %1: %2").arg(describe(i), problem);
            return i;
        }
    }
    return -1;
}

void MqttPublishJobPrivate::publishAll()
{
    infos.reserve(messages.size());
    for (int i = 0; i < messages.size(); ++i) {
        const MqttMessage &m = messages.at(i);
        const MqttMessageInfo info = runner.client->publish(m.topic(), m.payload(), m.qos(), m.retain(), m.properties());
        if (info.rc() != ErrorCode::NoError) {
            runner.fail(info.rc(),
                        QStringLiteral("Cannot publish %1: %2").arg(describe(i), runner.client->errorString()), i);
            return;
        }
        indexOfMid.insert(info.mid(), i);
        infos.append(info);
    }
}

void MqttPublishJobPrivate::onPublished(int mid)
{
    const auto it = indexOfMid.constFind(mid);
    if (it == indexOfMid.cend() || !runner.isRunning())
        return;
    const int index = it.value();
    indexOfMid.erase(it);
    ++done;
    Q_EMIT q->messagePublished(index, mid, MqttPublishJob::QPrivateSignal());
    if (done == messages.size())
        runner.succeed();
}

void MqttPublishJobPrivate::onPublishFailed(int mid, ErrorCode error, const QString &text)
{
    const int index = indexOfMid.value(mid, -1);
    if (index < 0)
        return;
    const Mqtt::ReasonCode rc = infos.value(index).reasonCode();
    runner.fail(error, QStringLiteral("%1 failed: %2").arg(describe(index), text), index, rc);
}

// ---- MqttPublishJob ---------------------------------------------------------------------

MqttPublishJob::MqttPublishJob(QObject *parent) : QObject(parent), d(new MqttPublishJobPrivate(this)) { }

MqttPublishJob::MqttPublishJob(const MqttMessage &message, const MqttConnectOptions &options, QObject *parent)
    : MqttPublishJob(QList<MqttMessage>{ message }, options, parent)
{
}

MqttPublishJob::MqttPublishJob(const QList<MqttMessage> &messages, const MqttConnectOptions &options, QObject *parent)
    : MqttPublishJob(parent)
{
    d->messages = messages;
    d->options = options;
}

MqttPublishJob::~MqttPublishJob() = default;

QList<MqttMessage> MqttPublishJob::messages() const { return d->messages; }
void MqttPublishJob::setMessages(const QList<MqttMessage> &messages)
{
    if (d->runner.phase != MqttJobRunner::Phase::NotStarted || messages == d->messages)
        return;
    d->messages = messages;
    Q_EMIT messagesChanged(QPrivateSignal());
}

MqttConnectOptions MqttPublishJob::connectOptions() const { return d->options; }
void MqttPublishJob::setConnectOptions(const MqttConnectOptions &options)
{
    if (d->runner.phase != MqttJobRunner::Phase::NotStarted || options == d->options)
        return;
    d->options = options;
    Q_EMIT connectOptionsChanged(QPrivateSignal());
}

int MqttPublishJob::timeout() const { return d->timeout; }
void MqttPublishJob::setTimeout(int msecs)
{
    if (d->runner.phase != MqttJobRunner::Phase::NotStarted || msecs == d->timeout)
        return;
    d->timeout = msecs;
    Q_EMIT timeoutChanged(QPrivateSignal());
}

bool MqttPublishJob::autoDelete() const { return d->runner.autoDelete; }
void MqttPublishJob::setAutoDelete(bool autoDelete)
{
    if (autoDelete == d->runner.autoDelete)
        return;
    d->runner.autoDelete = autoDelete;
    Q_EMIT autoDeleteChanged(QPrivateSignal());
}

MqttPublishJob::State MqttPublishJob::state() const { return State(int(d->runner.phase)); }
bool MqttPublishJob::isFinished() const { return d->runner.phase == MqttJobRunner::Phase::Finished; }
Mqtt::ErrorCode MqttPublishJob::error() const { return d->runner.error; }
QString MqttPublishJob::errorString() const { return d->runner.errorString; }
int MqttPublishJob::failedMessageIndex() const { return d->runner.failedIndex; }
Mqtt::ReasonCode MqttPublishJob::reasonCode() const { return d->runner.reasonCode; }
int MqttPublishJob::publishedCount() const { return d->done; }
MqttClient *MqttPublishJob::client() const { return d->runner.client; }

void MqttPublishJob::start()
{
    if (d->runner.phase != MqttJobRunner::Phase::NotStarted)
        return;
    ErrorCode code = ErrorCode::NoError;
    QString why;
    const int bad = d->checkMessages(&code, &why);
    if (bad >= 0) {
        d->runner.begin(d->options, d->timeout, code, why, bad);
        return;
    }
    if (d->messages.isEmpty()) {
        // Nothing to publish: done, without a connection.
        d->runner.beginWithoutConnection();
        return;
    }
    d->runner.begin(d->options, d->timeout);
}

bool MqttPublishJob::exec()
{
    return d->runner.exec([this] { start(); });
}

Mqtt::ErrorCode MqttPublishJob::single(const MqttMessage &message, const MqttConnectOptions &options, int timeoutMs,
                                       QString *errorString)
{
    return multiple(QList<MqttMessage>{ message }, options, timeoutMs, errorString);
}

Mqtt::ErrorCode MqttPublishJob::multiple(const QList<MqttMessage> &messages, const MqttConnectOptions &options,
                                         int timeoutMs, QString *errorString)
{
    MqttPublishJob job(messages, options);
    job.setTimeout(timeoutMs);
    job.exec();
    if (errorString)
        *errorString = job.errorString();
    return job.error();
}
