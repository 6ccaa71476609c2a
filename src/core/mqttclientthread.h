// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTCLIENTTHREAD_H
#define MQTTCLIENTTHREAD_H

#include "mqttclient.h"
#include "mqttconnectoptions.h"
#include "mqttnamespace.h"

#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>

class QThread;
class MqttClientThreadPrivate;

/*!
    An MqttClient running in a worker thread of its own: Paho's \c loop_start() and
    \c loop_stop().

    The thread object owns a QThread and a client. Configure the client (client())
    before start(), in the thread that created this object: start() applies
    connectOptions() to it, moves it into the worker thread, starts the thread and
    connects there; the client reconnects by itself after a lost connection (its
    autoReconnect(), on by default, as Paho's network thread does). stop() disconnects
    cleanly, ends the thread and brings the client back, so it can be configured and
    started again, or used in the owner's thread.

    \par Which calls are safe from which thread while it runs
    \li From any thread: client()->publish() (never blocks, returns a valid mid at once,
        keeps each calling thread's order), client()->subscribe() and
        client()->unsubscribe() (NoConnection until connected: see waitForConnected()),
        MqttMessageInfo::waitForPublish() on what publish() returned, and this object's
        state(), error(), errorString(), isRunning() and waitForConnected().
    \li Connecting to the client's signals, from any thread: with the default
        AutoConnection each slot or functor runs in its receiver's (context's) thread.
    \li Everything else on the client (setters, connectToHost(), disconnectFromHost(),
        messageCallbackAdd(), the getters) only inside the worker thread: through
        QMetaObject::invokeMethod(client(), ...) or a queued connection, or from the
        client's own signals.
    \li start() and stop() from the thread that created this object (stop() also from
        any other thread except the worker).

    \code
    MqttClientThread worker(MqttConnectOptions(u"localhost"_s));
    QObject::connect(worker.client(), &MqttClient::messageReceived, &receiver, &Receiver::onMessage);
    worker.start();
    if (worker.waitForConnected(5000)) {
        worker.client()->subscribe(u"sensors/#"_s, Mqtt::QoS::AtLeastOnce); // any thread
        worker.client()->publish(u"sensors/hello"_s, "hi", Mqtt::QoS::AtLeastOnce).waitForPublish(5000);
    }
    worker.stop();
    \endcode
*/
class MQTTQT_CORE_EXPORT MqttClientThread : public QObject
{
    Q_OBJECT
    Q_PROPERTY(MqttConnectOptions connectOptions READ connectOptions WRITE setConnectOptions NOTIFY connectOptionsChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)

public:
    /*! A stopped worker with default connect options (localhost:1883). */
    explicit MqttClientThread(QObject *parent = nullptr);
    /*! A stopped worker that will connect with \a options. */
    explicit MqttClientThread(const MqttConnectOptions &options, QObject *parent = nullptr);
    /*! Stops the worker (see stop()) and destroys the client. */
    ~MqttClientThread() override;

    /*! The client. It lives in this object's thread while stopped and in the worker
        thread while running; it is never null and stays the same object. */
    MqttClient *client() const;
    /*! The worker thread (running only between start() and stop()). */
    QThread *workerThread() const;

    /*! Where and how start() connects. Default MqttConnectOptions(). */
    MqttConnectOptions connectOptions() const;
    void setConnectOptions(const MqttConnectOptions &options);

    /*! True between start() and stop(). Safe from any thread. */
    bool isRunning() const;
    /*! The client's state, safe from any thread (updated in the worker as the client
        changes it). */
    Mqtt::ClientState state() const;
    /*! The client's last error and its sentence, safe from any thread; NoError after an
        accepted connection. */
    Mqtt::ErrorCode error() const;
    QString errorString() const;

    /*! Blocks the calling thread (any but the worker) until the client is connected, the
        current connection attempt failed, or \a msecs passed. Returns true if connected;
        false at once if not running. Needs no event loop in the calling thread. */
    bool waitForConnected(int msecs = 30000) const;

public Q_SLOTS:
    /*! Paho's \c loop_start() together with \c connect(): applies connectOptions() to
        the client, moves it into the worker thread, starts the thread and connects
        there (the outcome arrives through the client's signals, state() and
        waitForConnected()). Returns NoError, or ErrorCode::Invalid with nothing started
        when already running, when called from another thread than this object's, when
        the client is not disconnected (connect through start(), not connectToHost()),
        or when the client refuses an option (errorString() says which). */
    Mqtt::ErrorCode start();
    /*! Paho's \c disconnect() and \c loop_stop(): in the worker, disconnects cleanly if a
        connection is open or being made (waiting at most \a msecs for it to close),
        moves the client back to this object's thread, then ends and joins the worker
        thread. QoS 1 and 2 messages not yet acknowledged stay in the client and are
        sent on its next connection; wait for them first (MqttMessageInfo::waitForPublish)
        if they must go now. Does nothing if not running; refused (a warning, nothing
        done) from the worker thread itself, which cannot wait for its own end. */
    void stop(int msecs = 5000);

Q_SIGNALS:
    /*! The worker started or stopped. */
    void runningChanged(bool running);
    /*! connectOptions() changed. */
    void connectOptionsChanged();

private:
    friend class MqttClientThreadPrivate;
    std::unique_ptr<MqttClientThreadPrivate> const d;
};

#endif // MQTTCLIENTTHREAD_H
