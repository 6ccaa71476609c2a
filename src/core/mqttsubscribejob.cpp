// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsubscribejob.h"

#include "codec/mqttcodec_p.h"
#include "mqttclient.h"
#include "mqttjob_p.h"
#include "mqtttopic_p.h"

using Mqtt::ErrorCode;
using Mqtt::ReasonCode;

namespace {
ErrorCode errorForSubackCode(ReasonCode rc)
{
    switch (rc) {
    case ReasonCode::NotAuthorized:
        return ErrorCode::AclDenied;
    case ReasonCode::TopicFilterInvalid:
        return ErrorCode::Invalid;
    case ReasonCode::QuotaExceeded:
        return ErrorCode::QueueSize;
    case ReasonCode::SharedSubscriptionsNotSupported:
    case ReasonCode::SubscriptionIdentifiersNotSupported:
    case ReasonCode::WildcardSubscriptionsNotSupported:
    case ReasonCode::QoSNotSupported:
        return ErrorCode::NotSupported;
    default:
        return ErrorCode::Unknown;
    }
}
} // namespace

class MqttSubscribeJobPrivate
{
public:
    explicit MqttSubscribeJobPrivate(MqttSubscribeJob *q);

    // The first reason not to connect at all: the filter's index (or -1 for the whole
    // job) in \a index, and why; empty if there is none.
    QString check(int *index) const;
    void subscribe();
    void onSubscribed(int mid, const QList<ReasonCode> &codes);
    void onMessage(const MqttMessage &message);

    MqttSubscribeJob *const q;
    MqttJobRunner runner;
    QStringList topics;
    MqttSubscribeOptions subscribeOptions;
    MqttProperties subscribeProperties;
    int messageCount = 1;
    MqttSubscribeJob::RetainedMessages retained = MqttSubscribeJob::RetainedMessages::SkipRetained;
    MqttConnectOptions options;
    int timeout = 0;
    int subscribeMid = 0;
    bool granted = false;
    int received = 0;
    QList<MqttMessage> messages;
};

MqttSubscribeJobPrivate::MqttSubscribeJobPrivate(MqttSubscribeJob *q) : q(q), runner(q)
{
    runner.connected = [this] { subscribe(); };
    runner.phaseChanged = [this] {
        Q_EMIT this->q->stateChanged(this->q->state(), MqttSubscribeJob::QPrivateSignal());
    };
    runner.finishing = [this] { Q_EMIT this->q->finished(MqttSubscribeJob::QPrivateSignal()); };
    runner.timeoutDetail = [this]() -> QString {
        if (!granted)
            return QStringLiteral("the subscription was not acknowledged");
        if (messageCount > 0)
            return QStringLiteral("%1 of %2 message(s) received").arg(received).arg(messageCount);
        return QStringLiteral("%1 message(s) received").arg(received);
    };
    QObject::connect(runner.client, &MqttClient::subscribed, q,
                     [this](int mid, const QList<ReasonCode> &codes, const MqttProperties &) {
                         onSubscribed(mid, codes);
                     });
    // messageArrived(): every message, whatever handlers a user added to client().
    QObject::connect(runner.client, &MqttClient::messageArrived, q,
                     [this](const MqttMessage &message) { onMessage(message); });
}

QString MqttSubscribeJobPrivate::check(int *index) const
{
    *index = -1;
    if (topics.isEmpty())
        return QStringLiteral("No topic to subscribe to");
    for (int i = 0; i < topics.size(); ++i) {
        if (!Mqtt::isValidTopicFilter(topics.at(i))) {
            *index = i;
            return QStringLiteral("Cannot subscribe to topic %1: %2").arg(i).arg(MqttTopic::filterProblem(topics.at(i)));
        }
    }
    const bool v5 = options.protocolVersion() == Mqtt::ProtocolVersion::V5;
    if (int(subscribeOptions.qos()) < 0 || int(subscribeOptions.qos()) > 2)
        return QStringLiteral("Cannot subscribe: QoS %1 is not 0, 1 or 2").arg(int(subscribeOptions.qos()));
    if (!v5 && subscribeOptions.hasMqtt5Options())
        return QStringLiteral("Cannot subscribe: No Local, Retain As Published and Retain Handling need MQTT 5");
    if (!subscribeProperties.isEmpty()) {
        if (!v5)
            return QStringLiteral("Cannot subscribe: SUBSCRIBE properties need MQTT 5");
        const QString why = MqttCodec::checkProperties(subscribeProperties, MqttCodec::PacketType::Subscribe);
        if (!why.isEmpty())
            return QStringLiteral("Cannot subscribe: ") + why;
    }
    return {};
}

