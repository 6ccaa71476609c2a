// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// A child process for tst_persistence: an MqttClient with a durable session store that the
// test kills with SIGKILL and starts again. One line per event on stdout, flushed at once:
//
//   persist_helper publish STORE ID HOST PORT FIRST DURABILITY
//       connects (clean session off) and publishes numbered messages FIRST, FIRST+1, ...
//       forever: even numbers at QoS 1 to "persist/q1", odd ones at QoS 2 to "persist/q2",
//       at most 200 outstanding. Prints "ok N" once message N is durable (Immediate: when
//       publish() returns; otherwise in a later event-loop pass than the publish() calls,
//       i.e. after the pass's commit), "connected", and "error ..." for any error.
//   persist_helper drain STORE ID HOST PORT
//       connects, lets the restored messages complete, prints "drained" and exits 0.
//   persist_helper receive STORE ID HOST PORT
//       connects (clean session off) and prints "msg TOPIC PAYLOAD" per delivered message.
//   persist_helper fill STORE ID LIMIT DURABILITY
//       limits files to LIMIT bytes (RLIMIT_FSIZE, SIGXFSZ ignored) and publishes 4 KiB
//       QoS 1 messages while disconnected until the client refuses or fails one; prints
//       "refused CODE TEXT" or "failed MID CODE TEXT" and exits 0, or exits 3 if 2,000
//       messages were kept.
//   persist_helper open STORE ID
//       sets the store and prints "open CODE TEXT".
//
// STORE is the log that setPersistencePath() makes (compacted every MQTTQT_TEST_COMPACT
// bytes if that is set), or with MQTTQT_TEST_STORE=sqlite an MqttSqliteSessionStore.

#include <MqttQt/MqttClient>
#include <MqttQt/MqttLogSessionStore>
#include <MqttQt/MqttSqliteSessionStore>

#include <QtCore/QCoreApplication>
#include <QtCore/QMetaEnum>
#include <QtCore/QTimer>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>

