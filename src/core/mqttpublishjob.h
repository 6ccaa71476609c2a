// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPUBLISHJOB_H
#define MQTTPUBLISHJOB_H

#include "mqttconnectoptions.h"
#include "mqttmessage.h"
#include "mqttnamespace.h"

#include <QtCore/QList>
#include <QtCore/QObject>

#include <memory>

class MqttClient;
class MqttPublishJobPrivate;

/*!
    Connects, publishes one message or a list, waits until each is done, and disconnects
    cleanly: Paho's \c publish.single() and \c publish.multiple().

    A message is done when the broker acknowledged it (QoS 1: PUBACK, QoS 2: PUBCOMP)
    or, for QoS 0, when its bytes were handed to the socket. Messages are published in
    list order on one connection.

    \par Blocking
    single() and multiple() block, running a local event loop in the calling thread until
    the job ends or its timeout passes; they work in any thread that has a
    QCoreApplication in the process, with or without a running event loop. exec() does
    the same for a job you configured.

    \code
    QString why;
    if (MqttPublishJob::single(MqttMessage(u"paho/test/single"_s, "payload"), MqttConnectOptions(u"localhost"_s), 30000, &why)
        != Mqtt::ErrorCode::NoError)
        qWarning() << why;
    \endcode

    \par Asynchronous
    start() returns at once; finished() follows exactly once, emitted by the job only,
    never from inside start(). error(), errorString(), failedMessageIndex() and
    reasonCode() then say how it ended.

    \code
    auto *job = new MqttPublishJob({MqttMessage(u"a"_s, "1"), MqttMessage(u"b"_s, "2")}, options, this);
    job->setAutoDelete(true);
    connect(job, &MqttPublishJob::finished, this, [job] { qInfo() << job->errorString(); });
    job->start();
    \endcode

    \par Errors
    Before connecting, every message is checked (a valid topic name, QoS 0..2, the payload
    size, properties only with MQTT 5): a bad one fails the job with ErrorCode::Invalid
    or ErrorCode::PayloadSize, failedMessageIndex() naming it, and nothing is sent.
    Afterwards the first failure ends the job: the broker cannot be reached (the client's
    code, e.g. ErrorCode::ConnectionRefused), the broker refused the connection
    (ErrorCode::ConnectionRefused, reasonCode() the CONNACK reason), the client or the
    broker refused a message (its MqttClient::publishFailed() code, reasonCode() the
    MQTT 5 reason, failedMessageIndex() the message), the connection was lost
    (ErrorCode::ConnectionLost), or the timeout passed (ErrorCode::Timeout). The job then
    disconnects (cleanly if it was connected) and finishes; messages not yet done may or
    may not have reached the broker.
*/
class MQTTQT_CORE_EXPORT MqttPublishJob : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QList<MqttMessage> messages READ messages WRITE setMessages NOTIFY messagesChanged)
    Q_PROPERTY(MqttConnectOptions connectOptions READ connectOptions WRITE setConnectOptions NOTIFY connectOptionsChanged)
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY timeoutChanged)
    Q_PROPERTY(bool autoDelete READ autoDelete WRITE setAutoDelete NOTIFY autoDeleteChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(Mqtt::ErrorCode error READ error NOTIFY finished)
    Q_PROPERTY(QString errorString READ errorString NOTIFY finished)
    Q_PROPERTY(int failedMessageIndex READ failedMessageIndex NOTIFY finished)
    Q_PROPERTY(Mqtt::ReasonCode reasonCode READ reasonCode NOTIFY finished)

public:
    /*! Where a job is in its life: created, started, or done (once). */
    enum class State : int {
        NotStarted,
        Running,
        Finished,
    };
    Q_ENUM(State)

    /*! The default timeout(), 30 s. */
    static constexpr int DefaultTimeout = 30000;

    /*! A job with no messages yet; set them with setMessages(). */
    explicit MqttPublishJob(QObject *parent = nullptr);
    /*! A job publishing \a message with \a options (Paho's \c single()). */
    explicit MqttPublishJob(const MqttMessage &message, const MqttConnectOptions &options = {},
                            QObject *parent = nullptr);
    /*! A job publishing \a messages in order with \a options (Paho's \c multiple()). */
    explicit MqttPublishJob(const QList<MqttMessage> &messages, const MqttConnectOptions &options = {},
                            QObject *parent = nullptr);
    /*! Destroys the job. A running job's connection is dropped without DISCONNECT (the
        broker then publishes a will) and finished() is not emitted. */
    ~MqttPublishJob() override;

    /*! The messages to publish, in order. Each message's topic, payload, QoS, retain
        flag and properties are used; its mid and dup flag are ignored. Settable until
        start(); an empty list finishes at once, with NoError, without connecting. */
    QList<MqttMessage> messages() const;
    void setMessages(const QList<MqttMessage> &messages);
    /*! Where and how to connect. Settable until start(). */
    MqttConnectOptions connectOptions() const;
    void setConnectOptions(const MqttConnectOptions &options);
    /*! Milliseconds from start() until the job gives up with ErrorCode::Timeout; 0 or
        less for no limit. Default DefaultTimeout (30,000). Settable until start(). */
    int timeout() const;
    void setTimeout(int msecs);
    /*! Delete the job (deleteLater()) once finished() has been emitted. Default false. */
    bool autoDelete() const;
    void setAutoDelete(bool autoDelete);

    /*! NotStarted, then Running from start(), then Finished when finished() is emitted. */
    State state() const;
    /*! state() is Finished. */
    bool isFinished() const;
    /*! NoError while running and after a job that succeeded; otherwise why it failed
        (see "Errors" above). */
    Mqtt::ErrorCode error() const;
    /*! One sentence on the failure, naming the message (index and topic) when one
        message failed; empty when error() is NoError. */
    QString errorString() const;
    /*! The index in messages() of the message that failed; -1 if the failure was not a
        message's (connection, timeout) or there was none. */
    int failedMessageIndex() const;
    /*! The broker's MQTT 5 reason code for the failure: the CONNACK's for a refused
        connection (MQTT 3.x return codes mapped), the PUBACK/PUBREC's for a refused
        message; Success otherwise. */
    Mqtt::ReasonCode reasonCode() const;
    /*! How many messages are done so far. */
    int publishedCount() const;
    /*! The client the job connects with: for its logMessage() signal or extra options
        (in-flight window...) set before start(). The job owns it; do not connect,
        disconnect or delete it yourself. connectOptions() are applied to it at start(),
        with automatic reconnection off. */
    MqttClient *client() const;

    /*! Starts the job if it was not started, then blocks, running a local event loop,
        until it finished. Returns true if error() is NoError. With autoDelete(), the job
        is deleted once control returns to an event loop after exec(). */
    bool exec();

    /*! Paho's \c publish.single(): publishes \a message with \a options and waits,
        at most \a timeoutMs (0 or less: no limit), until it is done and the client
        disconnected. Returns NoError or the failure (see "Errors"), with the sentence in
        \a errorString if it is not null. */
    static Mqtt::ErrorCode single(const MqttMessage &message, const MqttConnectOptions &options = {},
                                  int timeoutMs = DefaultTimeout, QString *errorString = nullptr);
    /*! Paho's \c publish.multiple(): as single() for a list, published in order. */
    static Mqtt::ErrorCode multiple(const QList<MqttMessage> &messages, const MqttConnectOptions &options = {},
                                    int timeoutMs = DefaultTimeout, QString *errorString = nullptr);

public Q_SLOTS:
    /*! Starts the job: checks the messages, connects, publishes. Returns at once;
        finished() follows from the event loop. Does nothing if already started. */
    void start();

Q_SIGNALS:
    /*! Message \a index of messages() is done; \a mid is the message id it had. */
    void messagePublished(int index, int mid, QPrivateSignal);
    /*! The job ended, successfully or not (KJob's \c result()); emitted once, by the job
        only, after it disconnected. */
    void finished(QPrivateSignal);
    /*! The job started or finished. */
    void stateChanged(MqttPublishJob::State state, QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void messagesChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void connectOptionsChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void timeoutChanged(QPrivateSignal);
    /*! The property of the same name changed. */
    void autoDeleteChanged(QPrivateSignal);

private:
    friend class MqttPublishJobPrivate;
    std::unique_ptr<MqttPublishJobPrivate> const d;
};

#endif // MQTTPUBLISHJOB_H