void MqttSubscribeJobPrivate::subscribe()
{
    QList<QPair<QString, MqttSubscribeOptions>> list;
    list.reserve(topics.size());
    for (const QString &topic : std::as_const(topics))
        list.append({ topic, subscribeOptions });
    const MqttResult r = runner.client->subscribe(list, subscribeProperties);
    if (r.rc != ErrorCode::NoError) {
        runner.fail(r.rc, QStringLiteral("Cannot subscribe: ") + runner.client->errorString());
        return;
    }
    subscribeMid = r.mid;
}

void MqttSubscribeJobPrivate::onSubscribed(int mid, const QList<ReasonCode> &codes)
{
    if (mid != subscribeMid || !runner.isRunning() || runner.isEnding())
        return;
    for (int i = 0; i < topics.size(); ++i) {
        const ReasonCode rc = i < codes.size() ? codes.at(i) : ReasonCode::UnspecifiedError;
        if (int(rc) >= 0x80) {
            runner.fail(errorForSubackCode(rc),
                        QStringLiteral("The broker refused the subscription to topic %1 (\"%2\"): %3 (0x%4)")
                                .arg(i)
                                .arg(topics.at(i), Mqtt::reasonCodeString(rc))
                                .arg(int(rc), 2, 16, QLatin1Char('0')),
                        i, rc);
            return;
        }
    }
    granted = true;
    Q_EMIT q->subscribed(MqttSubscribeJob::QPrivateSignal());
}

void MqttSubscribeJobPrivate::onMessage(const MqttMessage &message)
{
    if (!runner.isRunning() || runner.isEnding())
        return;
    if (message.retain() && retained == MqttSubscribeJob::RetainedMessages::SkipRetained)
        return;
    ++received;
    if (messageCount > 0)
        messages.append(message);
    Q_EMIT q->messageReceived(message, MqttSubscribeJob::QPrivateSignal());
    if (messageCount > 0 && received >= messageCount)
        runner.succeed();
}

// ---- MqttSubscribeJob -------------------------------------------------------------------

MqttSubscribeJob::MqttSubscribeJob(QObject *parent) : QObject(parent), d(new MqttSubscribeJobPrivate(this)) { }

MqttSubscribeJob::MqttSubscribeJob(const QStringList &topics, const MqttConnectOptions &options, QObject *parent)
    : MqttSubscribeJob(parent)
{
    d->topics = topics;
    d->options = options;
}

MqttSubscribeJob::~MqttSubscribeJob() = default;

namespace {
template<typename T, typename Signal>
void setBeforeStart(MqttJobRunner &runner, T &field, const T &value, MqttSubscribeJob *q, Signal emitChanged)
{
    if (runner.phase != MqttJobRunner::Phase::NotStarted || field == value)
        return;
    field = value;
    emitChanged(q);
}
} // namespace

QStringList MqttSubscribeJob::topics() const { return d->topics; }
void MqttSubscribeJob::setTopics(const QStringList &topics)
{
    setBeforeStart(d->runner, d->topics, topics, this,
                   [](MqttSubscribeJob *q) { Q_EMIT q->topicsChanged(QPrivateSignal()); });
}

MqttSubscribeOptions MqttSubscribeJob::subscribeOptions() const { return d->subscribeOptions; }
void MqttSubscribeJob::setSubscribeOptions(const MqttSubscribeOptions &options)
{
    setBeforeStart(d->runner, d->subscribeOptions, options, this,
                   [](MqttSubscribeJob *q) { Q_EMIT q->subscribeOptionsChanged(QPrivateSignal()); });
}

MqttProperties MqttSubscribeJob::subscribeProperties() const { return d->subscribeProperties; }
void MqttSubscribeJob::setSubscribeProperties(const MqttProperties &properties)
{
    setBeforeStart(d->runner, d->subscribeProperties, properties, this,
                   [](MqttSubscribeJob *q) { Q_EMIT q->subscribePropertiesChanged(QPrivateSignal()); });
}

