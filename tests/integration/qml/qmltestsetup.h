// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Test support, not API: what the Qt Quick Test suite (quick/tst_*.qml) reaches through
// the context property "testSetup": real mosquitto brokers it can start, kill and
// restart, unique names, and a C++ per-filter handler to check that MqttSubscription
// still receives messages such a handler takes.
#ifndef QMLTESTSETUP_H
#define QMLTESTSETUP_H

#include "fakebroker.h"
#include "mosquittobroker.h"

#include <MqttQt/MqttClient>

#include <QtCore/QObject>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtCore/QVariantMap>

#include <memory>
#include <vector>

class QQmlEngine;

/*! One mosquitto broker as QML sees it. */
class QmlTestBroker : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString host READ host CONSTANT)
    Q_PROPERTY(int port READ port CONSTANT)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(QString errorString READ errorString CONSTANT)
public:
    /*! Starts a broker: \a options may hold users ({name: password}), allowAnonymous,
        persistence, acl (the text of an ACL file). */
    explicit QmlTestBroker(const QVariantMap &options, QObject *parent = nullptr);
    ~QmlTestBroker() override;

    QString host() const { return m_broker.host(); }
    int port() const { return m_broker.tcpPort(); }
    bool isRunning() const { return m_broker.isRunning(); }
    QString errorString() const { return m_errorString; }

    /*! SIGKILL: connections break, nothing is persisted. */
    Q_INVOKABLE void kill();
    /*! SIGTERM: a graceful stop that writes the persistence database. */
    Q_INVOKABLE void stop();
    /*! Starts it again on the same port; false on failure. */
    Q_INVOKABLE bool restart();
    /*! The broker's log so far (for failure messages). */
    Q_INVOKABLE QString log() const { return m_broker.log(); }

Q_SIGNALS:
    void runningChanged();

private:
    MosquittoBroker m_broker;
    QTemporaryDir m_aclDir;
    QString m_errorString;
};

/*! The context property "testSetup". */
class QmlTestHelper : public QObject
{
    Q_OBJECT
    /*! An anonymous broker shared by the tests that need nothing special. */
    Q_PROPERTY(QmlTestBroker *broker READ broker CONSTANT)
    Q_PROPERTY(bool mosquittoAvailable READ mosquittoAvailable CONSTANT)
public:
    explicit QmlTestHelper(QObject *parent = nullptr);
    ~QmlTestHelper() override;

    QmlTestBroker *broker();
    bool mosquittoAvailable() const;

    /*! Starts another broker (see QmlTestBroker); it lives until the test run ends. */
    Q_INVOKABLE QmlTestBroker *startBroker(const QVariantMap &options);
    /*! A scripted broker (FakeBroker) that accepts one connection with protocol level
        \a version and answers its first SUBSCRIBE with \a reasonCode: a refusal mosquitto
        never sends (it grants subscriptions its ACL denies, and filters at delivery).
        Returns {host, port}. */
    Q_INVOKABLE QVariantMap startRefusingBroker(int version, int reasonCode);
    /*! Why the last refusing broker's script failed, or an empty string. */
    Q_INVOKABLE QString refusingBrokerFailure() const;
    /*! A topic no other test uses: mqttqt-qml/<what>/<n>. */
    Q_INVOKABLE QString uniqueTopic(const QString &what);
    /*! A client id no other test uses (at most 23 characters). */
    Q_INVOKABLE QString uniqueClientId(const QString &what);
    /*! A MqttClient made in C++ and owned by C++ (deleted at the end of the run), for
        \a host and \a port with \a version. \a throughEngine: made by a QQmlComponent of
        the test's engine ("MqttClient {}"), which gives it MqttClient's QML members; false:
        a plain "new MqttClient", as an application's C++ client handed to QML. */
    Q_INVOKABLE MqttClient *createCppClient(bool throughEngine, const QString &host, int port, int version);
    /*! A MqttClient living in a worker thread (not connected). */
    Q_INVOKABLE MqttClient *createClientInOtherThread();
    /*! Registers a C++ per-filter handler (MqttClient::messageCallbackAdd()) on \a client;
        returns its number for callbackCount(). */
    Q_INVOKABLE int addMessageCallback(MqttClient *client, const QString &filter);
    /*! Messages the handler \a id received. */
    Q_INVOKABLE int callbackCount(int id) const;

private:
    std::unique_ptr<QmlTestBroker> m_broker;
    std::vector<std::unique_ptr<QmlTestBroker>> m_brokers;
    std::vector<std::unique_ptr<FakeBroker>> m_fakeBrokers;
    std::vector<int> m_callbackCounts;
    std::vector<std::unique_ptr<MqttClient>> m_clients;
    QQmlEngine *m_engine = nullptr;
    std::unique_ptr<QThread> m_thread;
    friend class QmlTestSetup;
    int m_topicCounter = 0;
    int m_clientCounter = 0;
};

/*! The QUICK_TEST_MAIN_WITH_SETUP object. */
class QmlTestSetup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine);
    void cleanupTestCase();

private:
    QmlTestHelper *helper();
    std::unique_ptr<QmlTestHelper> m_helper;
};

#endif // QMLTESTSETUP_H
