// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Broker addresses: URIs (Paho C's serverURIs), MQTT 5 Server References, and the RFC 2782
// order of DNS SRV targets, with synthetic records and a seeded generator.
#include "mqttserverlist_p.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

class tst_ServerList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesServerUris_data();
    void parsesServerUris();
    void refusesOtherUris_data();
    void refusesOtherUris();
    void serverReferenceKeepsTheTransport_data();
    void serverReferenceKeepsTheTransport();
    void srvTargetsInPriorityOrder();
    void srvWeightsDecideTheOrderWithinAPriority();
    void srvZeroWeightsAreLastButNotNever();
};

void tst_ServerList::parsesServerUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<int>("transport");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("canonical");
    using T = Mqtt::Transport;
    QTest::newRow("mqtt, default port") << "mqtt://broker" << int(T::Tcp) << false << "broker" << 1883 << "" << "mqtt://broker:1883";
    QTest::newRow("tcp alias") << "tcp://10.0.0.1:1999" << int(T::Tcp) << false << "10.0.0.1" << 1999 << "" << "mqtt://10.0.0.1:1999";
    QTest::newRow("mqtts") << "mqtts://broker" << int(T::Tcp) << true << "broker" << 8883 << "" << "mqtts://broker:8883";
    QTest::newRow("ssl alias") << "ssl://broker:9" << int(T::Tcp) << true << "broker" << 9 << "" << "mqtts://broker:9";
    QTest::newRow("ws") << "ws://broker" << int(T::WebSockets) << false << "broker" << 80 << "" << "ws://broker:80";
    QTest::newRow("wss with path") << "wss://broker:8443/mqtt/v1?x=1" << int(T::WebSockets) << true << "broker" << 8443
                                   << "/mqtt/v1?x=1" << "wss://broker:8443/mqtt/v1?x=1";
    QTest::newRow("IPv6") << "mqtt://[::1]:1883" << int(T::Tcp) << false << "::1" << 1883 << "" << "mqtt://[::1]:1883";
    QTest::newRow("unix") << "unix:///run/mosquitto.sock" << int(T::LocalSocket) << false << "/run/mosquitto.sock" << 0 << ""
                          << "unix:///run/mosquitto.sock";
}

void tst_ServerList::parsesServerUris()
{
    QFETCH(QString, uri);
    QFETCH(int, transport);
    QFETCH(bool, tls);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, path);
    QFETCH(QString, canonical);
    QString why;
    const auto e = parseServerUri(uri, &why);
    QVERIFY2(e, qPrintable(why));
    QCOMPARE(int(e->transport), transport);
    QCOMPARE(e->tls, tls);
    QCOMPARE(e->host, host);
    QCOMPARE(e->port, port);
    QCOMPARE(e->path, path);
    QCOMPARE(e->uri(), canonical);
}

void tst_ServerList::refusesOtherUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("reason");
    QTest::newRow("http") << "http://broker" << "scheme";
    QTest::newRow("no scheme") << "broker:1883" << "scheme";
    QTest::newRow("no host") << "mqtt://:1883" << "host";
    QTest::newRow("path on mqtt") << "mqtt://broker/x" << "path";
    QTest::newRow("unix with host") << "unix://host/path" << "unix";
    QTest::newRow("port 0") << "mqtt://broker:0" << "port";
}

void tst_ServerList::refusesOtherUris()
{
    QFETCH(QString, uri);
    QFETCH(QString, reason);
    QString why;
    QVERIFY(!parseServerUri(uri, &why));
    QVERIFY2(why.contains(uri) && why.contains(reason), qPrintable(why));
}

void tst_ServerList::serverReferenceKeepsTheTransport_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("expected"); // empty: nothing usable
    QTest::newRow("host") << "other" << "mqtts://other:8883";
    QTest::newRow("host and port") << "other:9000" << "mqtts://other:9000";
    QTest::newRow("IPv6 and port") << "[fe80::1]:9000" << "mqtts://[fe80::1]:9000";
    QTest::newRow("a list: the first usable") << "bad:0 good:1234" << "mqtts://good:1234";
    QTest::newRow("nothing usable") << ":0" << "";
}