int MqttSubscribeJob::messageCount() const { return d->messageCount; }
void MqttSubscribeJob::setMessageCount(int count)
{
    setBeforeStart(d->runner, d->messageCount, qMax(0, count), this,
                   [](MqttSubscribeJob *q) { Q_EMIT q->messageCountChanged(QPrivateSignal()); });
}

MqttSubscribeJob::RetainedMessages MqttSubscribeJob::retainedMessages() const { return d->retained; }
void MqttSubscribeJob::setRetainedMessages(RetainedMessages retained)
{
    setBeforeStart(d->runner, d->retained, retained, this,
                   [](MqttSubscribeJob *q) { Q_EMIT q->retainedMessagesChanged(QPrivateSignal()); });
}

MqttConnectOptions MqttSubscribeJob::connectOptions() const { return d->options; }
void MqttSubscribeJob::setConnectOptions(const MqttConnectOptions &options)
{
    setBeforeStart(d->runner, d->options, options, this,
                   [](MqttSubscribeJob *q) { Q_EMIT q->connectOptionsChanged(QPrivateSignal()); });
}

int MqttSubscribeJob::timeout() const { return d->timeout; }
void MqttSubscribeJob::setTimeout(int msecs)
{
    setBeforeStart(d->runner, d->timeout, msecs, this,
                   [](MqttSubscribeJob *q) { Q_EMIT q->timeoutChanged(QPrivateSignal()); });
}

bool MqttSubscribeJob::autoDelete() const { return d->runner.autoDelete; }
void MqttSubscribeJob::setAutoDelete(bool autoDelete)
{
    if (autoDelete == d->runner.autoDelete)
        return;
    d->runner.autoDelete = autoDelete;
    Q_EMIT autoDeleteChanged(QPrivateSignal());
}

MqttSubscribeJob::State MqttSubscribeJob::state() const { return State(int(d->runner.phase)); }
bool MqttSubscribeJob::isFinished() const { return d->runner.phase == MqttJobRunner::Phase::Finished; }
Mqtt::ErrorCode MqttSubscribeJob::error() const { return d->runner.error; }
QString MqttSubscribeJob::errorString() const { return d->runner.errorString; }
int MqttSubscribeJob::failedTopicIndex() const { return d->runner.failedIndex; }
Mqtt::ReasonCode MqttSubscribeJob::reasonCode() const { return d->runner.reasonCode; }
QList<MqttMessage> MqttSubscribeJob::messages() const { return d->messages; }
int MqttSubscribeJob::receivedCount() const { return d->received; }
MqttClient *MqttSubscribeJob::client() const { return d->runner.client; }

void MqttSubscribeJob::start()
{
    if (d->runner.phase != MqttJobRunner::Phase::NotStarted)
        return;
    int index = -1;
    const QString why = d->check(&index);
    if (!why.isEmpty())
        d->runner.begin(d->options, d->timeout, ErrorCode::Invalid, why, index);
    else
        d->runner.begin(d->options, d->timeout);
}

void MqttSubscribeJob::stop()
{
    d->runner.succeed();
}

bool MqttSubscribeJob::exec()
{
    return d->runner.exec([this] { start(); });
}

QList<MqttMessage> MqttSubscribeJob::simple(const QStringList &topics, const MqttConnectOptions &options,
                                            int messageCount, RetainedMessages retained, int timeoutMs,
                                            Mqtt::ErrorCode *error, QString *errorString)
{
    MqttSubscribeJob job(topics, options);
    job.setMessageCount(qMax(1, messageCount));
    job.setRetainedMessages(retained);
    job.setTimeout(timeoutMs);
    job.exec();
    if (error)
        *error = job.error();
    if (errorString)
        *errorString = job.errorString();
    return job.messages();
}

Mqtt::ErrorCode MqttSubscribeJob::callback(
        const std::function<void(MqttSubscribeJob *job, const MqttMessage &message)> &handler,
        const QStringList &topics, const MqttConnectOptions &options, int timeoutMs, QString *errorString)
{
    MqttSubscribeJob job(topics, options);
    job.setMessageCount(0);
    job.setRetainedMessages(RetainedMessages::IncludeRetained);
    job.setTimeout(timeoutMs);
    if (handler) {
        QObject::connect(&job, &MqttSubscribeJob::messageReceived, &job,
                         [&job, &handler](const MqttMessage &message) { handler(&job, message); });
    }
    job.exec();
    if (errorString)
        *errorString = job.errorString();
    return job.error();
}
