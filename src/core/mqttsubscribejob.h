// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSUBSCRIBEJOB_H
#define MQTTSUBSCRIBEJOB_H

#include "mqttconnectoptions.h"
#include "mqttmessage.h"
#include "mqttnamespace.h"
#include "mqttproperties.h"
#include "mqttsubscribeoptions.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <functional>
#include <memory>

class MqttClient;
class MqttSubscribeJobPrivate;

/*!
    Connects, subscribes to one or more topic filters, and hands over the messages that
    arrive: Paho's \c subscribe.simple() (the first N messages) and
    \c subscribe.callback() (every message until stopped).

    With messageCount() N above 0 the job collects the first N messages (messages()),
    then disconnects cleanly and finishes. With 0 it runs until stop(), its timeout, or
    a failure, collecting nothing: connect to messageReceived(). Retained messages (those
    the broker sends because they were retained, retain flag set) are skipped and not
    counted unless retainedMessages() is IncludeRetained, as in Paho.

    \par Blocking and asynchronous
    simple() and callback() block, running a local event loop in the calling thread (any
    thread, with a QCoreApplication in the process). exec() does the same for a job you
    configured. start() returns at once; subscribed(), messageReceived() and, once,
    finished() follow, emitted by the job only and never from inside start().

    \code
    // Paho's subscribe.simple("paho/test/simple", hostname="localhost")
    const QList<MqttMessage> messages = MqttSubscribeJob::simple({u"paho/test/simple"_s});

    // Paho's subscribe.callback(on_message_print, "paho/test/callback")
    auto *job = new MqttSubscribeJob({u"paho/test/callback"_s}, MqttConnectOptions(), this);
    job->setMessageCount(0);
    connect(job, &MqttSubscribeJob::messageReceived, this, [](const MqttMessage &m) { qInfo() << m; });
    job->start();
    \endcode

    \par Errors
    The first failure ends the job, which disconnects and finishes: an empty topic list or
    an invalid filter (ErrorCode::Invalid, failedTopicIndex() naming it, before
    connecting), the broker cannot be reached or refused the connection (as for
    MqttPublishJob; reasonCode() the CONNACK reason), the broker refused a subscription
    in its SUBACK (ErrorCode::AclDenied for Not authorized, ErrorCode::NotSupported for
    an unsupported feature or QoS, ErrorCode::Invalid for an invalid filter,
    ErrorCode::QueueSize for Quota exceeded, ErrorCode::Unknown otherwise; reasonCode()
    and failedTopicIndex() say which), the connection was lost (ErrorCode::ConnectionLost)
    or the timeout passed (ErrorCode::Timeout; messages() keeps what arrived).
*/
class MQTTQT_CORE_EXPORT MqttSubscribeJob : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QStringList topics READ topics WRITE setTopics NOTIFY topicsChanged)
    Q_PROPERTY(MqttSubscribeOptions subscribeOptions READ subscribeOptions WRITE setSubscribeOptions NOTIFY subscribeOptionsChanged)
    Q_PROPERTY(MqttProperties subscribeProperties READ subscribeProperties WRITE setSubscribeProperties NOTIFY subscribePropertiesChanged)
    Q_PROPERTY(int messageCount READ messageCount WRITE setMessageCount NOTIFY messageCountChanged)
    Q_PROPERTY(RetainedMessages retainedMessages READ retainedMessages WRITE setRetainedMessages NOTIFY retainedMessagesChanged)
    Q_PROPERTY(MqttConnectOptions connectOptions READ connectOptions WRITE setConnectOptions NOTIFY connectOptionsChanged)
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY timeoutChanged)
    Q_PROPERTY(bool autoDelete READ autoDelete WRITE setAutoDelete NOTIFY autoDeleteChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(Mqtt::ErrorCode error READ error NOTIFY finished)
    Q_PROPERTY(QString errorString READ errorString NOTIFY finished)
    Q_PROPERTY(int failedTopicIndex READ failedTopicIndex NOTIFY finished)
    Q_PROPERTY(Mqtt::ReasonCode reasonCode READ reasonCode NOTIFY finished)

public:
    /*! Where a job is in its life: created, started, or done (once). */
    enum class State : int {
        NotStarted,
        Running,
        Finished,
    };
    Q_ENUM(State)

    /*! Whether messages the broker sends because they were retained count (Paho's
        \c retained argument). */
    enum class RetainedMessages : int {
        SkipRetained,    //!< ignored: neither counted nor delivered (Paho's default)
        IncludeRetained, //!< handled like every other message
    };
    Q_ENUM(RetainedMessages)

    /*! The timeout of simple(), 30 s. */
    static constexpr int DefaultSimpleTimeout = 30000;

    /*! A job with no topics yet; set them with setTopics(). */
    explicit MqttSubscribeJob(QObject *parent = nullptr);
    /*! A job subscribing to \a topics (filters, wildcards allowed) with \a options. */
    explicit MqttSubscribeJob(const QStringList &topics, const MqttConnectOptions &options = {},
                              QObject *parent = nullptr);
    /*! Destroys the job. A running job's connection is dropped without DISCONNECT (the
        broker then publishes a will) and finished() is not emitted. */
    ~MqttSubscribeJob() override;

    /*! The topic filters, subscribed to in one SUBSCRIBE. Settable until start(). */
    QStringList topics() const;
    void setTopics(const QStringList &topics);
    /*! The QoS and MQTT 5 options of every subscription (Paho's \c qos). Default QoS 0,
        no MQTT 5 options. Settable until start(). */
    MqttSubscribeOptions subscribeOptions() const;
    void setSubscribeOptions(const MqttSubscribeOptions &options);
    /*! MQTT 5 properties of the SUBSCRIBE (a subscription identifier, user
        properties). Empty by default. Settable until start(). */
    MqttProperties subscribeProperties() const;
    void setSubscribeProperties(const MqttProperties &properties);
    /*! How many messages end the job (Paho's \c msg_count); 0 for no limit (until
        stop()). Default 1. Negative values are taken as 0. Settable until start(). */
    int messageCount() const;
    void setMessageCount(int count);
    /*! Default SkipRetained, as Paho. Settable until start(). */
    RetainedMessages retainedMessages() const;
    void setRetainedMessages(RetainedMessages retained);
    /*! Where and how to connect. Settable until start(). */
    MqttConnectOptions connectOptions() const;
    void setConnectOptions(const MqttConnectOptions &options);
    /*! Milliseconds from start() until the job gives up with ErrorCode::Timeout; 0 or
        less (the default) for no limit. Settable until start(). */
    int timeout() const;
    void setTimeout(int msecs);
    /*! Delete the job (deleteLater()) once finished() has been emitted. Default false. */
    bool autoDelete() const;
    void setAutoDelete(bool autoDelete);

    /*! NotStarted, then Running from start(), then Finished when finished() is emitted. */
    State state() const;
    /*! state() is Finished. */
    bool isFinished() const;
    /*! NoError while running and after a job that succeeded (count reached, or
        stop()); otherwise why it failed (see "Errors" above). */
    Mqtt::ErrorCode error() const;
    /*! One sentence on the failure; empty when error() is NoError. */
    QString errorString() const;
    /*! The index in topics() of the filter that was refused; -1 otherwise. */
    int failedTopicIndex() const;
    /*! The broker's MQTT 5 reason code for the failure (CONNACK or SUBACK; MQTT 3.x
        codes mapped); Success otherwise. */
    Mqtt::ReasonCode reasonCode() const;
    /*! The messages counted so far, in order of arrival, when messageCount() is above
        0; always empty with messageCount() 0 (nothing is kept). */
    QList<MqttMessage> messages() const;
    /*! How many messages were counted (delivered) so far. */
    int receivedCount() const;
    /*! The client the job connects with: for its logMessage() signal or extra options
        set before start(). The job owns it; do not connect, disconnect or delete it
        yourself. connectOptions() are applied to it at start(), with automatic
        reconnection off. */
    MqttClient *client() const;

    /*! Starts the job if it was not started, then blocks, running a local event loop,
        until it finished. Returns true if error() is NoError. With autoDelete(), the job
        is deleted once control returns to an event loop after exec(). */
    bool exec();

    /*! Paho's \c subscribe.simple(): subscribes to \a topics at QoS 0 and returns the
        first \a messageCount messages (at least 1), skipping retained ones unless
        \a retained is IncludeRetained. Blocks at most \a timeoutMs (0 or less: no
        limit). On failure returns what arrived before it, with the code in \a error and
        the sentence in \a errorString when they are not null. */
    static QList<MqttMessage> simple(const QStringList &topics, const MqttConnectOptions &options = {},
                                     int messageCount = 1,
                                     RetainedMessages retained = RetainedMessages::SkipRetained,
                                     int timeoutMs = DefaultSimpleTimeout, Mqtt::ErrorCode *error = nullptr,
                                     QString *errorString = nullptr);
    /*! Paho's \c subscribe.callback(): subscribes to \a topics at QoS 0 and calls
        \a handler with the job and each message (retained ones included), in the calling
        thread, until the handler calls \c {job->stop()}, \a timeoutMs passes (0 or less,
        the default: no limit) or the connection fails. Returns NoError after stop(), or
        the failure, with the sentence in \a errorString if it is not null. */
    static Mqtt::ErrorCode callback(const std::function<void(MqttSubscribeJob *job, const MqttMessage &message)> &handler,
                                    const QStringList &topics, const MqttConnectOptions &options = {},
                                    int timeoutMs = 0, QString *errorString = nullptr);

public Q_SLOTS:
    /*! Starts the job: checks the filters, connects, subscribes. Returns at once;
        finished() follows from the event loop. Does nothing if already started. */
    void start();
    /*! Ends a running job successfully: no more messages are delivered, the client
        disconnects cleanly, finished() follows with NoError. Does nothing if the job is
        not running or already ending. */
    void stop();

Q_SIGNALS:
    /*! The broker granted every subscription: messages can arrive from now on. */
    void subscribed(QPrivateSignal);
    /*! A message was counted (Paho's callback); messages() already holds it when they
        are collected. */
    void messageReceived(const MqttMessage &message, QPrivateSignal);
    /*! The job ended, successfully or not (KJob's \c result()); emitted once, by the job
        only, after it disconnected. */
    void finished(QPrivateSignal);
    /*! The job started or finished. */
    void stateChanged(MqttSubscribeJob::State state, QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void topicsChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void subscribeOptionsChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void subscribePropertiesChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void messageCountChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void retainedMessagesChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void connectOptionsChanged(QPrivateSignal);
    /*! The property of the same name changed (only before start()). */
    void timeoutChanged(QPrivateSignal);
    /*! The property of the same name changed. */
    void autoDeleteChanged(QPrivateSignal);

private:
    friend class MqttSubscribeJobPrivate;
    std::unique_ptr<MqttSubscribeJobPrivate> const d;
};

#endif // MQTTSUBSCRIBEJOB_H
