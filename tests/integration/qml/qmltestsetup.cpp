// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "qmltestsetup.h"

#include <QtCore/QFile>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <QtQuickTest/quicktest.h>

QmlTestBroker::QmlTestBroker(const QVariantMap &options, QObject *parent) : QObject(parent)
{
    MosquittoBroker::Options o;
    const QVariantMap users = options.value(QStringLiteral("users")).toMap();
    for (auto it = users.cbegin(); it != users.cend(); ++it)
        o.users.insert(it.key(), it.value().toString());
    o.allowAnonymous = options.value(QStringLiteral("allowAnonymous"), users.isEmpty()).toBool();
    o.persistence = options.value(QStringLiteral("persistence"), false).toBool();
    const QString acl = options.value(QStringLiteral("acl")).toString();
    if (!acl.isEmpty()) {
        const QString path = m_aclDir.filePath(QStringLiteral("acl"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(acl.toUtf8()) != acl.toUtf8().size()) {
            m_errorString = QStringLiteral("Cannot write %1").arg(path);
            return;
        }
        o.extraConfig = QStringLiteral("acl_file %1\n").arg(path);
    }
    if (!m_broker.start(o))
        m_errorString = m_broker.errorString();
}

QmlTestBroker::~QmlTestBroker() = default;

void QmlTestBroker::kill()
{
    m_broker.kill();
    Q_EMIT runningChanged();
}

void QmlTestBroker::stop()
{
    m_broker.stop();
    Q_EMIT runningChanged();
}

bool QmlTestBroker::restart()
{
    const bool ok = m_broker.restart();
    if (!ok)
        m_errorString = m_broker.errorString();
    Q_EMIT runningChanged();
    return ok;
}

QmlTestHelper::QmlTestHelper(QObject *parent) : QObject(parent) {}

QmlTestHelper::~QmlTestHelper()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

bool QmlTestHelper::mosquittoAvailable() const
{
    return MosquittoBroker::mosquittoAvailable();
}

QmlTestBroker *QmlTestHelper::broker()
{
    if (!m_broker && mosquittoAvailable()) {
        m_broker = std::make_unique<QmlTestBroker>(QVariantMap());
        QQmlEngine::setObjectOwnership(m_broker.get(), QQmlEngine::CppOwnership);
    }
    return m_broker.get();
}

QmlTestBroker *QmlTestHelper::startBroker(const QVariantMap &options)
{
    m_brokers.push_back(std::make_unique<QmlTestBroker>(options));
    QQmlEngine::setObjectOwnership(m_brokers.back().get(), QQmlEngine::CppOwnership);
    return m_brokers.back().get();
}

QVariantMap QmlTestHelper::startRefusingBroker(int version, int reasonCode)
{
    auto broker = std::make_unique<FakeBroker>();
    if (!broker->listen())
        return {};
    const bool v5 = version == 5;
    broker->expectPacket(FakeBroker::Connect, {}, QStringLiteral("CONNECT"))
            .send(v5 ? FakeBroker::hex("20 03 00 00 00") : FakeBroker::hex("20 02 00 00"), QStringLiteral("CONNACK"))
            .expectPacket(FakeBroker::Subscribe, {}, QStringLiteral("SUBSCRIBE"))
            .sendWith(
                    [b = broker.get(), v5, reasonCode] {
                        const QByteArray subscribe = b->lastPacket();
                        // The packet id follows the one-byte remaining length of a small SUBSCRIBE.
                        QByteArray suback = v5 ? FakeBroker::hex("90 04") : FakeBroker::hex("90 03");
                        suback += subscribe.mid(2, 2);
                        if (v5)
                            suback += char(0); // no properties
                        suback += char(reasonCode);
                        return suback;
                    },
                    QStringLiteral("SUBACK refusing"));
    const QVariantMap address{ { QStringLiteral("host"), broker->host() }, { QStringLiteral("port"), broker->port() } };
    m_fakeBrokers.push_back(std::move(broker));
    return address;
}

QString QmlTestHelper::refusingBrokerFailure() const
{
    return m_fakeBrokers.empty() ? QString() : m_fakeBrokers.back()->failure();
}

QString QmlTestHelper::uniqueTopic(const QString &what)
{
    return QStringLiteral("mqttqt-qml/%1/%2").arg(what).arg(++m_topicCounter);
}

QString QmlTestHelper::uniqueClientId(const QString &what)
{
    return QStringLiteral("q-%1-%2").arg(what.left(14)).arg(++m_clientCounter);
}

MqttClient *QmlTestHelper::createCppClient(bool throughEngine, const QString &host, int port, int version)
{
    std::unique_ptr<MqttClient> client;
    if (throughEngine && m_engine) {
        QQmlComponent factory(m_engine);
        factory.setData(QByteArrayLiteral("import MqttQt\nMqttClient {}"), QUrl());
        client.reset(qobject_cast<MqttClient *>(factory.create()));
    } else if (!throughEngine) {
        client = std::make_unique<MqttClient>();
    }
    if (!client)
        return nullptr;
    QQmlEngine::setObjectOwnership(client.get(), QQmlEngine::CppOwnership);
    client->setHost(host);
    client->setPort(port);
    client->setProtocolVersion(Mqtt::ProtocolVersion(version));
    m_clients.push_back(std::move(client));
    return m_clients.back().get();
}

MqttClient *QmlTestHelper::createClientInOtherThread()
{
    if (!m_thread) {
        m_thread = std::make_unique<QThread>();
        m_thread->start();
    }
    auto *client = new MqttClient;
    QQmlEngine::setObjectOwnership(client, QQmlEngine::CppOwnership);
    client->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, client, &QObject::deleteLater);
    return client;
}

int QmlTestHelper::addMessageCallback(MqttClient *client, const QString &filter)
{
    const int id = int(m_callbackCounts.size());
    m_callbackCounts.push_back(0);
    client->messageCallbackAdd(filter, this, [this, id](const MqttMessage &) { ++m_callbackCounts[size_t(id)]; });
    return id;
}

int QmlTestHelper::callbackCount(int id) const
{
    return id >= 0 && size_t(id) < m_callbackCounts.size() ? m_callbackCounts[size_t(id)] : -1;
}

QmlTestHelper *QmlTestSetup::helper()
{
    if (!m_helper)
        m_helper = std::make_unique<QmlTestHelper>();
    return m_helper.get();
}

void QmlTestSetup::qmlEngineAvailable(QQmlEngine *engine)
{
    // The module as built, exactly as an application finds it through QML_IMPORT_PATH.
    engine->addImportPath(QStringLiteral(MQTTQT_QML_IMPORT_DIR));
    engine->rootContext()->setContextProperty(QStringLiteral("testSetup"), helper());
    helper()->m_engine = engine;
}

void QmlTestSetup::cleanupTestCase()
{
    m_helper.reset();
}

QUICK_TEST_MAIN_WITH_SETUP(tst_qmlmodule, QmlTestSetup)