void tst_ServerList::serverReferenceKeepsTheTransport()
{
    QFETCH(QString, reference);
    QFETCH(QString, expected);
    MqttServerEntry current;
    current.transport = Mqtt::Transport::Tcp;
    current.tls = true;
    current.host = QStringLiteral("here");
    current.port = 8883;
    const auto e = parseServerReference(reference, current);
    if (expected.isEmpty()) {
        QVERIFY(!e);
        return;
    }
    QVERIFY(e);
    QCOMPARE(e->uri(), expected);
}

void tst_ServerList::srvTargetsInPriorityOrder()
{
    QRandomGenerator random(42);
    const QList<MqttSrvTarget> ordered = orderSrvTargets(
            { { QStringLiteral("c"), 1, 30, 5 }, { QStringLiteral("a"), 1, 10, 5 }, { QStringLiteral("b"), 1, 20, 5 } },
            random);
    QStringList hosts;
    for (const MqttSrvTarget &t : ordered)
        hosts.append(t.host);
    QCOMPARE(hosts, (QStringList{ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }));
}

void tst_ServerList::srvWeightsDecideTheOrderWithinAPriority()
{
    // Weights 60/30/10 at one priority: each goes first in proportion to its weight, and a
    // lower priority is never ahead of them.
    QRandomGenerator random(2026);
    QHash<QString, int> first;
    constexpr int Draws = 20000;
    for (int i = 0; i < Draws; ++i) {
        const QList<MqttSrvTarget> ordered = orderSrvTargets({ { QStringLiteral("low"), 1, 9, 100 },
                                                               { QStringLiteral("a"), 1, 1, 60 },
                                                               { QStringLiteral("b"), 1, 1, 30 },
                                                               { QStringLiteral("c"), 1, 1, 10 } },
                                                             random);
        QCOMPARE(ordered.size(), 4);
        QCOMPARE(ordered.last().host, QStringLiteral("low"));
        ++first[ordered.first().host];
    }
    // Expected shares 60/100, 30/100, 10/100 (RFC 2782 picks in [0, sum]: close enough).
    QVERIFY2(std::abs(first.value(QStringLiteral("a")) - Draws * 60 / 100) < Draws / 50, qPrintable(QString::number(first.value(QStringLiteral("a")))));
    QVERIFY2(std::abs(first.value(QStringLiteral("b")) - Draws * 30 / 100) < Draws / 50, qPrintable(QString::number(first.value(QStringLiteral("b")))));
    QVERIFY2(std::abs(first.value(QStringLiteral("c")) - Draws * 10 / 100) < Draws / 50, qPrintable(QString::number(first.value(QStringLiteral("c")))));
}

void tst_ServerList::srvZeroWeightsAreLastButNotNever()
{
    QRandomGenerator random(7);
    int zeroFirst = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto ordered = orderSrvTargets({ { QStringLiteral("zero"), 1, 1, 0 }, { QStringLiteral("heavy"), 1, 1, 1000 } }, random);
        if (ordered.first().host == QStringLiteral("zero"))
            ++zeroFirst;
    }
    QVERIFY(zeroFirst > 0);       // RFC 2782: a very small chance
    QVERIFY(zeroFirst < 2000 / 50);
    // All weights 0: uniform.
    int a = 0;
    for (int i = 0; i < 4000; ++i)
        a += orderSrvTargets({ { QStringLiteral("a"), 1, 1, 0 }, { QStringLiteral("b"), 1, 1, 0 } }, random).first().host == QStringLiteral("a");
    QVERIFY2(a > 1800 && a < 2200, qPrintable(QString::number(a)));
}

QTEST_APPLESS_MAIN(tst_ServerList)
#include "tst_serverlist.moc"