namespace {

void say(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString codeName(Mqtt::ErrorCode e)
{
    return QString::fromLatin1(QMetaEnum::fromType<Mqtt::ErrorCode>().valueToKey(int(e)));
}

Mqtt::Durability durabilityFromName(const QString &name)
{
    bool ok = false;
    const int v = QMetaEnum::fromType<Mqtt::Durability>().keyToValue(name.toLatin1().constData(), &ok);
    return ok ? Mqtt::Durability(v) : Mqtt::Durability::Grouped;
}

Mqtt::ErrorCode useStore(MqttClient &client, const QString &path)
{
    if (qgetenv("MQTTQT_TEST_STORE") == "sqlite")
        return client.setSessionStore(new MqttSqliteSessionStore(path));
    const Mqtt::ErrorCode e = client.setPersistencePath(path);
    // Small, so that the kills land in compactions too.
    auto *log = qobject_cast<MqttLogSessionStore *>(client.sessionStore());
    if (log && qEnvironmentVariableIsSet("MQTTQT_TEST_COMPACT"))
        log->setCompactionThreshold(qEnvironmentVariableIntValue("MQTTQT_TEST_COMPACT"));
    return e;
}

int usage()
{
    say(QStringLiteral("usage: persist_helper publish|drain|receive|fill|open ..."));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 3)
        return usage();
    const QString mode = args.at(0);
    MqttClient client(args.at(2));
    client.setCleanSession(false);
    client.setReconnectDelay(1, 1);
    client.setMaxInflightMessages(50);
    QObject::connect(&client, &MqttClient::errorOccurred, [](Mqtt::ErrorCode e, const QString &text) {
        say(QStringLiteral("error %1 %2").arg(codeName(e), text));
    });

    if (mode == QLatin1String("open")) {
        const Mqtt::ErrorCode e = useStore(client, args.at(1));
        say(QStringLiteral("open %1 %2").arg(codeName(e), client.errorString()));
        return 0;
    }

    if (mode == QLatin1String("fill")) {
        if (args.size() < 5)
            return usage();
        std::signal(SIGXFSZ, SIG_IGN);
        client.setSessionDurability(durabilityFromName(args.at(4)));
        if (useStore(client, args.at(1)) != Mqtt::ErrorCode::NoError) {
            say(QStringLiteral("open-failed %1").arg(client.errorString()));
            return 1;
        }
        // The limit applies from here: the store exists, and now fills up.
        rlimit limit{};
        limit.rlim_cur = limit.rlim_max = rlim_t(args.at(3).toLongLong());
        if (setrlimit(RLIMIT_FSIZE, &limit) != 0) {
            say(QStringLiteral("setrlimit failed"));
            return 1;
        }
        int kept = 0;
        QObject::connect(&client, &MqttClient::publishFailed, [](int mid, Mqtt::ErrorCode e, const QString &text) {
            say(QStringLiteral("failed %1 %2 %3").arg(mid).arg(codeName(e), text));
            QCoreApplication::exit(0);
        });
        QTimer pacer;
        QObject::connect(&pacer, &QTimer::timeout, [&] {
            // One message per event-loop pass, so that Grouped commits each on its own.
            const MqttMessageInfo info = client.publish(QStringLiteral("persist/fill"), QByteArray(4096, 'x'),
                                                        Mqtt::QoS::AtLeastOnce);
            if (info.rc() != Mqtt::ErrorCode::NoError) {
                say(QStringLiteral("refused %1 %2").arg(codeName(info.rc()), client.errorString()));
                QCoreApplication::exit(0);
            } else if (++kept >= 2000) {
                QCoreApplication::exit(3);
            }
        });
        pacer.start(0);
        return app.exec();
    }

    if (args.size() < 5)
        return usage();
    if (mode == QLatin1String("publish") && args.size() >= 7)
        client.setSessionDurability(durabilityFromName(args.at(6)));
    if (useStore(client, args.at(1)) != Mqtt::ErrorCode::NoError) {
        say(QStringLiteral("open-failed %1").arg(client.errorString()));
        return 1;
    }
    const QString host = args.at(3);
    const int port = args.at(4).toInt();
    int outstanding = 0; // accepted and not completed, this process only
    int restoredOutstanding = 0;
    QObject::connect(&client, &MqttClient::published, [&](int mid, Mqtt::ReasonCode, const MqttProperties &) {
        if (mid > 0)
            --outstanding;
    });
    QObject::connect(&client, &MqttClient::publishFailed, [&](int mid, Mqtt::ErrorCode e, const QString &text) {
        --outstanding;
        say(QStringLiteral("failed %1 %2 %3").arg(mid).arg(codeName(e), text));
    });
    QObject::connect(&client, &MqttClient::connackReceived, [](bool sessionPresent, Mqtt::ReasonCode, const MqttProperties &) {
        say(QStringLiteral("connected %1").arg(sessionPresent ? 1 : 0));
    });
    Q_UNUSED(restoredOutstanding);

    if (mode == QLatin1String("receive")) {
        QObject::connect(&client, &MqttClient::messageReceived, [](const MqttMessage &m) {
            say(QStringLiteral("msg %1 %2").arg(m.topic(), QString::fromUtf8(m.payload())));
        });
        client.connectToHost(host, port);
        return app.exec();
    }

    if (mode == QLatin1String("drain")) {
        // Restored messages complete with published()/publishFailed() like any other;
        // wantWrite() and a quiet period tell when nothing is left in flight.
        QObject::connect(&client, &MqttClient::published, [](int mid, Mqtt::ReasonCode, const MqttProperties &) {
            say(QStringLiteral("completed %1").arg(mid));
        });
        QTimer quiet;
        quiet.setSingleShot(true);
        quiet.setInterval(500);
        QObject::connect(&client, &MqttClient::published, &quiet, qOverload<>(&QTimer::start));
        QObject::connect(&client, &MqttClient::connackReceived, &quiet, qOverload<>(&QTimer::start));
        QObject::connect(&quiet, &QTimer::timeout, [&] {
            say(QStringLiteral("drained"));
            client.disconnectFromHost();
        });
        QObject::connect(&client, &MqttClient::disconnected, [&](Mqtt::ErrorCode e) {
            if (e == Mqtt::ErrorCode::NoError)
                QCoreApplication::exit(0);
        });
        client.connectToHost(host, port);
        return app.exec();
    }

    if (mode != QLatin1String("publish"))
        return usage();
    qint64 next = args.at(5).toLongLong();
    const bool immediate = client.sessionDurability() == Mqtt::Durability::Immediate;
    QTimer pacer;
    QObject::connect(&pacer, &QTimer::timeout, [&] {
        QList<qint64> accepted;
        for (int i = 0; i < 20 && outstanding < 200; ++i, ++next) {
            const bool two = next % 2 != 0;
            const MqttMessageInfo info = client.publish(two ? QStringLiteral("persist/q2") : QStringLiteral("persist/q1"),
                                                        QByteArray::number(next),
                                                        two ? Mqtt::QoS::ExactlyOnce : Mqtt::QoS::AtLeastOnce);
            if (info.rc() != Mqtt::ErrorCode::NoError) {
                say(QStringLiteral("refused %1 %2").arg(codeName(info.rc()), client.errorString()));
                continue;
            }
            ++outstanding;
            if (immediate)
                say(QStringLiteral("ok %1").arg(next));
            else
                accepted.append(next);
        }
        if (!accepted.isEmpty()) {
            // Posted after the client's own flush of this pass, which commits first.
            QMetaObject::invokeMethod(&app, [accepted] {
                for (const qint64 n : accepted)
                    say(QStringLiteral("ok %1").arg(n));
            }, Qt::QueuedConnection);
        }
    });
    pacer.start(2);
    client.connectToHost(host, port);
    return app.exec();
}
