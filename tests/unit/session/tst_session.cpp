// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// The session state machine, driven like a protocol transcript: the test plays the broker
// with hand-written bytes and a fake clock (plain numbers of milliseconds), and checks the
// exact bytes the client writes against the MQTT 3.1, 3.1.1 and 5.0 specifications, and
// every event the session reports, in order. What the CLIENT must send is always written
// out in hex here, never produced by our own encoder; the encoder only builds some MQTT 5
// packets the broker sends (CONNACK with properties, DISCONNECT with a reason string).

#include "codec/mqttcodec_p.h"
#include "mqttmessageinfo.h"
#include "mqttmessageinfo_p.h"
#include "session/mqttsession_p.h"

#include <QtCore/QMetaEnum>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <functional>
#include <initializer_list>
#include <set>
#include <utility>
#include <vector>

using namespace MqttSession;
using MqttCodec::PublishPacket;
using MqttCodec::Subscription;
using Mqtt::ErrorCode;
using Mqtt::PropertyId;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;

using Subscriptions = QList<Subscription>;
Q_DECLARE_METATYPE(Subscriptions)

namespace {

constexpr ProtocolVersion V31 = ProtocolVersion::V3_1;
constexpr ProtocolVersion V311 = ProtocolVersion::V3_1_1;
constexpr ProtocolVersion V5 = ProtocolVersion::V5;

// "32 06 00 01" -> bytes; anything but hex digits is ignored.
QByteArray hex(const QByteArray &text)
{
    return QByteArray::fromHex(text);
}

QByteArray hexByte(quint8 v)
{
    return "0x" + QByteArray::number(v, 16).rightJustified(2, '0');
}

QByteArray errorName(ErrorCode e)
{
    const char *key = QMetaEnum::fromType<ErrorCode>().valueToKey(int(e));
    return key ? QByteArray(key) : QByteArray::number(int(e));
}

MqttProperties integers(std::initializer_list<std::pair<PropertyId, quint32>> values)
{
    MqttProperties p;
    for (const auto &v : values) {
        if (!p.setInteger(v.first, v.second))
            qFatal("test bug: property %d refused value %u", int(v.first), v.second);
    }
    return p;
}

// Packets the broker sends that are tedious by hand (MQTT 5 property blocks).
QByteArray serverPacket(const MqttCodec::Packet &packet, ProtocolVersion v)
{
    QByteArray out;
    if (MqttCodec::encode(packet, v, out) != MqttCodec::EncodeError::None)
        qFatal("test bug: the broker's packet cannot be encoded");
    return out;
}

QByteArray connack5(const MqttProperties &properties, bool sessionPresent = false)
{
    MqttCodec::ConnackPacket c;
    c.sessionPresent = sessionPresent;
    c.properties = properties;
    return serverPacket(c, V5);
}

QByteArray connackOk(ProtocolVersion v, bool sessionPresent = false)
{
    if (v == V5)
        return sessionPresent ? hex("20 03 01 00 00") : hex("20 03 00 00 00");
    return sessionPresent ? hex("20 02 01 00") : hex("20 02 00 00");
}

struct Event
{
    enum Kind { Connack, Message, Acked, Failed, Subacked, Unsubacked, Auth, MustClose, RequestLost };
    Kind kind = Connack;
    int mid = 0;
    ErrorCode error = ErrorCode::NoError;
    ReasonCode reasonCode = ReasonCode::Success;
    QList<ReasonCode> reasonCodes;
    QString why;
    MqttProperties properties;
    bool sessionPresent = false;
    PublishPacket message;
    QByteArray outputAtEvent; // what output() held when the event fired
};

QByteArray describe(const Event &e)
{
    auto codes = [](const QList<ReasonCode> &list) {
        QByteArrayList parts;
        for (ReasonCode rc : list)
            parts.append(QByteArray::number(quint8(rc), 16).rightJustified(2, '0'));
        return parts.join(',');
    };
    switch (e.kind) {
    case Event::Connack:
        return "connack sp=" + QByteArray::number(int(e.sessionPresent)) + " rc=" + hexByte(quint8(e.reasonCode));
    case Event::Message: {
        QByteArray d = "message " + e.message.topic + " qos=" + QByteArray::number(int(e.message.qos));
        if (e.message.retain)
            d += " retain";
        return d + " '" + e.message.payload + "'";
    }
    case Event::Acked:
        return "acked mid=" + QByteArray::number(e.mid) + " rc=" + hexByte(quint8(e.reasonCode));
    case Event::Failed:
        return "failed mid=" + QByteArray::number(e.mid) + " " + errorName(e.error);
    case Event::Subacked:
        return "subacked mid=" + QByteArray::number(e.mid) + " rc=" + codes(e.reasonCodes);
    case Event::Unsubacked:
        return "unsubacked mid=" + QByteArray::number(e.mid) + " rc=" + codes(e.reasonCodes);
    case Event::Auth:
        return "auth rc=" + hexByte(quint8(e.reasonCode));
    case Event::MustClose:
        return "close " + errorName(e.error) + " rc=" + hexByte(quint8(e.reasonCode));
    case Event::RequestLost:
        return "lost mid=" + QByteArray::number(e.mid) + (e.sessionPresent ? " subscribe" : " unsubscribe");
    }
    return "?";
}

// Records every event in order, with a snapshot of the session's output at that moment
// (to prove an acknowledgement was written before the message was handed on). react, if
// set, runs after recording: the reentrancy tests call back into the session from it.
class Recorder : public Observer
{
public:
    Session *session = nullptr;
    std::vector<Event> events;
    QStringList logs;
    std::function<void(const Event &)> react;

    void connackReceived(const MqttCodec::ConnackPacket &c) override
    {
        Event e;
        e.kind = Event::Connack;
        e.sessionPresent = c.sessionPresent;
        e.reasonCode = c.reasonCode;
        e.properties = c.properties;
        record(std::move(e));
    }
    void messageReceived(PublishPacket &&message) override
    {
        Event e;
        e.kind = Event::Message;
        e.message = std::move(message);
        record(std::move(e));
    }
    void publishAcknowledged(int mid, ReasonCode rc, const MqttProperties &properties) override
    {
        Event e;
        e.kind = Event::Acked;
        e.mid = mid;
        e.reasonCode = rc;
        e.properties = properties;
        record(std::move(e));
    }
    void publishFailed(int mid, ErrorCode error, const QString &why) override
    {
        Event e;
        e.kind = Event::Failed;
        e.mid = mid;
        e.error = error;
        e.why = why;
        record(std::move(e));
    }
    void subscribeAcknowledged(int mid, const QList<ReasonCode> &rcs, const MqttProperties &properties) override
    {
        Event e;
        e.kind = Event::Subacked;
        e.mid = mid;
        e.reasonCodes = rcs;
        e.properties = properties;
        record(std::move(e));
    }
    void unsubscribeAcknowledged(int mid, const QList<ReasonCode> &rcs, const MqttProperties &properties) override
    {
        Event e;
        e.kind = Event::Unsubacked;
        e.mid = mid;
        e.reasonCodes = rcs;
        e.properties = properties;
        record(std::move(e));
    }
    void authReceived(const MqttCodec::AuthPacket &auth) override
    {
        Event e;
        e.kind = Event::Auth;
        e.reasonCode = auth.reasonCode;
        e.properties = auth.properties;
        record(std::move(e));
    }
    void connectionMustClose(ErrorCode error, ReasonCode rc, const QString &why, const MqttProperties &properties) override
    {
        Event e;
        e.kind = Event::MustClose;
        e.error = error;
        e.reasonCode = rc;
        e.why = why;
        e.properties = properties;
        record(std::move(e));
    }
    void log(Mqtt::LogLevel, const QString &text) override { logs.append(text); }
    void requestLost(int mid, bool subscribe) override
    {
        Event e;
        e.kind = Event::RequestLost;
        e.mid = mid;
        e.sessionPresent = subscribe; // reused: which kind of request
        record(std::move(e));
    }

private:
    void record(Event &&e)
    {
        if (session)
            e.outputAtEvent = session->output();
        events.push_back(std::move(e));
        if (react) {
            const Event copy = events.back(); // react may record more events
            react(copy);
        }
    }
};

// One client session and the broker's side of the conversation.
struct Harness
{
    explicit Harness(ProtocolVersion v = V311)
    {
        rec.session = &session;
        session.config().version = v;
        session.config().clientId = QStringLiteral("c1");
    }
    Harness(const Harness &) = delete;
    Harness &operator=(const Harness &) = delete;

    Recorder rec;
    Session session{ &rec };

    ProtocolVersion version() const { return session.config().version; }

    // Takes what the client wrote since the last call.
    QByteArray take() { return std::exchange(session.output(), QByteArray()); }
    QByteArray takeHex() { return take().toHex(' '); }

    // The broker sends bytes at time now.
    void receive(const QByteArray &bytes, qint64 now)
    {
        session.decoder().append(bytes);
        session.bytesReceived(bytes.constData(), bytes.size(), now);
        session.processIncoming(now);
    }

    // Opens the connection, drops the CONNECT (checked elsewhere) and accepts it.
    void connect(qint64 now = 0, bool sessionPresent = false)
    {
        connectWith(connackOk(version(), sessionPresent), now);
    }
    void connectWith(const QByteArray &connack, qint64 now = 0)
    {
        session.connectionOpened(now);
        take();
        receive(connack, now);
    }
    void reconnect(bool sessionPresent, qint64 now = 0)
    {
        session.connectionClosed();
        connect(now, sessionPresent);
    }

    Result publish(const QByteArray &topic, const QByteArray &payload, QoS qos, qint64 now = 0,
                   bool retain = false, const MqttProperties &properties = {},
                   MqttMessageInfoState *info = nullptr)
    {
        PublishRequest r;
        r.topic = topic;
        r.payload = payload;
        r.qos = qos;
        r.retain = retain;
        r.properties = properties;
        return session.publish(std::move(r), now, info);
    }

    QByteArrayList transcript() const
    {
        QByteArrayList out;
        for (const auto &e : rec.events)
            out.append(describe(e));
        return out;
    }
    std::vector<Event> eventsOf(Event::Kind kind) const
    {
        std::vector<Event> out;
        for (const auto &e : rec.events) {
            if (e.kind == kind)
                out.push_back(e);
        }
        return out;
    }
    void clearEvents() { rec.events.clear(); }
};

// Plays a protocol transcript, one line per step:
//   "client <hex>"  the client has written exactly these bytes since the last step
//   "broker <hex>"  the broker sends these bytes (the client must have written nothing
//                   unread before: every client packet is accounted for)
//   "at <ms>"       the clock moves to <ms> and the session's timer runs (tick)
// Returns with a test failure at the first step that does not match.
void play(Harness &h, const QByteArrayList &script, qint64 now = 0)
{
    int step = 0;
    for (const QByteArray &line : script) {
        ++step;
        const qsizetype space = line.indexOf(' ');
        const QByteArray verb = space < 0 ? line : line.left(space);
        const QByteArray arg = space < 0 ? QByteArray() : line.mid(space + 1);
        if (verb == "client") {
            const QByteArray wrote = h.takeHex();
            const QByteArray expected = hex(arg).toHex(' ');
            QVERIFY2(wrote == expected,
                     qPrintable(QStringLiteral("step %1 \"%2\": the client wrote [%3]")
                                        .arg(step)
                                        .arg(QString::fromLatin1(line), QString::fromLatin1(wrote))));
        } else if (verb == "broker") {
            const QByteArray unread = h.takeHex();
            QVERIFY2(unread.isEmpty(),
                     qPrintable(QStringLiteral("step %1 \"%2\": the client had also written [%3]")
                                        .arg(step)
                                        .arg(QString::fromLatin1(line), QString::fromLatin1(unread))));
            h.receive(hex(arg), now);
        } else if (verb == "at") {
            now = arg.toLongLong();
            h.session.tick(now);
        } else {
            QFAIL(qPrintable(QStringLiteral("test bug: bad step \"%1\"").arg(QString::fromLatin1(line))));
        }
    }
    const QByteArray rest = h.takeHex();
    QVERIFY2(rest.isEmpty(), qPrintable(QStringLiteral("after the transcript the client also wrote [%1]")
                                                .arg(QString::fromLatin1(rest))));
}

#define PLAY(h, ...)                                                                                \
    do {                                                                                           \
        play(h, __VA_ARGS__);                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

// The client wrote exactly these bytes (given as hex text, or as bytes) since the last take.
#define QCOMPARE_OUTPUT(h, expectedHex) QCOMPARE((h).takeHex(), hex(expectedHex).toHex(' '))
#define QCOMPARE_WRITTEN(h, expectedBytes) QCOMPARE((h).takeHex(), QByteArray(expectedBytes).toHex(' '))

// The QoS 1 PUBLISH "t" with a one-byte payload and the given id, as MQTT 3.x writes it.
QByteArray pub311(quint16 id, char payload, bool dup = false, QoS qos = QoS::AtLeastOnce)
{
    QByteArray p;
    p.append(char(0x30 | (dup ? 0x08 : 0) | (quint8(qos) << 1)));
    p.append(hex("06 00 01 74"));
    p.append(char(id >> 8));
    p.append(char(id & 0xff));
    p.append(payload);
    return p;
}

} // namespace

class tst_Session : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // CONNECT
    void connectIsByteExact_data();
    void connectIsByteExact();
    void passwordWithoutUserNameIsRefusedBeforeMqtt5_data();
    void passwordWithoutUserNameIsRefusedBeforeMqtt5();

    // outgoing PUBLISH
    void outgoingFlowIsByteExact_data();
    void outgoingFlowIsByteExact();
    void packetIdsWrapToOneAndSkipIdsInUse_data();
    void packetIdsWrapToOneAndSkipIdsInUse();
    void exhaustedPacketIdsQueueMessagesAndRefuseSubscribe();
    void inflightWindowLimitsWrittenPublishes_data();
    void inflightWindowLimitsWrittenPublishes();
    void maxQueuedRefusesTheNextMessage_data();
    void maxQueuedRefusesTheNextMessage();
    void qos0WithoutConnectionIsRefused_data();
    void qos0WithoutConnectionIsRefused();
    void qos12WithoutConnectionAreSentAfterConnackInOrder();
    void invalidPublishIsRefusedAndWritesNothing_data();
    void invalidPublishIsRefusedAndWritesNothing();

    // incoming PUBLISH
    void incomingQos01IsAcknowledgedBeforeDelivery_data();
    void incomingQos01IsAcknowledgedBeforeDelivery();
    void incomingQos2IsDeliveredOnceOnPubrel_data();
    void incomingQos2IsDeliveredOnceOnPubrel();

    // reconnecting
    void reconnectWithSessionResendsInOriginalOrder_data();
    void reconnectWithSessionResendsInOriginalOrder();
    void reconnectWithSessionKeepsTheWindow();
    void reconnectWithSessionKeepsIncomingQos2();
    void reconnectWithoutSessionRepublishes_data();
    void reconnectWithoutSessionRepublishes();
    void reconnectWithoutSessionAndRepublishOffFailsEachUnreceivedMessage_data();
    void reconnectWithoutSessionAndRepublishOffFailsEachUnreceivedMessage();
    void reconnectWithSessionRespectsASmallerReceiveMaximum();
    void sessionPresentWithCleanStartClosesTheConnection_data();
    void sessionPresentWithCleanStartClosesTheConnection();

    // timers
    void keepAlivePingsOnlyWhenIdle_data();
    void keepAlivePingsOnlyWhenIdle();
    void pingrespClearsTheKeepAliveTimeout();
    void serverKeepAliveOverridesTheConfiguredOne_data();
    void serverKeepAliveOverridesTheConfiguredOne();
    void connackTimeoutClosesTheConnection_data();
    void connackTimeoutClosesTheConnection();
    void messageRetryResendsInMqtt3_data();
    void messageRetryResendsInMqtt3();
    void messageRetryNeverResendsInMqtt5();

    // broker faults
    void malformedPacketClosesTheConnection_data();
    void malformedPacketClosesTheConnection();
    void unexpectedPacketClosesTheConnection_data();
    void unexpectedPacketClosesTheConnection();
    void incomingPacketAboveOurMaximumPacketSizeCloses();
    void refusedConnackClosesTheConnection_data();
    void refusedConnackClosesTheConnection();
    void serverDisconnectReportsReasonCodeAndString();
    void mutatedBrokerStreamsNeverCorruptTheSession_data();
    void mutatedBrokerStreamsNeverCorruptTheSession();
    void authWithoutAuthenticationMethodIsAProtocolError_data();
    void authWithoutAuthenticationMethodIsAProtocolError();
    void authWithAuthenticationMethodReachesTheApplication();
    void ourReceiveMaximumIsEnforcedOnInboundQos2();
    void ackWithWrongReasonCodeCountIsAProtocolError_data();
    void ackWithWrongReasonCodeCountIsAProtocolError();
    void nonMqttPeerIsReportedAtItsFirstByte_data();
    void nonMqttPeerIsReportedAtItsFirstByte();
    void bytesArrivingKeepABusyLinkAlive();
    void outboundTopicAliasSendsTheTopicOncePerConnection();
    void outboundTopicAliasAboveTheBrokersMaximumIsRefused();
    void brokerRedeliveryOfACompletedQos2MessageIsNotDeliveredTwice();

    // MQTT 5 server limits
    void serverLimitsRefusePublish_data();
    void serverLimitsRefusePublish();
    void maximumPacketSizeRefusalNamesBothSizes();
    void queuedMessagesViolatingServerLimitsFail();

    // MQTT 5 inbound topic aliases
    void inboundTopicAliasResolvesTheTopic();
    void invalidInboundTopicAliasClosesTheConnection_data();
    void invalidInboundTopicAliasClosesTheConnection();

    // SUBSCRIBE / UNSUBSCRIBE
    void subscribeIsByteExact_data();
    void subscribeIsByteExact();
    void unsubscribeIsByteExact_data();
    void unsubscribeIsByteExact();
    void invalidSubscribeIsRefused_data();
    void invalidSubscribeIsRefused();
    void invalidUnsubscribeIsRefused_data();
    void invalidUnsubscribeIsRefused();
    void subscribeAboveMaximumPacketSizeIsRefused();

    // DISCONNECT and reset
    void disconnectIsByteExact_data();
    void disconnectIsByteExact();
    void nothingIsWrittenAfterDisconnect_data();
    void nothingIsWrittenAfterDisconnect();
    void connectionOpenedStartsFreshAfterDisconnect();
    void resetFailsPendingMessagesAndClearsState();

    // reentrancy
    void publishFromAckHandlerDuringResend();
    void publishFromMessageHandlerFollowsTheAck_data();
    void publishFromMessageHandlerFollowsTheAck();
    void publishFromFailedHandlerAfterCleanReconnect();
    void publishFromConnackHandlerIsSentOnceAfterResends_data();
    void publishFromConnackHandlerIsSentOnceAfterResends();
    void subscribeFromConnackHandlerGoesBeforeTheOfflineQueue();
    void publishFromFailedHandlerDuringResetKeepsMidsUnique();
    void publishFromFailedHandlerDuringQueuePump();

    // MqttMessageInfo
    void messageInfoCompletesOnAcknowledgement_data();
    void messageInfoCompletesOnAcknowledgement();
    void messageInfoFailsOnRefusingAck_data();
    void messageInfoFailsOnRefusingAck();
    void abandonCompletesPendingInfosWithoutEvents();
    void largePayloadIsAnUncopiedOutputSegment();
    void messageInfoReportsFailure_data();
    void messageInfoReportsFailure();
};

// ---- CONNECT -------------------------------------------------------------------------

void tst_Session::connectIsByteExact_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("cleanSession");
    QTest::addColumn<int>("keepAlive");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("username");     // null: none
    QTest::addColumn<QByteArray>("password");  // null: none
    QTest::addColumn<QString>("willTopic");    // null: no will
    QTest::addColumn<int>("willQos");
    QTest::addColumn<bool>("willRetain");
    QTest::addColumn<MqttProperties>("connectProperties");
    QTest::addColumn<MqttProperties>("willProperties");
    QTest::addColumn<QByteArray>("expected");

    const QString none;
    const QString c1 = QStringLiteral("c1");
    const QString u = QStringLiteral("u");
    const QByteArray nopw;

    // 3.1.1: "MQTT", level 4 [MQTT-3.1.2-1], [MQTT-3.1.2-2]
    QTest::newRow("3.1.1 clean session, keepalive 60")
            << V311 << true << 60 << c1 << none << nopw << none << 0 << false << MqttProperties() << MqttProperties()
            << QByteArray("10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31");
    QTest::newRow("3.1.1 persistent session, keepalive 0")
            << V311 << false << 0 << QStringLiteral("dev-7") << none << nopw << none << 0 << false << MqttProperties()
            << MqttProperties() << QByteArray("10 11 00 04 4d 51 54 54 04 00 00 00 00 05 64 65 76 2d 37");
    QTest::newRow("3.1.1 keepalive 65535, empty client id")
            << V311 << true << 65535 << QString() << none << nopw << none << 0 << false << MqttProperties()
            << MqttProperties() << QByteArray("10 0c 00 04 4d 51 54 54 04 02 ff ff 00 00");
    QTest::newRow("3.1.1 user name and password")
            << V311 << true << 60 << c1 << u << QByteArray("p") << none << 0 << false << MqttProperties()
            << MqttProperties() << QByteArray("10 14 00 04 4d 51 54 54 04 c2 00 3c 00 02 63 31 00 01 75 00 01 70");
    QTest::newRow("3.1.1 binary password")
            << V311 << true << 60 << c1 << QStringLiteral("user") << QByteArray("\x00\xff\x80\x0a", 4) << none << 0
            << false << MqttProperties() << MqttProperties()
            << QByteArray("10 1a 00 04 4d 51 54 54 04 c2 00 3c 00 02 63 31 00 04 75 73 65 72 00 04 00 ff 80 0a");
    QTest::newRow("3.1.1 user name only")
            << V311 << true << 60 << c1 << u << nopw << none << 0 << false << MqttProperties() << MqttProperties()
            << QByteArray("10 11 00 04 4d 51 54 54 04 82 00 3c 00 02 63 31 00 01 75");
    QTest::newRow("3.1.1 will QoS 1 retained")
            << V311 << true << 60 << c1 << none << nopw << QStringLiteral("w/t") << 1 << true << MqttProperties()
            << MqttProperties()
            << QByteArray("10 18 00 04 4d 51 54 54 04 2e 00 3c 00 02 63 31 00 03 77 2f 74 00 03 62 79 65");
    QTest::newRow("3.1.1 will QoS 2 with credentials")
            << V311 << true << 60 << c1 << u << QByteArray("p") << QStringLiteral("w") << 2 << false
            << MqttProperties() << MqttProperties()
            << QByteArray("10 1c 00 04 4d 51 54 54 04 d6 00 3c 00 02 63 31 00 01 77 00 03 62 79 65 00 01 75 00 01 70");

    // 3.1: "MQIsdp", level 3
    QTest::newRow("3.1 clean session")
            << V31 << true << 60 << c1 << none << nopw << none << 0 << false << MqttProperties() << MqttProperties()
            << QByteArray("10 10 00 06 4d 51 49 73 64 70 03 02 00 3c 00 02 63 31");
    QTest::newRow("3.1 will and credentials")
            << V31 << true << 60 << c1 << u << QByteArray("p") << QStringLiteral("w") << 0 << false
            << MqttProperties() << MqttProperties()
            << QByteArray("10 1e 00 06 4d 51 49 73 64 70 03 c6 00 3c 00 02 63 31 00 01 77 00 03 62 79 65 00 01 75 00 01 70");

    // 5.0: level 5 and a property block after the keepalive [MQTT-3.1.2-1]
    QTest::newRow("5.0 no properties")
            << V5 << true << 60 << c1 << none << nopw << none << 0 << false << MqttProperties() << MqttProperties()
            << QByteArray("10 0f 00 04 4d 51 54 54 05 02 00 3c 00 00 02 63 31");
    QTest::newRow("5.0 clean start 0, password without user name")
            << V5 << false << 10 << c1 << none << QByteArray("p") << none << 0 << false << MqttProperties()
            << MqttProperties() << QByteArray("10 12 00 04 4d 51 54 54 05 40 00 0a 00 00 02 63 31 00 01 70");

    MqttProperties connectProps = integers({ { PropertyId::SessionExpiryInterval, 3600 },
                                             { PropertyId::ReceiveMaximum, 10 },
                                             { PropertyId::TopicAliasMaximum, 5 } });
    connectProps.addUserProperty(QStringLiteral("k"), QStringLiteral("v"));
    MqttProperties willProps = integers({ { PropertyId::WillDelayInterval, 30 },
                                          { PropertyId::PayloadFormatIndicator, 1 } });
    willProps.setString(PropertyId::ContentType, QStringLiteral("t"));
    QTest::newRow("5.0 connect and will properties, binary password")
            << V5 << true << 60 << c1 << u << QByteArray("\x00\xff", 2) << QStringLiteral("w") << 1 << false
            << connectProps << willProps
            << QByteArray("10 3c 00 04 4d 51 54 54 05 ce 00 3c"
                          " 12 11 00 00 0e 10 21 00 0a 22 00 05 26 00 01 6b 00 01 76" // connect properties
                          " 00 02 63 31"                                              // client id
                          " 0b 18 00 00 00 1e 01 01 03 00 01 74"                      // will properties
                          " 00 01 77 00 03 62 79 65"                                  // will topic, payload
                          " 00 01 75 00 02 00 ff");                                   // user name, password
}

void tst_Session::connectIsByteExact()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, cleanSession);
    QFETCH(int, keepAlive);
    QFETCH(QString, clientId);
    QFETCH(QString, username);
    QFETCH(QByteArray, password);
    QFETCH(QString, willTopic);
    QFETCH(int, willQos);
    QFETCH(bool, willRetain);
    QFETCH(MqttProperties, connectProperties);
    QFETCH(MqttProperties, willProperties);
    QFETCH(QByteArray, expected);

    Harness h(version);
    Config &c = h.session.config();
    c.cleanSession = cleanSession;
    c.keepAlive = quint16(keepAlive);
    c.clientId = clientId;
    if (!username.isNull())
        c.username = username;
    if (!password.isNull())
        c.password = password;
    if (!willTopic.isNull()) {
        MqttCodec::WillMessage w;
        w.topic = willTopic;
        w.payload = "bye";
        w.qos = QoS(willQos);
        w.retain = willRetain;
        w.properties = willProperties;
        c.will = w;
    }
    c.connectProperties = connectProperties;

    h.session.connectionOpened(1000);
    QCOMPARE_OUTPUT(h, expected);
    QCOMPARE(h.session.state(), State::AwaitConnack);
    QVERIFY(h.rec.events.empty());
}

void tst_Session::passwordWithoutUserNameIsRefusedBeforeMqtt5_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1") << V31;
    QTest::newRow("3.1.1") << V311;
}

void tst_Session::passwordWithoutUserNameIsRefusedBeforeMqtt5()
{
    // [MQTT-3.1.2-22] if the User Name Flag is 0, the Password Flag MUST be 0
    QFETCH(ProtocolVersion, version);
    Harness h(version);
    h.session.config().password = QByteArray("p");
    h.session.connectionOpened(0);
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.transcript(), QByteArrayList{ "close Invalid rc=0x80" });
    QCOMPARE(h.session.state(), State::Failed);
}

// ---- outgoing PUBLISH ----------------------------------------------------------------

void tst_Session::outgoingFlowIsByteExact_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<bool>("retain");
    QTest::addColumn<QByteArrayList>("script");
    QTest::addColumn<QByteArrayList>("events");

    // topic "a/b", payload "hi"; the first packet id is 1
    const QByteArrayList none;
    QTest::newRow("3.1.1 QoS 0") << V311 << QoS::AtMostOnce << false
                                 << QByteArrayList{ "client 30 07 00 03 61 2f 62 68 69" } << none;
    QTest::newRow("3.1.1 QoS 0 retained") << V311 << QoS::AtMostOnce << true
                                          << QByteArrayList{ "client 31 07 00 03 61 2f 62 68 69" } << none;
    QTest::newRow("3.1.1 QoS 1") << V311 << QoS::AtLeastOnce << false
                                 << QByteArrayList{ "client 32 09 00 03 61 2f 62 00 01 68 69",
                                                    "broker 40 02 00 01" }
                                 << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("3.1.1 QoS 1 retained") << V311 << QoS::AtLeastOnce << true
                                          << QByteArrayList{ "client 33 09 00 03 61 2f 62 00 01 68 69",
                                                             "broker 40 02 00 01" }
                                          << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("3.1.1 QoS 2") << V311 << QoS::ExactlyOnce << false
                                 << QByteArrayList{ "client 34 09 00 03 61 2f 62 00 01 68 69",
                                                    "broker 50 02 00 01", "client 62 02 00 01",
                                                    "broker 70 02 00 01" }
                                 << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("3.1.1 QoS 2 with a repeated PUBREC")
            << V311 << QoS::ExactlyOnce << false
            << QByteArrayList{ "client 34 09 00 03 61 2f 62 00 01 68 69", "broker 50 02 00 01",
                               "client 62 02 00 01", "broker 50 02 00 01", "client 62 02 00 01",
                               "broker 70 02 00 01" }
            << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("3.1.1 QoS 1 ignores PUBREC and PUBCOMP")
            << V311 << QoS::AtLeastOnce << false
            << QByteArrayList{ "client 32 09 00 03 61 2f 62 00 01 68 69", "broker 50 02 00 01",
                               "broker 70 02 00 01", "broker 40 02 00 01" }
            << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("3.1.1 QoS 2 ignores PUBACK")
            << V311 << QoS::ExactlyOnce << false
            << QByteArrayList{ "client 34 09 00 03 61 2f 62 00 01 68 69", "broker 40 02 00 01",
                               "broker 50 02 00 01", "client 62 02 00 01", "broker 70 02 00 01" }
            << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("3.1 QoS 1") << V31 << QoS::AtLeastOnce << false
                               << QByteArrayList{ "client 32 09 00 03 61 2f 62 00 01 68 69",
                                                  "broker 40 02 00 01" }
                               << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("3.1 QoS 2") << V31 << QoS::ExactlyOnce << false
                               << QByteArrayList{ "client 34 09 00 03 61 2f 62 00 01 68 69",
                                                  "broker 50 02 00 01", "client 62 02 00 01",
                                                  "broker 70 02 00 01" }
                               << QByteArrayList{ "acked mid=1 rc=0x00" };
    // 5.0: an empty property block after the packet id
    QTest::newRow("5.0 QoS 0") << V5 << QoS::AtMostOnce << false
                               << QByteArrayList{ "client 30 08 00 03 61 2f 62 00 68 69" } << none;
    QTest::newRow("5.0 QoS 1") << V5 << QoS::AtLeastOnce << false
                               << QByteArrayList{ "client 32 0a 00 03 61 2f 62 00 01 00 68 69",
                                                  "broker 40 02 00 01" }
                               << QByteArrayList{ "acked mid=1 rc=0x00" };
    QTest::newRow("5.0 QoS 1, PUBACK No matching subscribers")
            << V5 << QoS::AtLeastOnce << false
            << QByteArrayList{ "client 32 0a 00 03 61 2f 62 00 01 00 68 69", "broker 40 03 00 01 10" }
            << QByteArrayList{ "acked mid=1 rc=0x10" };
    QTest::newRow("5.0 QoS 1, PUBACK Not authorized")
            << V5 << QoS::AtLeastOnce << false
            << QByteArrayList{ "client 32 0a 00 03 61 2f 62 00 01 00 68 69", "broker 40 04 00 01 87 00" }
            << QByteArrayList{ "failed mid=1 AclDenied" }; // a refusal is a failure, never "published"
    QTest::newRow("5.0 QoS 2") << V5 << QoS::ExactlyOnce << false
                               << QByteArrayList{ "client 34 0a 00 03 61 2f 62 00 01 00 68 69",
                                                  "broker 50 02 00 01", "client 62 02 00 01",
                                                  "broker 70 02 00 01" }
                               << QByteArrayList{ "acked mid=1 rc=0x00" };
    // 5.0 4.3.3: a PUBREC with a Reason Code of 0x80 or more ends the flow: no PUBREL
    QTest::newRow("5.0 QoS 2, failing PUBREC ends the flow")
            << V5 << QoS::ExactlyOnce << false
            << QByteArrayList{ "client 34 0a 00 03 61 2f 62 00 01 00 68 69", "broker 50 03 00 01 97" }
            << QByteArrayList{ "failed mid=1 QueueSize" };
    // ... also for an unknown packet id: a failing PUBREC gets no PUBREL
    QTest::newRow("5.0 QoS 2, failing PUBREC for an unknown id gets no PUBREL")
            << V5 << QoS::ExactlyOnce << false
            << QByteArrayList{ "client 34 0a 00 03 61 2f 62 00 01 00 68 69", "broker 50 03 00 07 80",
                               "broker 50 02 00 01", "client 62 02 00 01", "broker 70 02 00 01" }
            << QByteArrayList{ "acked mid=1 rc=0x00" };
    // 3.1.1 4.3.3: an unknown PUBREC is answered with PUBREL, so the broker's flow ends
    QTest::newRow("3.1.1 QoS 2, PUBREC for an unknown id")
            << V311 << QoS::ExactlyOnce << false
            << QByteArrayList{ "client 34 09 00 03 61 2f 62 00 01 68 69", "broker 50 02 00 07",
                               "client 62 02 00 07", "broker 50 02 00 01", "client 62 02 00 01",
                               "broker 70 02 00 01" }
            << QByteArrayList{ "acked mid=1 rc=0x00" };
    // an unknown PUBREC is answered with PUBREL 0x92 (Packet Identifier not found)
    QTest::newRow("5.0 QoS 2, PUBREC for an unknown id")
            << V5 << QoS::ExactlyOnce << false
            << QByteArrayList{ "client 34 0a 00 03 61 2f 62 00 01 00 68 69", "broker 50 02 00 07",
                               "client 62 03 00 07 92", "broker 50 02 00 01", "client 62 02 00 01",
                               "broker 70 02 00 01" }
            << QByteArrayList{ "acked mid=1 rc=0x00" };
}

void tst_Session::outgoingFlowIsByteExact()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(bool, retain);
    QFETCH(QByteArrayList, script);
    QFETCH(QByteArrayList, events);

    Harness h(version);
    h.connect();
    h.clearEvents();
    const Result r = h.publish("a/b", "hi", qos, 0, retain);
    QCOMPARE(r.rc, ErrorCode::NoError);
    QCOMPARE(r.mid, 1);
    PLAY(h, script);
    QCOMPARE(h.transcript(), events);
    QCOMPARE(h.session.inflightCount(), 0);
    QCOMPARE(h.session.queuedCount(), 0);
    QCOMPARE(h.session.state(), State::Connected);
}

void tst_Session::packetIdsWrapToOneAndSkipIdsInUse_data()
{
    QTest::addColumn<bool>("holdFirst");
    QTest::addColumn<int>("idAfterWrap");
    // 3.1.1 [MQTT-2.3.1-1], [MQTT-2.3.1-2]: a packet id is non-zero and not in use
    QTest::newRow("id 1 freed: reused after 65535") << false << 1;
    QTest::newRow("id 1 still in use: skipped") << true << 2;
}

void tst_Session::packetIdsWrapToOneAndSkipIdsInUse()
{
    QFETCH(bool, holdFirst);
    QFETCH(int, idAfterWrap);

    Harness h;
    h.session.config().maxInflight = 0;
    h.connect();
    for (int id = 1; id <= 65535; ++id) {
        QCOMPARE(h.publish("t", "x", QoS::AtLeastOnce).rc, ErrorCode::NoError);
        const QByteArray expected = pub311(quint16(id), 'x');
        const QByteArray wrote = h.take();
        if (wrote != expected)
            QCOMPARE(wrote.toHex(' '), expected.toHex(' '));
        if (!(holdFirst && id == 1)) {
            QByteArray ack = hex("40 02");
            ack.append(char(id >> 8));
            ack.append(char(id & 0xff));
            h.receive(ack, 0);
        }
    }
    QCOMPARE(h.session.inflightCount(), holdFirst ? 1 : 0);

    // never 0 after 65535
    QCOMPARE(h.publish("t", "y", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    QCOMPARE_WRITTEN(h, pub311(quint16(idAfterWrap), 'y'));
    // SUBSCRIBE draws from the same identifiers
    const Result s = h.session.subscribe({ Subscription{ QStringLiteral("s"), QoS::AtMostOnce } }, {}, 0);
    QCOMPARE(s.rc, ErrorCode::NoError);
    QByteArray sub = hex("82 06 00");
    sub.append(char(idAfterWrap + 1));
    sub.append(hex("00 01 73 00"));
    QCOMPARE_WRITTEN(h, sub);
    // and the next PUBLISH skips the id the SUBSCRIBE holds
    QCOMPARE(h.publish("t", "z", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    QCOMPARE_WRITTEN(h, pub311(quint16(idAfterWrap + 2), 'z'));
}

void tst_Session::exhaustedPacketIdsQueueMessagesAndRefuseSubscribe()
{
    Harness h;
    h.session.config().maxInflight = 0; // no limit of our own: only the 65,535 identifiers
    h.connect();
    for (int id = 1; id <= 65535; ++id)
        QCOMPARE(h.publish("t", "x", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    h.take();
    QCOMPARE(h.session.inflightCount(), 65535);

    // one more waits in the queue; nothing with id 0 is written
    QCOMPARE(h.publish("t", "w", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.session.queuedCount(), 1);

    const Result s = h.session.subscribe({ Subscription{ QStringLiteral("s"), QoS::AtMostOnce } }, {}, 0);
    QCOMPARE(s.rc, ErrorCode::QueueSize);
    QCOMPARE(s.mid, 0);
    QVERIFY(!s.why.isEmpty());
    QCOMPARE(h.session.unsubscribe({ QStringLiteral("s") }, {}, 0).rc, ErrorCode::QueueSize);
    QCOMPARE_OUTPUT(h, "");

    // freeing id 7 lets the waiting message go with id 7
    h.receive(hex("40 02 00 07"), 0);
    QCOMPARE_WRITTEN(h, pub311(7, 'w'));
    QCOMPARE(h.session.queuedCount(), 0);
}

void tst_Session::inflightWindowLimitsWrittenPublishes_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<int>("maxInflight");
    QTest::addColumn<QByteArray>("connack");
    QTest::addColumn<int>("window");

    QTest::newRow("3.1.1 maxInflight 1") << V311 << 1 << hex("20 02 00 00") << 1;
    QTest::newRow("3.1.1 maxInflight 3") << V311 << 3 << hex("20 02 00 00") << 3;
    QTest::newRow("5.0 maxInflight 3, no Receive Maximum") << V5 << 3 << hex("20 03 00 00 00") << 3;
    // [MQTT-3.3.4-7] no more unacknowledged QoS 1/2 PUBLISH than the server's Receive Maximum
    QTest::newRow("5.0 Receive Maximum 2 below maxInflight 20")
            << V5 << 20 << connack5(integers({ { PropertyId::ReceiveMaximum, 2 } })) << 2;
    QTest::newRow("5.0 maxInflight 3 below Receive Maximum 10")
            << V5 << 3 << connack5(integers({ { PropertyId::ReceiveMaximum, 10 } })) << 3;
    QTest::newRow("5.0 no maxInflight, Receive Maximum 4")
            << V5 << 0 << connack5(integers({ { PropertyId::ReceiveMaximum, 4 } })) << 4;
    QTest::newRow("5.0 Receive Maximum 1")
            << V5 << 20 << connack5(integers({ { PropertyId::ReceiveMaximum, 1 } })) << 1;
}

void tst_Session::inflightWindowLimitsWrittenPublishes()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(int, maxInflight);
    QFETCH(QByteArray, connack);
    QFETCH(int, window);

    Harness h(version);
    h.session.config().maxInflight = maxInflight;
    h.connectWith(connack);
    const int waiting = 3;
    for (int i = 0; i < window + waiting; ++i)
        QCOMPARE(h.publish("t", QByteArray(1, char('A' + i)), i % 2 ? QoS::ExactlyOnce : QoS::AtLeastOnce).rc,
                 ErrorCode::NoError);

    auto publishesIn = [&](const QByteArray &bytes) {
        QList<PublishPacket> out;
        MqttCodec::StreamDecoder d;
        MqttCodec::DecodeOptions o;
        o.version = version;
        d.setOptions(o);
        d.append(bytes);
        for (;;) {
            MqttCodec::DecodeResult r = d.next();
            if (r.status != MqttCodec::DecodeStatus::Packet)
                break;
            if (auto *p = std::get_if<PublishPacket>(&r.packet))
                out.append(*p);
            else
                out.append(PublishPacket()); // anything else: the comparison below fails
        }
        return out;
    };

    // exactly `window` PUBLISH, in order, ids 1..window
    QList<PublishPacket> sent = publishesIn(h.take());
    QCOMPARE(sent.size(), window);
    for (int i = 0; i < window; ++i) {
        QCOMPARE(sent[i].payload, QByteArray(1, char('A' + i)));
        QCOMPARE(int(sent[i].packetId), i + 1);
        QVERIFY(!sent[i].dup);
    }
    QCOMPARE(h.session.inflightCount(), window);
    QCOMPARE(h.session.queuedCount(), waiting);

    // each completed flow lets exactly the next waiting message out; a PUBREC does not
    for (int k = 0; k < waiting; ++k) {
        const int id = k + 1; // the oldest in flight
        const bool qos2 = k % 2 == 1;
        QByteArray idBytes;
        idBytes.append(char(0));
        idBytes.append(char(id));
        if (qos2) {
            h.receive(hex("50 02") + idBytes, 0);
            QCOMPARE(h.takeHex(), QByteArray(hex("62 02") + idBytes).toHex(' '));
            h.receive(hex("70 02") + idBytes, 0);
        } else {
            h.receive(hex("40 02") + idBytes, 0);
        }
        sent = publishesIn(h.take());
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].payload, QByteArray(1, char('A' + window + k)));
        QCOMPARE(h.session.inflightCount(), window);
    }
    QCOMPARE(h.session.queuedCount(), 0);
}

void tst_Session::maxQueuedRefusesTheNextMessage_data()
{
    QTest::addColumn<bool>("connected");
    QTest::newRow("connected, window of 1") << true;
    QTest::newRow("disconnected") << false;
}

void tst_Session::maxQueuedRefusesTheNextMessage()
{
    QFETCH(bool, connected);
    Harness h;
    h.session.config().maxInflight = 1;
    h.session.config().maxQueued = 3;
    if (connected)
        h.connect();
    h.clearEvents();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(h.publish("t", "x", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    h.take();

    const Result r = h.publish("t", "y", QoS::AtLeastOnce);
    QCOMPARE(r.rc, ErrorCode::QueueSize);
    QCOMPARE(r.mid, 0);
    QVERIFY(!r.why.isEmpty());
    QCOMPARE(h.publish("t", "y", QoS::ExactlyOnce).rc, ErrorCode::QueueSize);
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.session.inflightCount() + h.session.queuedCount(), 3);
    QVERIFY(h.rec.events.empty());

    if (connected) {
        // QoS 0 is never queued, so the limit does not apply
        QCOMPARE(h.publish("t", "z", QoS::AtMostOnce).rc, ErrorCode::NoError);
        QCOMPARE_OUTPUT(h, "30 04 00 01 74 7a");
        // a completed flow makes room again
        h.receive(hex("40 02 00 01"), 0);
        QCOMPARE_WRITTEN(h, pub311(2, 'x'));
        QCOMPARE(h.publish("t", "y", QoS::AtLeastOnce).rc, ErrorCode::NoError);
        QCOMPARE_OUTPUT(h, "");
    }
}

void tst_Session::qos0WithoutConnectionIsRefused_data()
{
    QTest::addColumn<int>("stage");
    QTest::newRow("never connected") << 0;
    QTest::newRow("CONNECT written, no CONNACK yet") << 1;
    QTest::newRow("connection closed") << 2;
    QTest::newRow("after DISCONNECT") << 3;
}

void tst_Session::qos0WithoutConnectionIsRefused()
{
    QFETCH(int, stage);
    Harness h;
    if (stage == 1)
        h.session.connectionOpened(0);
    if (stage >= 2)
        h.connect();
    if (stage == 2)
        h.session.connectionClosed();
    if (stage == 3)
        h.session.disconnect(ReasonCode::NormalDisconnection, {}, 0);
    h.take();
    h.clearEvents();

    const Result r = h.publish("t", "x", QoS::AtMostOnce);
    QCOMPARE(r.rc, ErrorCode::NoConnection);
    QCOMPARE(r.mid, 0);
    QCOMPARE_OUTPUT(h, "");
    QVERIFY(h.rec.events.empty());
}

void tst_Session::qos12WithoutConnectionAreSentAfterConnackInOrder()
{
    Harness h;
    QCOMPARE(h.publish("t", "1", QoS::AtLeastOnce).mid, 1);
    QCOMPARE(h.publish("t", "2", QoS::ExactlyOnce).mid, 2);
    QCOMPARE(h.publish("t", "3", QoS::AtLeastOnce).mid, 3);
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.session.queuedCount(), 3);

    h.session.connectionOpened(0);
    // nothing but CONNECT before CONNACK
    QCOMPARE_OUTPUT(h, "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31");
    QCOMPARE(h.publish("t", "4", QoS::ExactlyOnce).mid, 4);
    QCOMPARE_OUTPUT(h, "");

    PLAY(h, { "broker 20 02 00 00",
              "client 32 06 00 01 74 00 01 31  34 06 00 01 74 00 02 32"
              "       32 06 00 01 74 00 03 33  34 06 00 01 74 00 04 34",
              "broker 40 02 00 01", "broker 50 02 00 02", "client 62 02 00 02", "broker 40 02 00 03",
              "broker 70 02 00 02", "broker 50 02 00 04", "client 62 02 00 04", "broker 70 02 00 04" });
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "acked mid=1 rc=0x00", "acked mid=3 rc=0x00",
                                              "acked mid=2 rc=0x00", "acked mid=4 rc=0x00" }));
}

void tst_Session::invalidPublishIsRefusedAndWritesNothing_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("topic");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<MqttProperties>("properties");

    const MqttProperties none;
    const MqttProperties expiry = integers({ { PropertyId::MessageExpiryInterval, 10 } });
    const MqttProperties alias = integers({ { PropertyId::TopicAlias, 1 } });
    const MqttProperties sessionExpiry = integers({ { PropertyId::SessionExpiryInterval, 10 } });
    const MqttProperties subscriptionId = integers({ { PropertyId::SubscriptionIdentifier, 3 } });
    for (QoS q : { QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce }) {
        const QByteArray suffix = " QoS " + QByteArray::number(int(q));
        auto row = [&](const char *name) -> QTestData & { return QTest::newRow(QByteArray(name + suffix).constData()); };
        // [MQTT-4.7.3-1] a topic name is at least one character
        row("empty topic") << V311 << QByteArray() << q << none;
        row("5.0 empty topic") << V5 << QByteArray() << q << none;
        // [MQTT-3.3.2-2] no wildcards in a topic name
        row("single-level wildcard") << V311 << QByteArray("a/+") << q << none;
        row("multi-level wildcard") << V311 << QByteArray("a/#") << q << none;
        row("wildcard alone") << V5 << QByteArray("#") << q << none;
        // [MQTT-4.7.3-2] no U+0000
        row("U+0000 in topic") << V311 << QByteArray("a\0b", 3) << q << none;
        // MQTT 3 has no properties
        row("properties with 3.1.1") << V311 << QByteArray("t") << q << expiry;
        row("properties with 3.1") << V31 << QByteArray("t") << q << expiry;
        // topic aliases are the session's business, never the caller's
        row("TopicAlias from the caller") << V5 << QByteArray("t") << q << alias;
        // a property not allowed in PUBLISH (5.0 2.2.2.2)
        row("Session Expiry Interval in PUBLISH") << V5 << QByteArray("t") << q << sessionExpiry;
        // [MQTT-3.3.4-6] a PUBLISH from a client must not carry a Subscription Identifier
        row("Subscription Identifier from the caller") << V5 << QByteArray("t") << q << subscriptionId;
    }
    QTest::newRow("QoS 3") << V311 << QByteArray("t") << QoS(3) << none;
    QTest::newRow("5.0 QoS 3") << V5 << QByteArray("t") << QoS(3) << none;
    QTest::newRow("QoS 255") << V311 << QByteArray("t") << QoS(255) << none;
}

void tst_Session::invalidPublishIsRefusedAndWritesNothing()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, topic);
    QFETCH(QoS, qos);
    QFETCH(MqttProperties, properties);

    Harness h(version);
    h.connect();
    h.clearEvents();
    const Result r = h.publish(topic, "x", qos, 0, false, properties);
    QCOMPARE(r.rc, ErrorCode::Invalid);
    QCOMPARE(r.mid, 0);
    QVERIFY(!r.why.isEmpty());
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.session.inflightCount(), 0);
    QCOMPARE(h.session.queuedCount(), 0);
    QVERIFY(h.rec.events.empty());
    // the refusal used no message id
    QCOMPARE(h.publish("t", "x", QoS::AtMostOnce).mid, 1);
}

// ---- incoming PUBLISH ----------------------------------------------------------------

void tst_Session::incomingQos01IsAcknowledgedBeforeDelivery_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("publish");
    QTest::addColumn<QByteArray>("ack");
    QTest::addColumn<QByteArray>("event");

    QTest::newRow("3.1.1 QoS 0") << V311 << hex("30 07 00 03 61 2f 62 68 69") << QByteArray()
                                 << QByteArray("message a/b qos=0 'hi'");
    QTest::newRow("3.1.1 QoS 0 retained") << V311 << hex("31 07 00 03 61 2f 62 68 69") << QByteArray()
                                          << QByteArray("message a/b qos=0 retain 'hi'");
    QTest::newRow("3.1.1 QoS 1") << V311 << hex("32 09 00 03 61 2f 62 00 07 68 69") << hex("40 02 00 07")
                                 << QByteArray("message a/b qos=1 'hi'");
    QTest::newRow("3.1.1 QoS 1 DUP") << V311 << hex("3a 09 00 03 61 2f 62 12 34 68 69") << hex("40 02 12 34")
                                     << QByteArray("message a/b qos=1 'hi'");
    QTest::newRow("3.1 QoS 1") << V31 << hex("32 09 00 03 61 2f 62 00 07 68 69") << hex("40 02 00 07")
                               << QByteArray("message a/b qos=1 'hi'");
    QTest::newRow("5.0 QoS 0") << V5 << hex("30 08 00 03 61 2f 62 00 68 69") << QByteArray()
                               << QByteArray("message a/b qos=0 'hi'");
    QTest::newRow("5.0 QoS 1") << V5 << hex("32 0a 00 03 61 2f 62 00 07 00 68 69") << hex("40 02 00 07")
                               << QByteArray("message a/b qos=1 'hi'");
}

void tst_Session::incomingQos01IsAcknowledgedBeforeDelivery()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, publish);
    QFETCH(QByteArray, ack);
    QFETCH(QByteArray, event);

    Harness h(version);
    h.connect();
    h.clearEvents();
    h.receive(publish, 0);
    QCOMPARE(h.transcript(), QByteArrayList{ event });
    // 3.1.1 [MQTT-4.3.2-2], 5.0 [MQTT-4.3.2-4]: the PUBACK was written before the message was handed on
    QCOMPARE(h.rec.events[0].outputAtEvent.toHex(' '), ack.toHex(' '));
    QCOMPARE(h.takeHex(), ack.toHex(' '));
}

void tst_Session::incomingQos2IsDeliveredOnceOnPubrel_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("publish");
    QTest::addColumn<QByteArray>("publishDup");
    QTest::addColumn<QByteArray>("pubcompForUnknown");

    QTest::newRow("3.1.1") << V311 << hex("34 09 00 03 61 2f 62 00 09 68 69") << hex("3c 09 00 03 61 2f 62 00 09 68 69")
                           << hex("70 02 00 09");
    QTest::newRow("3.1") << V31 << hex("34 09 00 03 61 2f 62 00 09 68 69") << hex("3c 09 00 03 61 2f 62 00 09 68 69")
                         << hex("70 02 00 09");
    // 5.0: a PUBREL for an id with no pending message gets PUBCOMP 0x92
    QTest::newRow("5.0") << V5 << hex("34 0a 00 03 61 2f 62 00 09 00 68 69")
                         << hex("3c 0a 00 03 61 2f 62 00 09 00 68 69") << hex("70 03 00 09 92");
}

void tst_Session::incomingQos2IsDeliveredOnceOnPubrel()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, publish);
    QFETCH(QByteArray, publishDup);
    QFETCH(QByteArray, pubcompForUnknown);

    Harness h(version);
    h.connect();
    h.clearEvents();

    // 4.3.3: PUBREC on PUBLISH; delivery waits for PUBREL
    h.receive(publish, 0);
    QCOMPARE_OUTPUT(h, "50 02 00 09");
    QVERIFY(h.rec.events.empty());
    QCOMPARE(h.session.pendingIncomingQos2Count(), 1);

    // the broker resends before PUBREL: PUBREC again, still no delivery
    h.receive(publishDup, 0);
    QCOMPARE_OUTPUT(h, "50 02 00 09");
    QVERIFY(h.rec.events.empty());
    QCOMPARE(h.session.pendingIncomingQos2Count(), 1);

    // PUBREL: PUBCOMP is written, then the message is delivered, once
    h.receive(hex("62 02 00 09"), 0);
    QCOMPARE(h.transcript(), QByteArrayList{ "message a/b qos=2 'hi'" });
    QCOMPARE(h.rec.events[0].outputAtEvent.toHex(' '), hex("70 02 00 09").toHex(' '));
    QCOMPARE_OUTPUT(h, "70 02 00 09");
    QCOMPARE(h.session.pendingIncomingQos2Count(), 0);

    // a repeated PUBREL is completed again without a second delivery
    h.receive(hex("62 02 00 09"), 0);
    QCOMPARE(h.takeHex(), pubcompForUnknown.toHex(' '));
    QCOMPARE(h.rec.events.size(), size_t(1));

    // the id is free for a new message afterwards
    h.receive(publish, 0);
    QCOMPARE_OUTPUT(h, "50 02 00 09");
    h.receive(hex("62 02 00 09"), 0);
    QCOMPARE_OUTPUT(h, "70 02 00 09");
    QCOMPARE(h.rec.events.size(), size_t(2));
}

// ---- reconnecting --------------------------------------------------------------------

void tst_Session::reconnectWithSessionResendsInOriginalOrder_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("firstSend");
    QTest::addColumn<QByteArray>("resend");

    // QoS 1 "1", QoS 2 "2" (PUBREC received), QoS 2 "3", QoS 1 "4", ids 1..4.
    // [MQTT-4.4.0-1] PUBLISH resent with DUP=1 [MQTT-3.3.1-1] and the same id; for "2" the
    // PUBREL instead; [MQTT-4.6.0-1] in the original order.
    const QByteArray v3first = hex("32 06 00 01 74 00 01 31  34 06 00 01 74 00 02 32"
                                   "34 06 00 01 74 00 03 33  32 06 00 01 74 00 04 34");
    const QByteArray v3resend = hex("3a 06 00 01 74 00 01 31  62 02 00 02"
                                    "3c 06 00 01 74 00 03 33  3a 06 00 01 74 00 04 34");
    QTest::newRow("3.1.1") << V311 << v3first << v3resend;
    QTest::newRow("3.1") << V31 << v3first << v3resend;
    QTest::newRow("5.0") << V5
                         << hex("32 07 00 01 74 00 01 00 31  34 07 00 01 74 00 02 00 32"
                                "34 07 00 01 74 00 03 00 33  32 07 00 01 74 00 04 00 34")
                         << hex("3a 07 00 01 74 00 01 00 31  62 02 00 02"
                                "3c 07 00 01 74 00 03 00 33  3a 07 00 01 74 00 04 00 34");
}

void tst_Session::reconnectWithSessionResendsInOriginalOrder()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, firstSend);
    QFETCH(QByteArray, resend);

    Harness h(version);
    h.session.config().cleanSession = false;
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.publish("t", "2", QoS::ExactlyOnce);
    h.publish("t", "3", QoS::ExactlyOnce);
    h.publish("t", "4", QoS::AtLeastOnce);
    QCOMPARE(h.takeHex(), firstSend.toHex(' '));
    PLAY(h, { "broker 50 02 00 02", "client 62 02 00 02" });

    h.session.connectionClosed();
    QCOMPARE(h.session.state(), State::Disconnected);
    QCOMPARE(h.session.inflightCount(), 4);
    h.session.connectionOpened(1000);
    h.take();
    QCOMPARE_OUTPUT(h, ""); // nothing resent before CONNACK
    h.clearEvents();
    h.receive(connackOk(version, true), 1000);
    QCOMPARE(h.takeHex(), resend.toHex(' '));

    PLAY(h, { "broker 40 02 00 01", "broker 70 02 00 02", "broker 50 02 00 03", "client 62 02 00 03",
              "broker 70 02 00 03", "broker 40 02 00 04" });
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=1 rc=0x00", "acked mid=1 rc=0x00", "acked mid=2 rc=0x00",
                                              "acked mid=3 rc=0x00", "acked mid=4 rc=0x00" }));
    QCOMPARE(h.session.inflightCount(), 0);

    // a second reconnect before the PUBCOMP of a resent PUBREL sends the PUBREL again
    h.publish("t", "5", QoS::ExactlyOnce);
    h.take();
    h.receive(hex("50 02 00 05"), 0);
    QCOMPARE_OUTPUT(h, "62 02 00 05");
    h.reconnect(true);
    QCOMPARE_OUTPUT(h, "62 02 00 05");
    h.reconnect(true);
    QCOMPARE_OUTPUT(h, "62 02 00 05");
}

void tst_Session::reconnectWithSessionKeepsTheWindow()
{
    Harness h;
    h.session.config().cleanSession = false;
    h.session.config().maxInflight = 2;
    h.connect();
    for (char c : { '1', '2', '3', '4' })
        h.publish("t", QByteArray(1, c), QoS::AtLeastOnce);
    QCOMPARE_WRITTEN(h, pub311(1, '1') + pub311(2, '2'));

    h.reconnect(true);
    // the two in flight are resent; the two waiting still wait
    QCOMPARE_WRITTEN(h, pub311(1, '1', true) + pub311(2, '2', true));
    QCOMPARE(h.session.queuedCount(), 2);
    PLAY(h, { "broker 40 02 00 02", "client 32 06 00 01 74 00 03 33", "broker 40 02 00 01",
              "client 32 06 00 01 74 00 04 34" });

    // the waiting messages are sent after the resends when a connection opens
    h.session.connectionClosed();
    h.publish("t", "5", QoS::AtLeastOnce);
    h.connect(0, true);
    QCOMPARE_WRITTEN(h, pub311(3, '3', true) + pub311(4, '4', true));
    PLAY(h, { "broker 40 02 00 03", "client 32 06 00 01 74 00 05 35" });
}

void tst_Session::reconnectWithSessionKeepsIncomingQos2()
{
    Harness h;
    h.session.config().cleanSession = false;
    h.connect();
    PLAY(h, { "broker 34 06 00 01 74 00 09 78", "client 50 02 00 09" });
    h.reconnect(true);
    QCOMPARE(h.session.pendingIncomingQos2Count(), 1);
    h.clearEvents();
    // [MQTT-4.4.0-1] the broker resends PUBREL; the message is delivered then
    PLAY(h, { "broker 62 02 00 09", "client 70 02 00 09" });
    QCOMPARE(h.transcript(), QByteArrayList{ "message t qos=2 'x'" });

    // without a session the broker forgot the message: a PUBREL for it delivers nothing
    PLAY(h, { "broker 34 06 00 01 74 00 0a 79", "client 50 02 00 0a" });
    h.reconnect(false);
    QCOMPARE(h.session.pendingIncomingQos2Count(), 0);
    h.clearEvents();
    PLAY(h, { "broker 62 02 00 0a", "client 70 02 00 0a" });
    QVERIFY(h.rec.events.empty());
}

void tst_Session::reconnectWithoutSessionRepublishes_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("republish");
    QTest::addColumn<QByteArrayList>("script");

    // What was not received is published again (DUP=1). The message whose PUBREC had
    // arrived belongs to the receiver: publishing it again would deliver an exactly-once
    // message twice, so its flow goes on with PUBREL (4.3.3), as libmosquitto and Paho do.
    QTest::newRow("3.1.1") << V311
                           << hex("3a 06 00 01 74 00 01 31  62 02 00 02  3c 06 00 01 74 00 03 33")
                           << QByteArrayList{ "broker 40 02 00 01", "broker 70 02 00 02", "broker 50 02 00 03",
                                              "client 62 02 00 03", "broker 70 02 00 03" };
    QTest::newRow("5.0") << V5
                         << hex("3a 07 00 01 74 00 01 00 31  62 02 00 02  3c 07 00 01 74 00 03 00 33")
                         << QByteArrayList{ "broker 40 02 00 01", "broker 70 02 00 02", "broker 50 02 00 03",
                                            "client 62 02 00 03", "broker 70 02 00 03" };
    // A broker without the session answers that PUBREL with 0x92: still published,
    // because its PUBREC had said so.
    QTest::newRow("5.0, PUBCOMP Packet Identifier not found")
            << V5 << hex("3a 07 00 01 74 00 01 00 31  62 02 00 02  3c 07 00 01 74 00 03 00 33")
            << QByteArrayList{ "broker 40 02 00 01", "broker 70 03 00 02 92", "broker 50 02 00 03",
                               "client 62 02 00 03", "broker 70 02 00 03" };
}

void tst_Session::reconnectWithoutSessionRepublishes()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, republish);
    QFETCH(QByteArrayList, script);

    Harness h(version);
    QVERIFY(h.session.config().republishOnCleanSession); // the default, as Paho
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.publish("t", "2", QoS::ExactlyOnce);
    h.publish("t", "3", QoS::ExactlyOnce);
    h.take();
    h.receive(hex("50 02 00 02"), 0);
    QCOMPARE_OUTPUT(h, "62 02 00 02");

    h.session.connectionClosed();
    h.clearEvents();
    h.connect(0, false);
    QCOMPARE(h.takeHex(), republish.toHex(' '));
    PLAY(h, script);
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "acked mid=1 rc=0x00", "acked mid=2 rc=0x00",
                                              "acked mid=3 rc=0x00" }));
}

void tst_Session::reconnectWithoutSessionAndRepublishOffFailsEachUnreceivedMessage_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1.1") << V311;
    QTest::newRow("5.0") << V5;
}

void tst_Session::reconnectWithoutSessionAndRepublishOffFailsEachUnreceivedMessage()
{
    QFETCH(ProtocolVersion, version);
    Harness h(version);
    h.session.config().republishOnCleanSession = false;
    h.session.config().maxInflight = 3;
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.publish("t", "2", QoS::ExactlyOnce);
    h.publish("t", "3", QoS::ExactlyOnce);
    h.publish("t", "4", QoS::AtLeastOnce); // waits: never sent, so not lost
    h.take();
    h.receive(hex("50 02 00 02"), 0);
    QCOMPARE_OUTPUT(h, "62 02 00 02");

    h.session.connectionClosed();
    h.clearEvents();
    h.connect(0, false);
    // never a silent loss: each message the broker had not received is reported, in
    // order; the PUBREC'd one (mid 2) is the receiver's and goes on with PUBREL
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "failed mid=1 ConnectionLost",
                                              "failed mid=3 ConnectionLost" }));
    for (const Event &e : h.eventsOf(Event::Failed))
        QVERIFY(!e.why.isEmpty());
    // nothing of the failed ones is sent; the waiting one goes out as a first send
    if (version == V5)
        QCOMPARE_OUTPUT(h, "62 02 00 02  32 07 00 01 74 00 04 00 34");
    else
        QCOMPARE_WRITTEN(h, hex("62 02 00 02") + pub311(4, '4'));
    QCOMPARE(h.session.inflightCount(), 2);
    // a late acknowledgement of a failed one is ignored
    h.receive(hex("40 02 00 01"), 0);
    QCOMPARE_OUTPUT(h, "");
    h.receive(hex("70 02 00 02") + hex("40 02 00 04"), 0);
    QCOMPARE(describe(h.rec.events.at(h.rec.events.size() - 2)), QByteArray("acked mid=2 rc=0x00"));
    QCOMPARE(describe(h.rec.events.back()), QByteArray("acked mid=4 rc=0x00"));
    QCOMPARE(h.rec.events.size(), size_t(5));
}

void tst_Session::reconnectWithSessionRespectsASmallerReceiveMaximum()
{
    // [MQTT-3.3.4-7], [MQTT-4.9.0-2]: the send quota is set anew from each CONNACK's
    // Receive Maximum: resending unacknowledged messages must not exceed it either.
    Harness h(V5);
    h.session.config().cleanSession = false;
    h.connect();
    for (char c : { '1', '2', '3', '4' })
        h.publish("t", QByteArray(1, c), QoS::AtLeastOnce);
    h.take();
    h.session.connectionClosed();
    h.session.connectionOpened(0);
    h.take();
    h.receive(connack5(integers({ { PropertyId::ReceiveMaximum, 2 } }), true), 0);
    QCOMPARE_OUTPUT(h, "3a 07 00 01 74 00 01 00 31  3a 07 00 01 74 00 02 00 32");
    // A new message waits behind the deferred resends.
    h.publish("t", QByteArray(1, '5'), QoS::AtLeastOnce);
    QCOMPARE_OUTPUT(h, "");
    // Each acknowledgement frees room for the next deferred resend, in order, with DUP.
    h.receive(hex("40 02 00 01"), 0);
    QCOMPARE_OUTPUT(h, "3a 07 00 01 74 00 03 00 33");
    h.receive(hex("40 02 00 02"), 0);
    QCOMPARE_OUTPUT(h, "3a 07 00 01 74 00 04 00 34");
    h.receive(hex("40 02 00 03"), 0);
    QCOMPARE_OUTPUT(h, "32 07 00 01 74 00 05 00 35");
    QCOMPARE(h.session.inflightCount(), 2);
}

void tst_Session::sessionPresentWithCleanStartClosesTheConnection_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("disconnect");
    QTest::newRow("3.1.1") << V311 << QByteArray();
    QTest::newRow("5.0") << V5 << QByteArray("e0 01 82");
}

void tst_Session::sessionPresentWithCleanStartClosesTheConnection()
{
    // 5.0 [MQTT-3.2.2-2], 3.1.1 [MQTT-3.2.2-1]: after a clean start the server sets Session
    // Present to 0; a client without session state that receives 1 closes the connection
    // (5.0 [MQTT-3.2.2-4]; 3.1.1 section 3.2.2.2).
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, disconnect);
    Harness h(version);
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.take();
    h.session.connectionClosed();
    h.clearEvents();
    h.session.connectionOpened(0);
    h.take();
    h.receive(connackOk(version, true), 0);
    QCOMPARE(h.eventsOf(Event::MustClose).size(), size_t(1));
    QCOMPARE(h.eventsOf(Event::MustClose)[0].error, ErrorCode::Protocol);
    QCOMPARE(h.session.state(), State::Failed);
    // nothing resent as if the broker had kept a session
    QCOMPARE_OUTPUT(h, disconnect.constData());
    QCOMPARE(h.session.inflightCount(), 1);
}

// ---- timers --------------------------------------------------------------------------

void tst_Session::keepAlivePingsOnlyWhenIdle_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("qos0");
    QTest::addColumn<QByteArray>("disconnect");
    QTest::newRow("3.1.1") << V311 << hex("30 04 00 01 74 78") << QByteArray();
    QTest::newRow("3.1") << V31 << hex("30 04 00 01 74 78") << QByteArray();
    // 0x8D (Keep Alive timeout) is a server's reason code; a client says 0x80
    QTest::newRow("5.0") << V5 << hex("30 05 00 01 74 00 78") << hex("e0 01 80");
}

void tst_Session::keepAlivePingsOnlyWhenIdle()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, qos0);
    QFETCH(QByteArray, disconnect);

    Harness h(version);
    h.session.config().keepAlive = 10;
    h.session.connectionOpened(1000);
    h.take();
    h.receive(connackOk(version), 1100);
    h.clearEvents();
    // measured from the last packet the client sent: CONNECT at 1000
    QCOMPARE(h.session.nextDeadline(), qint64(11000));

    QCOMPARE(h.publish("t", "x", QoS::AtMostOnce, 5000).rc, ErrorCode::NoError);
    QCOMPARE(h.takeHex(), qos0.toHex(' '));
    QCOMPARE(h.session.nextDeadline(), qint64(15000));
    // [MQTT-3.1.2-23] no PINGREQ while something else was sent within the period
    PLAY(h, { "at 11000", "at 14999" });
    // received packets do not count: the client's sending is what keeps the link alive
    h.receive(qos0, 14000);
    QCOMPARE(h.transcript(), QByteArrayList{ "message t qos=0 'x'" });
    h.clearEvents();
    QCOMPARE(h.session.nextDeadline(), qint64(15000));
    PLAY(h, { "at 15000", "client c0 00" });
    QCOMPARE(h.session.nextDeadline(), qint64(25000));
    // a second tick at the same time sends no second PINGREQ
    PLAY(h, { "at 15000", "at 20000" });

    h.receive(hex("d0 00"), 16000);
    QCOMPARE(h.session.nextDeadline(), qint64(25000));
    PLAY(h, { "at 24999", "at 25000", "client c0 00" });
    QCOMPARE(h.session.nextDeadline(), qint64(35000));

    // no PINGRESP within the keepalive after PINGREQ: the connection must close
    PLAY(h, { "at 34999" });
    QVERIFY(h.rec.events.empty());
    h.session.tick(35000);
    QCOMPARE(h.transcript(), QByteArrayList{ "close KeepAlive rc=0x80" });
    QVERIFY(!h.rec.events[0].why.isEmpty());
    QCOMPARE(h.takeHex(), disconnect.toHex(' '));
    QCOMPARE(h.session.state(), State::Failed);
    QCOMPARE(h.session.nextDeadline(), qint64(-1));
    h.session.tick(100000);
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.rec.events.size(), size_t(1));
}

void tst_Session::pingrespClearsTheKeepAliveTimeout()
{
    Harness h;
    h.session.config().keepAlive = 5;
    h.connect(0);
    h.clearEvents();
    qint64 t = 5000;
    for (int round = 0; round < 4; ++round, t += 5000) {
        QCOMPARE(h.session.nextDeadline(), t);
        PLAY(h, { "at " + QByteArray::number(t), "client c0 00", "broker d0 00" }, t);
    }
    QVERIFY(h.rec.events.empty());
    QCOMPARE(h.session.state(), State::Connected);

    // keepalive 0 turns the mechanism off
    Harness off;
    off.session.config().keepAlive = 0;
    off.connect(0);
    QCOMPARE(off.session.nextDeadline(), qint64(-1));
    off.session.tick(1000000000);
    QCOMPARE_OUTPUT(off, "");
}

void tst_Session::serverKeepAliveOverridesTheConfiguredOne_data()
{
    QTest::addColumn<QByteArray>("connack");
    QTest::addColumn<int>("effective");
    QTest::addColumn<qint64>("deadline");
    // [MQTT-3.2.2-21] the client uses the Server Keep Alive instead of its own
    QTest::newRow("absent: 60 s as configured") << hex("20 03 00 00 00") << 60 << qint64(61000);
    QTest::newRow("5 s") << connack5(integers({ { PropertyId::ServerKeepAlive, 5 } })) << 5 << qint64(6000);
    QTest::newRow("120 s") << connack5(integers({ { PropertyId::ServerKeepAlive, 120 } })) << 120 << qint64(121000);
    QTest::newRow("0: off") << connack5(integers({ { PropertyId::ServerKeepAlive, 0 } })) << 0 << qint64(-1);
}

void tst_Session::serverKeepAliveOverridesTheConfiguredOne()
{
    QFETCH(QByteArray, connack);
    QFETCH(int, effective);
    QFETCH(qint64, deadline);

    Harness h(V5);
    h.session.config().keepAlive = 60;
    h.connectWith(connack, 1000);
    QCOMPARE(h.session.effectiveKeepAlive(), effective);
    QCOMPARE(h.session.nextDeadline(), deadline);
    if (deadline < 0) {
        h.session.tick(10000000);
        QCOMPARE_OUTPUT(h, "");
        return;
    }
    PLAY(h, { "at " + QByteArray::number(deadline - 1), "at " + QByteArray::number(deadline), "client c0 00" });
    QCOMPARE(h.session.nextDeadline(), deadline + effective * 1000);

    // the next connection starts from the configured value again
    h.session.connectionClosed();
    h.connect(0);
    QCOMPARE(h.session.effectiveKeepAlive(), 60);
}

void tst_Session::connackTimeoutClosesTheConnection_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1.1") << V311;
    QTest::newRow("5.0") << V5;
}

void tst_Session::connackTimeoutClosesTheConnection()
{
    QFETCH(ProtocolVersion, version);
    Harness h(version);
    h.session.config().connackTimeoutMs = 5000;
    h.session.config().keepAlive = 1; // shorter than the CONNACK timeout: not used before CONNACK
    h.session.connectionOpened(100);
    h.take();
    QCOMPARE(h.session.nextDeadline(), qint64(5100));
    PLAY(h, { "at 1100", "at 5099" }, 100);
    QVERIFY(h.rec.events.empty());
    h.session.tick(5100);
    QCOMPARE(h.rec.events.size(), size_t(1));
    QCOMPARE(h.rec.events[0].kind, Event::MustClose);
    QVERIFY(h.rec.events[0].error != ErrorCode::NoError);
    QVERIFY2(h.rec.events[0].why.contains(QLatin1String("5000")), qPrintable(h.rec.events[0].why));
    QCOMPARE(h.session.state(), State::Failed);
    QCOMPARE(h.session.nextDeadline(), qint64(-1));
    QCOMPARE_OUTPUT(h, "");

    // a late CONNACK is not processed
    h.receive(connackOk(version), 6000);
    QCOMPARE(h.rec.events.size(), size_t(1));
}

void tst_Session::messageRetryResendsInMqtt3_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<QByteArrayList>("script");

    // publish at 1000, retry interval 2000 ms
    for (ProtocolVersion v : { V311, V31 }) {
        const QByteArray name = v == V311 ? "3.1.1 " : "3.1 ";
        QTest::newRow(QByteArray(name + "QoS 1 PUBLISH").constData())
                << v << QoS::AtLeastOnce
                << QByteArrayList{ "client 32 06 00 01 74 00 01 78", "at 2999", "at 3000",
                                   "client 3a 06 00 01 74 00 01 78", "at 4999", "at 5000",
                                   "client 3a 06 00 01 74 00 01 78", "broker 40 02 00 01", "at 9000" };
        QTest::newRow(QByteArray(name + "QoS 2 PUBLISH").constData())
                << v << QoS::ExactlyOnce
                << QByteArrayList{ "client 34 06 00 01 74 00 01 78", "at 3000", "client 3c 06 00 01 74 00 01 78",
                                   "broker 50 02 00 01", "client 62 02 00 01", "at 4999", "at 5000",
                                   "client 62 02 00 01", "broker 70 02 00 01", "at 9000" };
    }
}

void tst_Session::messageRetryResendsInMqtt3()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(QByteArrayList, script);

    Harness h(version);
    h.session.config().keepAlive = 0;
    h.session.config().messageRetryMs = 2000;
    h.connect(0);
    h.clearEvents();
    h.publish("t", "x", qos, 1000);
    QCOMPARE(h.session.nextDeadline(), qint64(3000));
    PLAY(h, script, 3000);
    QCOMPARE(h.transcript(), QByteArrayList{ "acked mid=1 rc=0x00" });
    QCOMPARE(h.session.nextDeadline(), qint64(-1));
}

void tst_Session::messageRetryNeverResendsInMqtt5()
{
    // [MQTT-4.4.0-1] MQTT 5 resends only on reconnect
    Harness h(V5);
    h.session.config().keepAlive = 0;
    h.session.config().messageRetryMs = 2000;
    h.connect(0);
    h.publish("t", "x", QoS::AtLeastOnce, 1000);
    h.publish("t", "y", QoS::ExactlyOnce, 1000);
    h.take();
    QCOMPARE(h.session.nextDeadline(), qint64(-1));
    PLAY(h, { "at 3000", "at 100000", "broker 50 02 00 02", "client 62 02 00 02", "at 200000" });
}

// ---- broker faults -------------------------------------------------------------------

void tst_Session::malformedPacketClosesTheConnection_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("reasonCode"); // for MQTT 5's DISCONNECT

    struct Case
    {
        const char *name;
        const char *bytes;
        int reasonCode; // 0x81 Malformed Packet, 0x82 Protocol Error
    };
    const Case mqtt3[] = {
        { "packet type 0", "00 00", 0x81 },
        { "PUBACK with flags", "41 02 00 01", 0x81 },
        { "PUBREL without flag bit 1", "60 02 00 01", 0x81 },
        { "PUBLISH with QoS 3", "36 06 00 01 74 00 01 78", 0x81 },
        { "PUBLISH QoS 0 with DUP", "38 04 00 01 74 78", 0x81 },
        { "remaining length of five bytes", "30 ff ff ff ff 01", 0x81 },
        { "PUBLISH topic with a wildcard", "30 04 00 01 23 78", 0x81 },
        { "PUBLISH topic longer than the packet", "30 04 00 09 74 78", 0x81 },
        { "PUBLISH QoS 1 with packet id 0", "32 06 00 01 74 00 00 78", 0x81 },
        { "PUBACK with packet id 0", "40 02 00 00", 0x81 },
        { "PUBACK too short", "40 01 00", 0x81 },
        { "PINGRESP with a body", "d0 01 00", 0x81 },
        { "SUBACK with return code 3", "90 03 00 01 03", 0x81 },
        { "PUBLISH topic with invalid UTF-8", "30 05 00 02 c0 af 78", 0x81 },
    };
    for (const Case &c : mqtt3) {
        QTest::newRow(QByteArray(QByteArray("3.1.1 ") + c.name).constData())
                << V311 << hex(c.bytes) << c.reasonCode;
    }
    QTest::newRow("3.1 PUBREL without flag bit 1") << V31 << hex("60 02 00 01") << 0x81;
    const Case mqtt5[] = {
        { "packet type 0", "00 00", 0x81 },
        { "PUBLISH with QoS 3", "36 07 00 01 74 00 01 00 78", 0x81 },
        { "PUBLISH property length past the end", "30 05 00 01 74 09 78", 0x81 },
        { "PUBLISH with an unknown property", "30 07 00 01 74 02 7f 00 78", 0x81 },
        { "PUBLISH with a CONNECT-only property", "30 0a 00 01 74 05 11 00 00 00 01 78", 0x81 },
        { "PUBACK with a reason code not allowed", "40 03 00 01 04", 0x81 },
        { "DISCONNECT property length past the end", "e0 02 00 05", 0x81 },
        { "PUBLISH topic with invalid UTF-8", "30 06 00 02 c0 af 00 78", 0x81 },
    };
    for (const Case &c : mqtt5)
        QTest::newRow(QByteArray(QByteArray("5.0 ") + c.name).constData()) << V5 << hex(c.bytes) << c.reasonCode;
}

void tst_Session::malformedPacketClosesTheConnection()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(int, reasonCode);

    Harness h(version);
    h.connect();
    h.clearEvents();
    // a valid PUBLISH follows in the same read: it must not be processed
    const QByteArray valid = version == V5 ? hex("30 05 00 01 74 00 79") : hex("30 04 00 01 74 79");
    h.receive(bytes + valid, 0);
    QCOMPARE(h.rec.events.size(), size_t(1));
    const Event &e = h.rec.events[0];
    QCOMPARE(e.kind, Event::MustClose);
    QCOMPARE(e.error, ErrorCode::Protocol);
    // a specific reason, not just "malformed"
    QVERIFY2(e.why.size() > 40, qPrintable(e.why));
    QCOMPARE(h.session.state(), State::Failed);
    if (version == V5) {
        // 5.0 4.13: DISCONNECT with the reason code, then close
        QCOMPARE(int(e.reasonCode), reasonCode);
        QByteArray d = hex("e0 01");
        d.append(char(reasonCode));
        QCOMPARE(h.takeHex(), d.toHex(' '));
    } else {
        QCOMPARE_OUTPUT(h, ""); // MQTT 3 has no DISCONNECT from client to say so: just close
    }
    // nothing more is processed, and nothing crashes
    h.receive(valid + hex("40 02 00 01"), 0);
    h.session.tick(1000000);
    QCOMPARE(h.rec.events.size(), size_t(1));
    QCOMPARE_OUTPUT(h, "");
}

void tst_Session::unexpectedPacketClosesTheConnection_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("afterConnack");
    QTest::addColumn<QByteArray>("bytes");

    // [MQTT-3.2.0-1] the first packet from the server is CONNACK
    QTest::newRow("3.1.1 PUBLISH before CONNACK") << V311 << false << hex("30 04 00 01 74 78");
    QTest::newRow("5.0 PUBLISH before CONNACK") << V5 << false << hex("30 05 00 01 74 00 78");
    QTest::newRow("3.1.1 PUBACK before CONNACK") << V311 << false << hex("40 02 00 01");
    QTest::newRow("3.1.1 PINGRESP before CONNACK") << V311 << false << hex("d0 00");
    QTest::newRow("3.1.1 SUBACK before CONNACK") << V311 << false << hex("90 03 00 01 00");
    // 5.0 [MQTT-3.2.0-2] the server sends CONNACK once
    QTest::newRow("3.1.1 second CONNACK") << V311 << true << hex("20 02 00 00");
    QTest::newRow("3.1 second CONNACK") << V31 << true << hex("20 02 00 00");
    QTest::newRow("5.0 second CONNACK") << V5 << true << hex("20 03 00 00 00");
    // packets only a client sends
    QTest::newRow("3.1.1 SUBSCRIBE from the broker") << V311 << true << hex("82 06 00 01 00 01 74 00");
    QTest::newRow("5.0 SUBSCRIBE from the broker") << V5 << true << hex("82 07 00 01 00 00 01 74 00");
    QTest::newRow("3.1.1 UNSUBSCRIBE from the broker") << V311 << true << hex("a2 05 00 01 00 01 74");
    QTest::newRow("3.1.1 PINGREQ from the broker") << V311 << true << hex("c0 00");
    QTest::newRow("5.0 PINGREQ from the broker") << V5 << true << hex("c0 00");
    QTest::newRow("3.1.1 CONNECT from the broker")
            << V311 << true << hex("10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31");
    QTest::newRow("5.0 CONNECT from the broker")
            << V5 << true << hex("10 0f 00 04 4d 51 54 54 05 02 00 3c 00 00 02 63 31");
    QTest::newRow("5.0 SUBSCRIBE before CONNACK") << V5 << false << hex("82 07 00 01 00 00 01 74 00");
}

void tst_Session::unexpectedPacketClosesTheConnection()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, afterConnack);
    QFETCH(QByteArray, bytes);

    Harness h(version);
    h.publish("t", "q", QoS::AtLeastOnce); // waits for the connection
    if (afterConnack) {
        h.connect();
    } else {
        h.session.connectionOpened(0);
        h.take();
    }
    h.take();
    h.clearEvents();
    const QByteArray valid = version == V5 ? hex("30 05 00 01 74 00 79") : hex("30 04 00 01 74 79");
    h.receive(bytes + valid, 0);
    QCOMPARE(h.transcript(), QByteArrayList{ "close Protocol rc=0x82" });
    QVERIFY2(h.rec.events[0].why.size() > 20, qPrintable(h.rec.events[0].why));
    QCOMPARE(h.session.state(), State::Failed);
    QCOMPARE_OUTPUT(h, version == V5 ? "e0 01 82" : "");
    h.receive(connackOk(version), 0);
    QCOMPARE(h.rec.events.size(), size_t(1));
    // the message is still pending for the next connection
    QCOMPARE(h.session.inflightCount() + h.session.queuedCount(), 1);
}

void tst_Session::incomingPacketAboveOurMaximumPacketSizeCloses()
{
    // [MQTT-3.1.2-24] the server must not send more than our Maximum Packet Size; if it
    // does, DISCONNECT with 0x95 (Packet too large)
    Harness h(V5);
    h.session.config().connectProperties = integers({ { PropertyId::MaximumPacketSize, 16 } });
    h.connect();
    h.clearEvents();
    h.receive(hex("30 0e 00 01 74 00") + QByteArray(10, 'x'), 0); // 16 bytes: accepted
    QCOMPARE(h.transcript(), QByteArrayList{ "message t qos=0 'xxxxxxxxxx'" });
    h.clearEvents();
    h.receive(hex("30 0f 00 01 74 00") + QByteArray(11, 'x'), 0); // 17 bytes
    QCOMPARE(h.transcript(), QByteArrayList{ "close Protocol rc=0x95" });
    QCOMPARE_OUTPUT(h, "e0 01 95");
}

void tst_Session::refusedConnackClosesTheConnection_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("connack");
    QTest::addColumn<QByteArrayList>("events");

    QTest::newRow("3.1.1 not authorized (5)")
            << V311 << hex("20 02 00 05")
            << QByteArrayList{ "connack sp=0 rc=0x05", "close ConnectionRefused rc=0x05" };
    QTest::newRow("3.1.1 bad user name or password (4)")
            << V311 << hex("20 02 00 04")
            << QByteArrayList{ "connack sp=0 rc=0x04", "close ConnectionRefused rc=0x04" };
    QTest::newRow("3.1 identifier rejected (2)")
            << V31 << hex("20 02 00 02")
            << QByteArrayList{ "connack sp=0 rc=0x02", "close ConnectionRefused rc=0x02" };
    QTest::newRow("5.0 not authorized (0x87)")
            << V5 << hex("20 03 00 87 00")
            << QByteArrayList{ "connack sp=0 rc=0x87", "close ConnectionRefused rc=0x87" };
    MqttCodec::ConnackPacket busy;
    busy.reasonCode = ReasonCode::ServerBusy;
    busy.properties.setString(PropertyId::ReasonString, QStringLiteral("try later"));
    QTest::newRow("5.0 server busy (0x89) with a reason string")
            << V5 << serverPacket(busy, V5)
            << QByteArrayList{ "connack sp=0 rc=0x89", "close ConnectionRefused rc=0x89" };
}

void tst_Session::refusedConnackClosesTheConnection()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, connack);
    QFETCH(QByteArrayList, events);

    Harness h(version);
    h.publish("t", "q", QoS::AtLeastOnce);
    h.session.connectionOpened(0);
    h.take();
    h.receive(connack, 0);
    QCOMPARE(h.transcript(), events);
    QVERIFY(!h.rec.events[1].why.isEmpty());
    QCOMPARE(h.rec.events[1].properties, h.rec.events[0].properties);
    QCOMPARE(h.session.state(), State::Failed);
    QCOMPARE_OUTPUT(h, ""); // no DISCONNECT, no PUBLISH
    // the waiting message is kept for a later connection, not failed
    QCOMPARE(h.session.queuedCount(), 1);
    h.session.connectionClosed();
    h.connect();
    QCOMPARE(h.takeHex(), (version == V5 ? hex("32 07 00 01 74 00 01 00 71") : pub311(1, 'q')).toHex(' '));
}

void tst_Session::serverDisconnectReportsReasonCodeAndString()
{
    Harness h(V5);
    h.connect();
    h.publish("t", "q", QoS::AtLeastOnce);
    h.take();
    h.clearEvents();
    MqttCodec::DisconnectPacket d;
    d.reasonCode = ReasonCode::ServerShuttingDown;
    d.properties.setString(PropertyId::ReasonString, QStringLiteral("maintenance at noon"));
    h.receive(serverPacket(d, V5), 0);
    QCOMPARE(h.rec.events.size(), size_t(1));
    const Event &e = h.rec.events[0];
    QCOMPARE(e.kind, Event::MustClose);
    QCOMPARE(e.reasonCode, ReasonCode::ServerShuttingDown);
    QVERIFY(e.error != ErrorCode::NoError);
    QVERIFY2(e.why.contains(QLatin1String("maintenance at noon")), qPrintable(e.why));
    QVERIFY2(e.why.contains(QLatin1String("0x8b")), qPrintable(e.why));
    QCOMPARE(e.properties.string(PropertyId::ReasonString), QStringLiteral("maintenance at noon"));
    QCOMPARE(h.session.state(), State::Failed);
    // the connection is over: nothing more is written
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.session.inflightCount(), 1);

    // a plain DISCONNECT with no reason code means Normal disconnection
    Harness plain(V5);
    plain.connect();
    plain.clearEvents();
    plain.receive(hex("e0 00"), 0);
    QCOMPARE(plain.transcript(), QByteArrayList{ "close ConnectionLost rc=0x00" });
}

void tst_Session::mutatedBrokerStreamsNeverCorruptTheSession_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1") << V31;
    QTest::newRow("3.1.1") << V311;
    QTest::newRow("5.0") << V5;
}

void tst_Session::mutatedBrokerStreamsNeverCorruptTheSession()
{
    // Valid broker packets, shuffled, with random bytes overwritten and random cuts, fed
    // in random pieces between ticks and user calls, with handlers that publish back.
    // Nothing may crash (run this under ASan/UBSan), and the session's promises hold:
    // at most one connectionMustClose and nothing after it, no message completed twice,
    // never more in flight than the window, and the next connection works.
    QFETCH(ProtocolVersion, version);
    const bool v5 = version == V5;
    QList<QByteArray> corpus;
    for (const char *p : { "30 04 00 01 74 78", "32 06 00 01 74 00 01 78", "34 06 00 01 74 00 02 78",
                           "3c 06 00 01 74 00 02 78", "40 02 00 01", "40 02 00 02", "50 02 00 02",
                           "50 02 00 03", "62 02 00 02", "70 02 00 02", "70 02 00 03", "90 03 00 01 01",
                           "90 03 00 02 80", "b0 02 00 01", "d0 00", "20 02 00 00" }) {
        if (!v5)
            corpus.append(hex(p));
    }
    if (v5) {
        for (const char *p : { "30 05 00 01 74 00 78", "30 08 00 01 74 03 23 00 01 78", "30 07 00 00 03 23 00 01 78",
                               "32 07 00 01 74 00 01 00 78", "34 07 00 01 74 00 02 00 78", "40 02 00 01",
                               "40 03 00 02 10", "50 02 00 02", "50 03 00 03 80", "62 02 00 02", "70 02 00 02",
                               "90 04 00 01 00 01", "b0 04 00 01 00 00", "d0 00", "f0 02 18 00", "e0 01 8b",
                               "20 03 00 00 00" })
            corpus.append(hex(p));
        corpus.append(connack5(integers({ { PropertyId::ReceiveMaximum, 1 }, { PropertyId::MaximumQoS, 1 } })));
        MqttCodec::DisconnectPacket d;
        d.reasonCode = ReasonCode::AdministrativeAction;
        d.properties.setString(PropertyId::ReasonString, QStringLiteral("bye"));
        corpus.append(serverPacket(d, V5));
    }

    QRandomGenerator rng(0x5e55 + quint32(version));
    for (int round = 0; round < 2000; ++round) {
        Harness h(version);
        Config &c = h.session.config();
        c.cleanSession = rng.bounded(2) == 0;
        c.maxInflight = int(rng.bounded(4));
        c.maxQueued = int(rng.bounded(6));
        c.keepAlive = quint16(rng.bounded(3));
        c.messageRetryMs = int(rng.bounded(3)) * 500;
        c.republishOnCleanSession = rng.bounded(2) == 0;
        if (v5)
            c.connectProperties = integers({ { PropertyId::TopicAliasMaximum, 2 } });

        std::set<int> accepted; // QoS 1/2 mids
        int reentrant = 0;
        auto userCall = [&](qint64 now) {
            switch (rng.bounded(5)) {
            case 0:
            case 1: {
                const QoS q = QoS(rng.bounded(3));
                const Result r = h.publish("t", "u", q, now, rng.bounded(4) == 0);
                if (r.rc == ErrorCode::NoError && q != QoS::AtMostOnce)
                    QVERIFY(accepted.insert(r.mid).second);
                break;
            }
            case 2:
                h.session.subscribe({ Subscription{ QStringLiteral("s/#"), QoS(rng.bounded(3)) } }, {}, now);
                break;
            case 3:
                h.session.unsubscribe({ QStringLiteral("s/#") }, {}, now);
                break;
            default:
                h.take();
                break;
            }
        };
        h.rec.react = [&](const Event &e) {
            if (e.kind != Event::MustClose && reentrant < 20 && rng.bounded(3) == 0) {
                ++reentrant;
                userCall(0);
            }
        };

        userCall(0);
        userCall(0);
        h.session.connectionOpened(0);
        QByteArray stream = v5 ? corpus.last() : hex("20 02 00 00"); // some rounds start with limits
        if (rng.bounded(2))
            stream = connackOk(version, !c.cleanSession && rng.bounded(2));
        for (int i = int(rng.bounded(10)); i > 0; --i)
            stream += corpus[int(rng.bounded(corpus.size()))];
        for (int i = int(rng.bounded(4)); i > 0 && !stream.isEmpty(); --i)
            stream[int(rng.bounded(stream.size()))] = char(rng.bounded(256));
        if (rng.bounded(4) == 0 && !stream.isEmpty())
            stream.truncate(int(rng.bounded(stream.size())));

        qint64 now = 0;
        for (qsizetype pos = 0; pos < stream.size();) {
            const qsizetype piece = 1 + qsizetype(rng.bounded(int(stream.size() - pos)));
            h.receive(stream.mid(pos, piece), now);
            pos += piece;
            now += rng.bounded(1500);
            h.session.tick(now);
            userCall(now);
            if (QTest::currentTestFailed())
                return;
        }

        // the promises
        int closes = 0;
        std::set<int> completed;
        for (size_t i = 0; i < h.rec.events.size(); ++i) {
            const Event &e = h.rec.events[i];
            if (e.kind == Event::MustClose) {
                ++closes;
                QVERIFY2(i + 1 == h.rec.events.size(), "an event after connectionMustClose");
                QCOMPARE(h.session.state(), State::Failed);
            }
            if (e.kind == Event::Acked || e.kind == Event::Failed) {
                QVERIFY2(accepted.count(e.mid), "an unknown mid was completed");
                QVERIFY2(completed.insert(e.mid).second, "a mid was completed twice");
            }
        }
        QVERIFY(closes <= 1);
        if (c.maxInflight > 0)
            QVERIFY(h.session.inflightCount() <= c.maxInflight);

        // the next connection works and resumes every pending message
        h.rec.react = nullptr;
        h.session.connectionClosed();
        h.clearEvents();
        const int pending = h.session.inflightCount() + h.session.queuedCount();
        h.connect(now, false);
        QCOMPARE(h.session.state(), State::Connected);
        if (pending > 0 && h.session.inflightCount() + h.session.queuedCount() == pending
            && h.eventsOf(Event::Failed).empty())
            QVERIFY(!h.take().isEmpty());
    }
}

// ---- MQTT 5 server limits ------------------------------------------------------------

void tst_Session::serverLimitsRefusePublish_data()
{
    QTest::addColumn<MqttProperties>("connackProperties");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<bool>("retain");
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<ErrorCode>("rc");

    // [MQTT-3.2.2-11] no QoS above the server's Maximum QoS
    const MqttProperties qos0 = integers({ { PropertyId::MaximumQoS, 0 } });
    const MqttProperties qos1 = integers({ { PropertyId::MaximumQoS, 1 } });
    QTest::newRow("Maximum QoS 1 refuses QoS 2") << qos1 << QoS::ExactlyOnce << false << 2 << ErrorCode::NotSupported;
    QTest::newRow("Maximum QoS 1 accepts QoS 1") << qos1 << QoS::AtLeastOnce << false << 2 << ErrorCode::NoError;
    QTest::newRow("Maximum QoS 0 refuses QoS 1") << qos0 << QoS::AtLeastOnce << false << 2 << ErrorCode::NotSupported;
    QTest::newRow("Maximum QoS 0 refuses QoS 2") << qos0 << QoS::ExactlyOnce << false << 2 << ErrorCode::NotSupported;
    QTest::newRow("Maximum QoS 0 accepts QoS 0") << qos0 << QoS::AtMostOnce << false << 2 << ErrorCode::NoError;
    // [MQTT-3.2.2-14] no retained message when Retain Available is 0
    const MqttProperties noRetain = integers({ { PropertyId::RetainAvailable, 0 } });
    QTest::newRow("Retain Available 0 refuses retained QoS 0")
            << noRetain << QoS::AtMostOnce << true << 2 << ErrorCode::NotSupported;
    QTest::newRow("Retain Available 0 refuses retained QoS 1")
            << noRetain << QoS::AtLeastOnce << true << 2 << ErrorCode::NotSupported;
    QTest::newRow("Retain Available 0 accepts unretained")
            << noRetain << QoS::AtLeastOnce << false << 2 << ErrorCode::NoError;
    QTest::newRow("Retain Available 1 accepts retained")
            << integers({ { PropertyId::RetainAvailable, 1 } }) << QoS::AtLeastOnce << true << 2 << ErrorCode::NoError;
    // [MQTT-3.2.2-15] no packet above the server's Maximum Packet Size. PUBLISH "a/b" QoS 1
    // with 2 payload bytes is 12 bytes (1 + 1 + 2+3 + 2 + 1 + 2); QoS 0 is 10.
    QTest::newRow("Maximum Packet Size 12 accepts 12 bytes")
            << integers({ { PropertyId::MaximumPacketSize, 12 } }) << QoS::AtLeastOnce << false << 2 << ErrorCode::NoError;
    QTest::newRow("Maximum Packet Size 11 refuses 12 bytes")
            << integers({ { PropertyId::MaximumPacketSize, 11 } }) << QoS::AtLeastOnce << false << 2
            << ErrorCode::PayloadSize;
    QTest::newRow("Maximum Packet Size 11 refuses 12 bytes at QoS 2")
            << integers({ { PropertyId::MaximumPacketSize, 11 } }) << QoS::ExactlyOnce << false << 2
            << ErrorCode::PayloadSize;
    QTest::newRow("Maximum Packet Size 10 accepts 10 bytes at QoS 0")
            << integers({ { PropertyId::MaximumPacketSize, 10 } }) << QoS::AtMostOnce << false << 2 << ErrorCode::NoError;
    QTest::newRow("Maximum Packet Size 9 refuses 10 bytes at QoS 0")
            << integers({ { PropertyId::MaximumPacketSize, 9 } }) << QoS::AtMostOnce << false << 2
            << ErrorCode::PayloadSize;
    QTest::newRow("Maximum Packet Size 200 refuses a 300-byte payload")
            << integers({ { PropertyId::MaximumPacketSize, 200 } }) << QoS::AtLeastOnce << false << 300
            << ErrorCode::PayloadSize;
}

void tst_Session::serverLimitsRefusePublish()
{
    QFETCH(MqttProperties, connackProperties);
    QFETCH(QoS, qos);
    QFETCH(bool, retain);
    QFETCH(int, payloadSize);
    QFETCH(ErrorCode, rc);

    Harness h(V5);
    h.connectWith(connack5(connackProperties));
    h.clearEvents();
    const Result r = h.publish("a/b", QByteArray(payloadSize, 'x'), qos, 0, retain);
    QCOMPARE(r.rc, rc);
    if (rc == ErrorCode::NoError) {
        QCOMPARE(r.mid, 1);
        QVERIFY(!h.take().isEmpty());
        return;
    }
    QCOMPARE(r.mid, 0);
    QVERIFY(!r.why.isEmpty());
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.session.inflightCount(), 0);
    QCOMPARE(h.session.queuedCount(), 0);
    QVERIFY(h.rec.events.empty());
}

void tst_Session::maximumPacketSizeRefusalNamesBothSizes()
{
    Harness h(V5);
    h.connectWith(connack5(integers({ { PropertyId::MaximumPacketSize, 64 } })));
    // 1 + 1 + (2+3 + 2 + 1 + 100) = 110 bytes
    const Result r = h.publish("a/b", QByteArray(100, 'x'), QoS::AtLeastOnce);
    QCOMPARE(r.rc, ErrorCode::PayloadSize);
    QVERIFY2(r.why.contains(QLatin1String("110")) && r.why.contains(QLatin1String("64")), qPrintable(r.why));
    QCOMPARE_OUTPUT(h, "");
}

void tst_Session::queuedMessagesViolatingServerLimitsFail()
{
    // Queued before the limits were known: each one that breaks them fails at CONNACK,
    // with its own reason, and the rest go out in order.
    Harness h(V5);
    MqttMessageInfoState info;
    QCOMPARE(h.publish("t", "1", QoS::ExactlyOnce, 0, false, {}, &info).mid, 1); // above Maximum QoS
    QCOMPARE(h.publish("t", "2", QoS::AtLeastOnce).mid, 2);                      // fine
    QCOMPARE(h.publish("t", "3", QoS::AtLeastOnce, 0, true).mid, 3);             // retained
    QCOMPARE(h.publish("t", QByteArray(100, 'x'), QoS::AtLeastOnce).mid, 4);     // too large
    QCOMPARE(h.publish("t", "5", QoS::AtLeastOnce).mid, 5);                      // fine
    h.connectWith(connack5(integers({ { PropertyId::MaximumQoS, 1 },
                                      { PropertyId::RetainAvailable, 0 },
                                      { PropertyId::MaximumPacketSize, 50 } })));
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "failed mid=1 NotSupported",
                                              "failed mid=3 NotSupported", "failed mid=4 PayloadSize" }));
    QCOMPARE_OUTPUT(h, "32 07 00 01 74 00 01 00 32  32 07 00 01 74 00 02 00 35");
    QVERIFY(info);
    QCOMPARE(info->state.load(), int(MqttMessageInfoPrivate::Failed));
    QCOMPARE(ErrorCode(info->error.load()), ErrorCode::NotSupported);

    // the same for messages republished into a new session that has smaller limits
    Harness r(V5);
    r.connect();
    r.publish("t", "1", QoS::ExactlyOnce);
    r.publish("t", "2", QoS::AtLeastOnce);
    r.take();
    r.session.connectionClosed();
    r.clearEvents();
    r.connectWith(connack5(integers({ { PropertyId::MaximumQoS, 1 } })));
    QCOMPARE(r.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "failed mid=1 NotSupported" }));
    QCOMPARE_OUTPUT(r, "3a 07 00 01 74 00 02 00 32");
}

// ---- MQTT 5 inbound topic aliases ----------------------------------------------------

void tst_Session::inboundTopicAliasResolvesTheTopic()
{
    Harness h(V5);
    h.session.config().connectProperties = integers({ { PropertyId::TopicAliasMaximum, 5 } });
    h.connect();
    h.clearEvents();
    // alias 1 := "a/b", then used with an empty topic
    h.receive(hex("30 0b 00 03 61 2f 62 03 23 00 01 68 69"), 0);
    h.receive(hex("30 08 00 00 03 23 00 01 68 6f"), 0);
    // alias 5 (the maximum) := "c", QoS 1 through the alias
    h.receive(hex("30 08 00 01 63 03 23 00 05 78"), 0);
    h.receive(hex("32 09 00 00 00 07 03 23 00 05 79"), 0);
    QCOMPARE_OUTPUT(h, "40 02 00 07");
    // alias 1 redefined := "d"
    h.receive(hex("30 08 00 01 64 03 23 00 01 7a"), 0);
    h.receive(hex("30 07 00 00 03 23 00 01 77"), 0);
    // QoS 2 through an alias, delivered on PUBREL with the resolved topic
    h.receive(hex("34 09 00 00 00 09 03 23 00 05 76"), 0);
    QCOMPARE_OUTPUT(h, "50 02 00 09");
    h.receive(hex("62 02 00 09"), 0);
    QCOMPARE_OUTPUT(h, "70 02 00 09");
    QCOMPARE(h.transcript(), (QByteArrayList{ "message a/b qos=0 'hi'", "message a/b qos=0 'ho'",
                                              "message c qos=0 'x'", "message c qos=1 'y'", "message d qos=0 'z'",
                                              "message d qos=0 'w'", "message c qos=2 'v'" }));

    // aliases do not outlive the connection [MQTT-3.3.2-7]
    h.reconnect(false);
    h.clearEvents();
    h.receive(hex("30 07 00 00 03 23 00 01 77"), 0);
    QCOMPARE(h.transcript(), QByteArrayList{ "close Protocol rc=0x82" });
    QCOMPARE_OUTPUT(h, "e0 01 82");
}

void tst_Session::invalidInboundTopicAliasClosesTheConnection_data()
{
    QTest::addColumn<int>("aliasMaximum"); // 0: no Topic Alias Maximum in CONNECT
    QTest::addColumn<QByteArray>("publish");
    QTest::addColumn<int>("reasonCode");

    // [MQTT-3.3.2-11] alias above the Topic Alias Maximum we sent: 0x94 Topic Alias invalid
    QTest::newRow("alias 6 above maximum 5") << 5 << hex("30 0b 00 03 61 2f 62 03 23 00 06 68 69") << 0x94;
    QTest::newRow("alias 65535 above maximum 5") << 5 << hex("30 0b 00 03 61 2f 62 03 23 ff ff 68 69") << 0x94;
    QTest::newRow("alias 6 above maximum 5, empty topic") << 5 << hex("30 08 00 00 03 23 00 06 68 69") << 0x94;
    // [MQTT-3.3.2-11] no alias at all when we allowed none
    QTest::newRow("alias 1 without a maximum") << 0 << hex("30 0b 00 03 61 2f 62 03 23 00 01 68 69") << 0x94;
    // [MQTT-3.3.2-8] alias 0 is not permitted
    QTest::newRow("alias 0") << 5 << hex("30 0b 00 03 61 2f 62 03 23 00 00 68 69") << 0x82;
    // an alias used before it was set: Protocol Error
    QTest::newRow("unknown alias with an empty topic") << 5 << hex("30 08 00 00 03 23 00 02 68 69") << 0x82;
    QTest::newRow("unknown alias, QoS 1") << 5 << hex("32 0a 00 00 00 01 03 23 00 02 68 69") << 0x82;
    QTest::newRow("unknown alias, QoS 2") << 5 << hex("34 0a 00 00 00 01 03 23 00 02 68 69") << 0x82;
    // an empty topic without an alias
    QTest::newRow("empty topic, no alias") << 5 << hex("30 05 00 00 00 68 69") << 0x82;
}

void tst_Session::invalidInboundTopicAliasClosesTheConnection()
{
    QFETCH(int, aliasMaximum);
    QFETCH(QByteArray, publish);
    QFETCH(int, reasonCode);

    Harness h(V5);
    if (aliasMaximum > 0)
        h.session.config().connectProperties = integers({ { PropertyId::TopicAliasMaximum, quint32(aliasMaximum) } });
    h.connect();
    h.clearEvents();
    h.receive(publish, 0);
    QCOMPARE(h.rec.events.size(), size_t(1));
    const Event &e = h.rec.events[0];
    QCOMPARE(e.kind, Event::MustClose);
    QCOMPARE(e.error, ErrorCode::Protocol);
    QCOMPARE(int(e.reasonCode), reasonCode);
    QVERIFY(!e.why.isEmpty());
    QByteArray d = hex("e0 01");
    d.append(char(reasonCode));
    QCOMPARE(h.takeHex(), d.toHex(' ')); // no PUBACK/PUBREC for the bad PUBLISH
    QCOMPARE(h.session.state(), State::Failed);
    QCOMPARE(h.session.pendingIncomingQos2Count(), 0);
}

// ---- SUBSCRIBE / UNSUBSCRIBE ---------------------------------------------------------

void tst_Session::subscribeIsByteExact_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<Subscriptions>("subscriptions");
    QTest::addColumn<MqttProperties>("properties");
    QTest::addColumn<QByteArray>("subscribe");
    QTest::addColumn<QByteArray>("suback");
    QTest::addColumn<QByteArray>("event");

    const Subscriptions plain = { Subscription{ QStringLiteral("a/+"), QoS::AtLeastOnce },
                                  Subscription{ QStringLiteral("b/#"), QoS::ExactlyOnce },
                                  Subscription{ QStringLiteral("c"), QoS::AtMostOnce } };
    // [MQTT-3.8.1-1] fixed header 0x82; id 1; each filter then its requested QoS
    QTest::newRow("3.1.1") << V311 << plain << MqttProperties()
                           << hex("82 12 00 01 00 03 61 2f 2b 01 00 03 62 2f 23 02 00 01 63 00")
                           << hex("90 05 00 01 01 02 80") << QByteArray("subacked mid=1 rc=01,02,80");
    QTest::newRow("3.1") << V31 << plain << MqttProperties()
                         << hex("82 12 00 01 00 03 61 2f 2b 01 00 03 62 2f 23 02 00 01 63 00")
                         << hex("90 05 00 01 00 00 00") << QByteArray("subacked mid=1 rc=00,00,00");
    // 5.0: subscription options No Local (bit 2), Retain As Published (bit 3), Retain Handling (bits 4-5)
    Subscription a{ QStringLiteral("a/+"), QoS::AtLeastOnce };
    a.noLocal = true;
    Subscription b{ QStringLiteral("b/#"), QoS::ExactlyOnce };
    b.retainAsPublished = true;
    b.retainHandling = Mqtt::RetainHandling::DoNotSend;
    Subscription c{ QStringLiteral("c"), QoS::AtMostOnce };
    c.retainHandling = Mqtt::RetainHandling::SendOnNewSubscribe;
    QTest::newRow("5.0 options and a subscription identifier")
            << V5 << Subscriptions{ a, b, c } << integers({ { PropertyId::SubscriptionIdentifier, 42 } })
            << hex("82 15 00 01 02 0b 2a 00 03 61 2f 2b 05 00 03 62 2f 23 2a 00 01 63 10")
            << hex("90 06 00 01 00 01 02 a2") << QByteArray("subacked mid=1 rc=01,02,a2");
    QTest::newRow("5.0 plain") << V5 << plain << MqttProperties()
                               << hex("82 13 00 01 00 00 03 61 2f 2b 01 00 03 62 2f 23 02 00 01 63 00")
                               << hex("90 06 00 01 00 01 02 00") << QByteArray("subacked mid=1 rc=01,02,00");
}

void tst_Session::subscribeIsByteExact()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(Subscriptions, subscriptions);
    QFETCH(MqttProperties, properties);
    QFETCH(QByteArray, subscribe);
    QFETCH(QByteArray, suback);
    QFETCH(QByteArray, event);

    Harness h(version);
    h.connect();
    h.clearEvents();
    const Result r = h.session.subscribe(subscriptions, properties, 0);
    QCOMPARE(r.rc, ErrorCode::NoError);
    QCOMPARE(r.mid, 1);
    QCOMPARE(h.takeHex(), subscribe.toHex(' '));
    // a SUBACK for another id is ignored
    h.receive(version == V5 ? hex("90 04 00 05 00 00") : hex("90 03 00 05 00"), 0);
    QVERIFY(h.rec.events.empty());
    h.receive(suback, 0);
    QCOMPARE(h.transcript(), QByteArrayList{ event });
    // a repeated SUBACK is ignored too
    h.receive(suback, 0);
    QCOMPARE(h.rec.events.size(), size_t(1));
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.session.state(), State::Connected);
}

void tst_Session::unsubscribeIsByteExact_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("unsubscribe");
    QTest::addColumn<QByteArray>("unsuback");
    QTest::addColumn<QByteArray>("event");

    // [MQTT-3.10.1-1] fixed header 0xa2; the SUBSCRIBE before took id 1 and mid 1
    QTest::newRow("3.1.1") << V311 << hex("a2 0a 00 02 00 03 61 2f 2b 00 01 63") << hex("b0 02 00 02")
                           << QByteArray("unsubacked mid=2 rc=");
    QTest::newRow("3.1") << V31 << hex("a2 0a 00 02 00 03 61 2f 2b 00 01 63") << hex("b0 02 00 02")
                         << QByteArray("unsubacked mid=2 rc=");
    QTest::newRow("5.0") << V5 << hex("a2 0b 00 02 00 00 03 61 2f 2b 00 01 63") << hex("b0 05 00 02 00 00 11")
                         << QByteArray("unsubacked mid=2 rc=00,11");
}

void tst_Session::unsubscribeIsByteExact()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, unsubscribe);
    QFETCH(QByteArray, unsuback);
    QFETCH(QByteArray, event);

    Harness h(version);
    h.connect();
    QCOMPARE(h.session.subscribe({ Subscription{ QStringLiteral("a/+"), QoS::AtLeastOnce } }, {}, 0).mid, 1);
    h.take();
    h.clearEvents();
    const Result r = h.session.unsubscribe({ QStringLiteral("a/+"), QStringLiteral("c") }, {}, 0);
    QCOMPARE(r.rc, ErrorCode::NoError);
    QCOMPARE(r.mid, 2);
    QCOMPARE(h.takeHex(), unsubscribe.toHex(' '));
    // an UNSUBACK for the SUBSCRIBE's id is not the UNSUBSCRIBE's
    h.receive(version == V5 ? hex("b0 04 00 01 00 00") : hex("b0 02 00 01"), 0);
    QVERIFY(h.rec.events.empty());
    h.receive(unsuback, 0);
    QCOMPARE(h.transcript(), QByteArrayList{ event });
    QCOMPARE_OUTPUT(h, "");
}

void tst_Session::invalidSubscribeIsRefused_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("connack"); // empty: not connected
    QTest::addColumn<Subscriptions>("subscriptions");
    QTest::addColumn<MqttProperties>("properties");
    QTest::addColumn<ErrorCode>("rc");

    const QByteArray ok3 = hex("20 02 00 00");
    const QByteArray ok5 = hex("20 03 00 00 00");
    auto one = [](const char *filter, QoS qos = QoS::AtMostOnce) {
        return Subscriptions{ Subscription{ QString::fromUtf8(filter), qos } };
    };
    const MqttProperties none;

    QTest::newRow("no filter") << V311 << ok3 << Subscriptions() << none << ErrorCode::Invalid;
    QTest::newRow("empty filter") << V311 << ok3 << one("") << none << ErrorCode::Invalid;
    // [MQTT-4.7.1-2], [MQTT-4.7.1-3]
    QTest::newRow("# not last") << V311 << ok3 << one("a/#/b") << none << ErrorCode::Invalid;
    QTest::newRow("+ not alone in its level") << V311 << ok3 << one("a+") << none << ErrorCode::Invalid;
    QTest::newRow("# not alone in its level") << V311 << ok3 << one("a#") << none << ErrorCode::Invalid;
    QTest::newRow("5.0 invalid filter") << V5 << ok5 << one("a/b#") << none << ErrorCode::Invalid;
    Subscriptions mixed = one("ok");
    mixed.append(Subscription{ QStringLiteral("bad+"), QoS::AtMostOnce });
    QTest::newRow("one invalid filter among valid ones") << V311 << ok3 << mixed << none << ErrorCode::Invalid;
    QTest::newRow("QoS 3") << V311 << ok3 << one("t", QoS(3)) << none << ErrorCode::Invalid;
    QTest::newRow("5.0 QoS 3") << V5 << ok5 << one("t", QoS(3)) << none << ErrorCode::Invalid;
    // subscription options and properties are MQTT 5
    Subscriptions noLocal = one("t");
    noLocal[0].noLocal = true;
    Subscriptions rap = one("t");
    rap[0].retainAsPublished = true;
    Subscriptions rh = one("t");
    rh[0].retainHandling = Mqtt::RetainHandling::DoNotSend;
    QTest::newRow("3.1.1 No Local") << V311 << ok3 << noLocal << none << ErrorCode::Invalid;
    QTest::newRow("3.1.1 Retain As Published") << V311 << ok3 << rap << none << ErrorCode::Invalid;
    QTest::newRow("3.1.1 Retain Handling") << V311 << ok3 << rh << none << ErrorCode::Invalid;
    QTest::newRow("3.1 No Local") << V31 << ok3 << noLocal << none << ErrorCode::Invalid;
    QTest::newRow("3.1.1 properties") << V311 << ok3 << one("t")
                                      << integers({ { PropertyId::SubscriptionIdentifier, 1 } }) << ErrorCode::Invalid;
    Subscriptions rh3 = one("t");
    rh3[0].retainHandling = Mqtt::RetainHandling(3);
    QTest::newRow("5.0 Retain Handling 3") << V5 << ok5 << rh3 << none << ErrorCode::Invalid;
    // int-sized enums: a value a quint8 cast would wrap into range is refused too
    Subscriptions rh256 = one("t");
    rh256[0].retainHandling = Mqtt::RetainHandling(256);
    QTest::newRow("5.0 Retain Handling 256") << V5 << ok5 << rh256 << none << ErrorCode::Invalid;
    QTest::newRow("5.0 QoS 256") << V5 << ok5 << one("t", QoS(256)) << none << ErrorCode::Invalid;
    QTest::newRow("5.0 property not allowed in SUBSCRIBE")
            << V5 << ok5 << one("t") << integers({ { PropertyId::MessageExpiryInterval, 1 } }) << ErrorCode::Invalid;
    // not connected
    QTest::newRow("3.1.1 disconnected") << V311 << QByteArray() << one("t") << none << ErrorCode::NoConnection;
    QTest::newRow("5.0 disconnected") << V5 << QByteArray() << one("t") << none << ErrorCode::NoConnection;
    // 5.0 features the broker said it lacks (CONNACK)
    QTest::newRow("5.0 wildcard, Wildcard Subscription Available 0")
            << V5 << connack5(integers({ { PropertyId::WildcardSubscriptionAvailable, 0 } })) << one("a/+") << none
            << ErrorCode::NotSupported;
    QTest::newRow("5.0 shared, Shared Subscription Available 0")
            << V5 << connack5(integers({ { PropertyId::SharedSubscriptionAvailable, 0 } })) << one("$share/g/t")
            << none << ErrorCode::NotSupported;
    QTest::newRow("5.0 identifier, Subscription Identifier Available 0")
            << V5 << connack5(integers({ { PropertyId::SubscriptionIdentifierAvailable, 0 } })) << one("t")
            << integers({ { PropertyId::SubscriptionIdentifier, 7 } }) << ErrorCode::NotSupported;
}

void tst_Session::invalidSubscribeIsRefused()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, connack);
    QFETCH(Subscriptions, subscriptions);
    QFETCH(MqttProperties, properties);
    QFETCH(ErrorCode, rc);

    Harness h(version);
    if (!connack.isEmpty())
        h.connectWith(connack);
    h.clearEvents();
    const Result r = h.session.subscribe(subscriptions, properties, 0);
    QCOMPARE(r.rc, rc);
    QCOMPARE(r.mid, 0);
    QVERIFY(!r.why.isEmpty());
    QCOMPARE_OUTPUT(h, "");
    QVERIFY(h.rec.events.empty());
    if (!connack.isEmpty()) {
        // no packet id was spent
        // the refusal used no message id
        QCOMPARE(h.session.subscribe({ Subscription{ QStringLiteral("t"), QoS::AtMostOnce } }, {}, 0).mid, 1);
    }
}

void tst_Session::invalidUnsubscribeIsRefused_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("connected");
    QTest::addColumn<QStringList>("filters");
    QTest::addColumn<MqttProperties>("properties");
    QTest::addColumn<ErrorCode>("rc");

    const MqttProperties none;
    QTest::newRow("no filter") << V311 << true << QStringList() << none << ErrorCode::Invalid;
    QTest::newRow("empty filter") << V311 << true << QStringList{ QString() } << none << ErrorCode::Invalid;
    QTest::newRow("# not last") << V311 << true << QStringList{ QStringLiteral("a/#/b") } << none << ErrorCode::Invalid;
    QTest::newRow("one invalid among valid")
            << V5 << true << QStringList{ QStringLiteral("a"), QStringLiteral("b+") } << none << ErrorCode::Invalid;
    MqttProperties user;
    user.addUserProperty(QStringLiteral("k"), QStringLiteral("v"));
    QTest::newRow("3.1.1 properties") << V311 << true << QStringList{ QStringLiteral("t") } << user << ErrorCode::Invalid;
    QTest::newRow("3.1.1 disconnected") << V311 << false << QStringList{ QStringLiteral("t") } << none
                                        << ErrorCode::NoConnection;
    QTest::newRow("5.0 disconnected") << V5 << false << QStringList{ QStringLiteral("t") } << none
                                      << ErrorCode::NoConnection;
}

void tst_Session::invalidUnsubscribeIsRefused()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, connected);
    QFETCH(QStringList, filters);
    QFETCH(MqttProperties, properties);
    QFETCH(ErrorCode, rc);

    Harness h(version);
    if (connected)
        h.connect();
    h.clearEvents();
    const Result r = h.session.unsubscribe(filters, properties, 0);
    QCOMPARE(r.rc, rc);
    QCOMPARE(r.mid, 0);
    QVERIFY(!r.why.isEmpty());
    QCOMPARE_OUTPUT(h, "");
    QVERIFY(h.rec.events.empty());
}

void tst_Session::subscribeAboveMaximumPacketSizeIsRefused()
{
    // [MQTT-3.2.2-15] no packet above the server's Maximum Packet Size, SUBSCRIBE included
    Harness h(V5);
    h.connectWith(connack5(integers({ { PropertyId::MaximumPacketSize, 20 } })));
    h.clearEvents();
    const QString longFilter = QStringLiteral("a/very/long/topic/filter/#");
    const Result s = h.session.subscribe({ Subscription{ longFilter, QoS::AtMostOnce } }, {}, 0);
    QCOMPARE(s.rc, ErrorCode::PayloadSize);
    QVERIFY(!s.why.isEmpty());
    const Result u = h.session.unsubscribe({ longFilter }, {}, 0);
    QCOMPARE(u.rc, ErrorCode::PayloadSize);
    QCOMPARE_OUTPUT(h, "");
    // 20 bytes exactly is fine: 2 + 2 + 1 + (2 + 12) + 1
    QCOMPARE(h.session.subscribe({ Subscription{ QStringLiteral("abcdefghijkl"), QoS::AtMostOnce } }, {}, 0).rc,
             ErrorCode::NoError);
    QCOMPARE(h.take().size(), 20);
}

// ---- DISCONNECT and reset ------------------------------------------------------------

void tst_Session::disconnectIsByteExact_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<ReasonCode>("reasonCode");
    QTest::addColumn<MqttProperties>("properties");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("3.1.1") << V311 << ReasonCode::NormalDisconnection << MqttProperties() << hex("e0 00");
    QTest::newRow("3.1") << V31 << ReasonCode::NormalDisconnection << MqttProperties() << hex("e0 00");
    // 5.0 3.14.2.1: reason code and properties may be omitted for 0x00 with none
    QTest::newRow("5.0 normal") << V5 << ReasonCode::NormalDisconnection << MqttProperties() << hex("e0 00");
    QTest::newRow("5.0 with will message (0x04)")
            << V5 << ReasonCode::DisconnectWithWillMessage << MqttProperties() << hex("e0 01 04");
    QTest::newRow("5.0 session expiry")
            << V5 << ReasonCode::NormalDisconnection << integers({ { PropertyId::SessionExpiryInterval, 0 } })
            << hex("e0 07 00 05 11 00 00 00 00");
}

void tst_Session::disconnectIsByteExact()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(ReasonCode, reasonCode);
    QFETCH(MqttProperties, properties);
    QFETCH(QByteArray, expected);

    Harness h(version);
    h.session.config().keepAlive = 10;
    h.connect();
    h.clearEvents();
    h.session.disconnect(reasonCode, properties, 1000);
    QCOMPARE(h.takeHex(), expected.toHex(' '));
    QCOMPARE(h.session.state(), State::Disconnecting);
    // nothing more is sent: no PINGREQ, no PUBLISH
    QCOMPARE(h.session.nextDeadline(), qint64(-1));
    h.session.tick(100000);
    QCOMPARE(h.publish("t", "x", QoS::AtMostOnce).rc, ErrorCode::NoConnection);
    QCOMPARE(h.publish("t", "x", QoS::AtLeastOnce).rc, ErrorCode::NoError); // kept for later
    QCOMPARE_OUTPUT(h, "");
    QVERIFY(h.rec.events.empty());
}

void tst_Session::nothingIsWrittenAfterDisconnect_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("broker");
    QTest::addColumn<QByteArrayList>("events");

    // 3.1.1 [MQTT-3.14.4-2] / 5.0 [MQTT-3.14.4-1]: after DISCONNECT the client sends nothing
    // more on that connection, whatever the broker still sends.
    QTest::newRow("3.1.1 QoS 1 PUBLISH (no PUBACK)")
            << V311 << hex("32 06 00 01 74 00 07 78") << QByteArrayList{ "message t qos=1 'x'" };
    QTest::newRow("5.0 QoS 1 PUBLISH (no PUBACK)")
            << V5 << hex("32 07 00 01 74 00 07 00 78") << QByteArrayList{ "message t qos=1 'x'" };
    QTest::newRow("3.1.1 QoS 2 PUBLISH (no PUBREC)") << V311 << hex("34 06 00 01 74 00 07 78") << QByteArrayList{};
    QTest::newRow("3.1.1 PUBREC (no PUBREL)") << V311 << hex("50 02 00 01") << QByteArrayList{};
    QTest::newRow("5.0 PUBREC for an unknown id (no PUBREL)") << V5 << hex("50 02 00 09") << QByteArrayList{};
    QTest::newRow("3.1.1 PUBREL (no PUBCOMP)") << V311 << hex("62 02 00 09") << QByteArrayList{};
    QTest::newRow("5.0 malformed packet (no second DISCONNECT)")
            << V5 << hex("00 00") << QByteArrayList{ "close Protocol rc=0x81" };
    QTest::newRow("5.0 CONNACK (no second DISCONNECT)")
            << V5 << hex("20 03 00 00 00") << QByteArrayList{ "close Protocol rc=0x82" };
}

void tst_Session::nothingIsWrittenAfterDisconnect()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, broker);
    QFETCH(QByteArrayList, events);

    Harness h(version);
    h.connect();
    h.publish("t", "q", QoS::ExactlyOnce);
    h.take();
    h.clearEvents();
    h.session.disconnect(ReasonCode::NormalDisconnection, {}, 0);
    QCOMPARE_OUTPUT(h, "e0 00");
    h.receive(broker, 0);
    QCOMPARE_OUTPUT(h, "");
    QCOMPARE(h.transcript(), events);
    h.session.tick(1000000);
    QCOMPARE_OUTPUT(h, "");

    // the next connection starts normally
    h.session.connectionClosed();
    h.session.connectionOpened(0);
    QVERIFY(!h.take().isEmpty());
    QCOMPARE(h.session.state(), State::AwaitConnack);
}

void tst_Session::connectionOpenedStartsFreshAfterDisconnect()
{
    // A new byte stream may open without connectionClosed() for the old one (the facade
    // aborts a transport and starts another): CONNECT is still written.
    Harness h;
    h.connect();
    h.session.disconnect(ReasonCode::NormalDisconnection, {}, 0);
    h.take();
    h.session.connectionOpened(0);
    QCOMPARE_OUTPUT(h, "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31");
    QCOMPARE(h.session.state(), State::AwaitConnack);
    h.receive(hex("20 02 00 00"), 0);
    QCOMPARE(h.session.state(), State::Connected);
}

void tst_Session::resetFailsPendingMessagesAndClearsState()
{
    Harness h;
    h.session.config().maxInflight = 2;
    h.session.config().cleanSession = false;
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.publish("t", "2", QoS::ExactlyOnce);
    h.publish("t", "3", QoS::AtLeastOnce); // queued
    h.receive(hex("50 02 00 02") + hex("34 06 00 01 74 00 09 78"), 0);
    h.session.subscribe({ Subscription{ QStringLiteral("s"), QoS::AtMostOnce } }, {}, 0);
    QCOMPARE(h.session.inflightCount(), 2);
    QCOMPARE(h.session.queuedCount(), 1);
    QCOMPARE(h.session.pendingIncomingQos2Count(), 1);
    h.clearEvents();

    h.session.reset();
    QCOMPARE(h.transcript(), (QByteArrayList{ "failed mid=1 NoConnection", "failed mid=2 NoConnection",
                                              "failed mid=3 NoConnection" }));
    QCOMPARE(h.session.state(), State::Disconnected);
    QCOMPARE(h.session.inflightCount(), 0);
    QCOMPARE(h.session.queuedCount(), 0);
    QCOMPARE(h.session.pendingIncomingQos2Count(), 0);
    QCOMPARE(h.session.nextDeadline(), qint64(-1));
    QCOMPARE_OUTPUT(h, "");

    // a fresh start: ids and mids from 1, nothing resent, no late SUBACK reported
    h.clearEvents();
    h.connect(0, true);
    QCOMPARE_OUTPUT(h, "");
    h.receive(hex("90 03 00 03 00") + hex("62 02 00 09"), 0);
    QCOMPARE(h.transcript(), QByteArrayList{ "connack sp=1 rc=0x00" });
    QCOMPARE_OUTPUT(h, "70 02 00 09"); // unknown PUBREL is still completed
    QCOMPARE(h.publish("t", "n", QoS::AtLeastOnce).mid, 1);
    QCOMPARE_WRITTEN(h, pub311(1, 'n'));
}

// ---- reentrancy ----------------------------------------------------------------------

void tst_Session::publishFromAckHandlerDuringResend()
{
    Harness h;
    h.session.config().cleanSession = false;
    h.session.config().maxInflight = 2;
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.publish("t", "2", QoS::AtLeastOnce);
    h.publish("t", "3", QoS::AtLeastOnce);
    h.take();
    h.reconnect(true);
    QCOMPARE_WRITTEN(h, pub311(1, '1', true) + pub311(2, '2', true));

    QList<Result> fromHandler;
    h.rec.react = [&](const Event &e) {
        if (e.kind == Event::Acked)
            fromHandler.append(h.publish("t", "n", e.mid == 1 ? QoS::AtLeastOnce : QoS::ExactlyOnce));
    };
    h.clearEvents();
    // PUBACK 1 frees a slot: "3" (queued first) goes out, then the handler's message waits
    PLAY(h, { "broker 40 02 00 01", "client 32 06 00 01 74 00 03 33", "broker 40 02 00 02",
              "client 32 06 00 01 74 00 04 6e", "broker 40 02 00 03", "client 34 06 00 01 74 00 05 6e",
              "broker 40 02 00 04", "client 34 06 00 01 74 00 06 6e" });
    QCOMPARE(fromHandler.size(), 4);
    QCOMPARE(fromHandler[0].mid, 4);
    QCOMPARE(fromHandler[1].mid, 5);
    QCOMPARE(h.transcript(), (QByteArrayList{ "acked mid=1 rc=0x00", "acked mid=2 rc=0x00", "acked mid=3 rc=0x00",
                                              "acked mid=4 rc=0x00" }));
    h.rec.react = nullptr;
    // the handler's messages are still in order
    QCOMPARE(h.session.inflightCount(), 2);
    QCOMPARE(h.session.queuedCount(), 1);
}

void tst_Session::publishFromMessageHandlerFollowsTheAck_data()
{
    QTest::addColumn<QByteArrayList>("script");
    QTest::newRow("QoS 1: PUBACK, then the handler's PUBLISH")
            << QByteArrayList{ "broker 32 06 00 01 74 00 07 78", "client 40 02 00 07  32 06 00 01 72 00 01 72" };
    QTest::newRow("QoS 2: PUBCOMP, then the handler's PUBLISH")
            << QByteArrayList{ "broker 34 06 00 01 74 00 07 78", "client 50 02 00 07", "broker 62 02 00 07",
                               "client 70 02 00 07  32 06 00 01 72 00 01 72" };
    QTest::newRow("QoS 0: only the handler's PUBLISH")
            << QByteArrayList{ "broker 30 04 00 01 74 78", "client 32 06 00 01 72 00 01 72" };
    QTest::newRow("two messages in one read")
            << QByteArrayList{ "broker 32 06 00 01 74 00 07 78  32 06 00 01 74 00 08 79",
                               "client 40 02 00 07  32 06 00 01 72 00 01 72  40 02 00 08  32 06 00 01 72 00 02 72" };
}

void tst_Session::publishFromMessageHandlerFollowsTheAck()
{
    QFETCH(QByteArrayList, script);
    Harness h;
    h.connect();
    h.rec.react = [&](const Event &e) {
        if (e.kind == Event::Message)
            QCOMPARE(h.publish("r", "r", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    };
    PLAY(h, script);
}

void tst_Session::publishFromFailedHandlerAfterCleanReconnect()
{
    Harness h;
    h.session.config().republishOnCleanSession = false;
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.publish("t", "2", QoS::ExactlyOnce);
    h.publish("t", "3", QoS::AtLeastOnce);
    h.take();
    QList<int> mids;
    h.rec.react = [&](const Event &e) {
        if (e.kind == Event::Failed)
            mids.append(h.publish("t", "n", QoS::AtLeastOnce).mid); // e.g. "try again"
    };
    h.session.connectionClosed();
    h.clearEvents();
    h.connect(0, false);
    h.rec.react = nullptr;
    QCOMPARE(mids, (QList<int>{ 4, 5, 6 }));
    // the retries are first sends, not failed with the old ones
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "failed mid=1 ConnectionLost",
                                              "failed mid=2 ConnectionLost", "failed mid=3 ConnectionLost" }));
    QCOMPARE_WRITTEN(h, pub311(4, 'n') + pub311(5, 'n') + pub311(6, 'n'));
    PLAY(h, { "broker 40 02 00 04  40 02 00 05  40 02 00 06" });
    QCOMPARE(h.transcript().mid(4),
             (QByteArrayList{ "acked mid=4 rc=0x00", "acked mid=5 rc=0x00", "acked mid=6 rc=0x00" }));
}

void tst_Session::publishFromConnackHandlerIsSentOnceAfterResends_data()
{
    QTest::addColumn<bool>("sessionPresent");
    QTest::addColumn<bool>("republish");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArrayList>("events");

    // Paho's on_connect pattern: subscribe and publish from the CONNACK handler. As in
    // Paho, the handler runs before the session is resumed: its SUBSCRIBE (id 2, the old
    // message keeps id 1) goes out first, so it does not miss the messages resent or
    // queued. The old message is resent once after it; the handler's PUBLISH is held
    // behind it and sent once, as a first send (DUP=0): never resent as a duplicate,
    // never failed with the old messages, never ahead of them.
    const QByteArray subscribe = hex("82 06 00 02 00 01 73 00");
    QTest::newRow("session present") << true << true
                                     << QByteArray(subscribe + pub311(1, '1', true) + pub311(3, 'n'))
                                     << QByteArrayList{ "connack sp=1 rc=0x00" };
    QTest::newRow("no session, republish") << false << true
                                           << QByteArray(subscribe + pub311(1, '1', true) + pub311(3, 'n'))
                                           << QByteArrayList{ "connack sp=0 rc=0x00" };
    QTest::newRow("no session, no republish")
            << false << false << QByteArray(subscribe + pub311(3, 'n'))
            << QByteArrayList{ "connack sp=0 rc=0x00", "failed mid=1 ConnectionLost" };
}

void tst_Session::publishFromConnackHandlerIsSentOnceAfterResends()
{
    QFETCH(bool, sessionPresent);
    QFETCH(bool, republish);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArrayList, events);

    Harness h;
    h.session.config().cleanSession = !sessionPresent;
    h.session.config().republishOnCleanSession = republish;
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.take();
    h.session.connectionClosed();

    int handlerMid = 0;
    h.rec.react = [&](const Event &e) {
        if (e.kind == Event::Connack) {
            QCOMPARE(h.session.subscribe({ Subscription{ QStringLiteral("s"), QoS::AtMostOnce } }, {}, 0).mid, 2);
            handlerMid = h.publish("t", "n", QoS::AtLeastOnce).mid;
        }
    };
    h.clearEvents();
    h.connect(0, sessionPresent);
    h.rec.react = nullptr;
    QCOMPARE(handlerMid, 3);
    QCOMPARE(h.transcript(), events);
    QCOMPARE(h.takeHex(), expected.toHex(' '));
    // both flows complete normally
    h.clearEvents();
    h.receive(hex("40 02 00 03"), 0);
    if (republish)
        h.receive(hex("40 02 00 01"), 0);
    const QByteArrayList acked = republish ? QByteArrayList{ "acked mid=3 rc=0x00", "acked mid=1 rc=0x00" }
                                           : QByteArrayList{ "acked mid=3 rc=0x00" };
    QCOMPARE(h.transcript(), acked);
    QCOMPARE(h.session.inflightCount(), 0);
}

// A message published while offline is queued; the CONNACK handler subscribes to its
// topic. As with Paho, the SUBSCRIBE goes first, so the subscriber gets its own message
// (the broker log used to show the PUBLISH before the SUBSCRIBE).
void tst_Session::subscribeFromConnackHandlerGoesBeforeTheOfflineQueue()
{
    Harness h;
    QCOMPARE(h.publish("t", "1", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    h.rec.react = [&](const Event &e) {
        if (e.kind == Event::Connack)
            QCOMPARE(h.session.subscribe({ Subscription{ QStringLiteral("t"), QoS::AtLeastOnce } }, {}, 0).rc,
                     ErrorCode::NoError);
    };
    h.connect();
    h.rec.react = nullptr;
    QCOMPARE(h.takeHex(), QByteArray(hex("82 06 00 01 00 01 74 01") + pub311(2, '1')).toHex(' '));
}

void tst_Session::publishFromFailedHandlerDuringResetKeepsMidsUnique()
{
    Harness h;
    h.connect();
    h.publish("t", "1", QoS::AtLeastOnce);
    h.publish("t", "2", QoS::AtLeastOnce);
    h.take();
    int handlerMid = 0;
    h.rec.react = [&](const Event &e) {
        if (e.kind == Event::Failed && e.mid == 1)
            handlerMid = h.publish("t", "n", QoS::AtLeastOnce).mid;
    };
    h.session.reset();
    h.rec.react = nullptr;
    QVERIFY(handlerMid > 0);
    QCOMPARE_OUTPUT(h, "");

    // every message accepted from now on has its own mid
    std::set<int> mids{ handlerMid };
    for (int i = 0; i < 4; ++i) {
        const int mid = h.publish("t", "x", QoS::AtLeastOnce).mid;
        QVERIFY2(mids.insert(mid).second, qPrintable(QStringLiteral("mid %1 given twice").arg(mid)));
    }
    // the handler's message was never written to a connection: it goes out as a first send
    h.clearEvents();
    h.connect();
    const QByteArray out = h.take();
    QCOMPARE(out.left(8).toHex(' '), pub311(1, 'n').toHex(' '));
}

void tst_Session::publishFromFailedHandlerDuringQueuePump()
{
    // Queued messages that fail at CONNACK call back while the queue is being drained.
    Harness h(V5);
    h.publish("t", "1", QoS::ExactlyOnce);
    h.publish("t", "2", QoS::AtLeastOnce);
    h.publish("t", "3", QoS::ExactlyOnce);
    int calls = 0;
    h.rec.react = [&](const Event &e) {
        if (e.kind == Event::Failed && ++calls <= 2)
            QCOMPARE(h.publish("t", "n", QoS::AtLeastOnce).rc, ErrorCode::NoError);
    };
    h.connectWith(connack5(integers({ { PropertyId::MaximumQoS, 1 } })));
    h.rec.react = nullptr;
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "failed mid=1 NotSupported",
                                              "failed mid=3 NotSupported" }));
    // in acceptance order: "2", then the two from the handler
    QCOMPARE_OUTPUT(h, "32 07 00 01 74 00 01 00 32  32 07 00 01 74 00 02 00 6e  32 07 00 01 74 00 03 00 6e");
}

// ---- MqttMessageInfo -----------------------------------------------------------------

void tst_Session::messageInfoCompletesOnAcknowledgement_data()
{
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<QByteArrayList>("beforeLast");
    QTest::addColumn<QByteArray>("last");
    QTest::newRow("QoS 1: PUBACK") << QoS::AtLeastOnce << QByteArrayList{} << hex("40 02 00 01");
    QTest::newRow("QoS 2: PUBCOMP, not PUBREC")
            << QoS::ExactlyOnce << QByteArrayList{ "broker 50 02 00 01", "client 62 02 00 01" } << hex("70 02 00 01");
}

void tst_Session::messageInfoCompletesOnAcknowledgement()
{
    QFETCH(QoS, qos);
    QFETCH(QByteArrayList, beforeLast);
    QFETCH(QByteArray, last);

    Harness h;
    MqttMessageInfoState state;
    const Result r = h.publish("t", "x", qos, 0, false, {}, &state);
    QCOMPARE(r.rc, ErrorCode::NoError);
    QVERIFY(state);
    MqttMessageInfo info(r.rc, r.mid);
    MqttMessageInfoPrivate::attach(info, state);
    QCOMPARE(info.mid(), 1);
    QVERIFY(!info.isPublished()); // queued while disconnected

    h.connect();
    h.take();
    QVERIFY(!info.isPublished()); // sent, not acknowledged
    PLAY(h, beforeLast);
    QVERIFY(!info.isPublished());
    h.receive(last, 0);
    QVERIFY(info.isPublished());
    QCOMPARE(info.error(), ErrorCode::NoError);
    QVERIFY(info.waitForPublish(0));
}

void tst_Session::messageInfoFailsOnRefusingAck_data()
{
    QTest::addColumn<QByteArray>("ack");
    QTest::addColumn<ErrorCode>("error");
    QTest::newRow("PUBACK 0x87 Not authorized") << hex("40 03 00 01 87") << ErrorCode::AclDenied;
    QTest::newRow("PUBACK 0x97 Quota exceeded") << hex("40 03 00 01 97") << ErrorCode::QueueSize;
    QTest::newRow("PUBACK 0x90 Topic name invalid") << hex("40 03 00 01 90") << ErrorCode::Invalid;
    QTest::newRow("PUBACK 0x80 Unspecified") << hex("40 03 00 01 80") << ErrorCode::Unknown;
    QTest::newRow("PUBACK 0x10 No matching subscribers is success")
            << hex("40 03 00 01 10") << ErrorCode::NoError;
}

void tst_Session::messageInfoFailsOnRefusingAck()
{
    // MQTT 5: a failure reason code ends the flow; the message was not published.
    QFETCH(QByteArray, ack);
    QFETCH(ErrorCode, error);
    Harness h(V5);
    h.connect();
    h.take();
    MqttMessageInfoState state;
    const Result r = h.publish("t", "x", QoS::AtLeastOnce, 0, false, {}, &state);
    MqttMessageInfo info(r.rc, r.mid);
    MqttMessageInfoPrivate::attach(info, state);
    h.take();
    h.receive(ack, 0);
    QCOMPARE(info.isPublished(), error == ErrorCode::NoError);
    QCOMPARE(info.error(), error);
    QCOMPARE(h.session.inflightCount(), 0);
}

void tst_Session::abandonCompletesPendingInfosWithoutEvents()
{
    // The client is being destroyed: nobody may wait forever, and no observer call is
    // made into a dying owner.
    Harness h;
    h.connect();
    h.take();
    MqttMessageInfoState inflight, queued;
    h.session.config().maxInflight = 1;
    const Result a = h.publish("t", "a", QoS::AtLeastOnce, 0, false, {}, &inflight);
    const Result b = h.publish("t", "b", QoS::ExactlyOnce, 0, false, {}, &queued);
    QCOMPARE(h.session.queuedCount(), 1);
    const size_t events = h.rec.events.size();
    h.session.abandon(ErrorCode::NoConnection);
    QCOMPARE(h.rec.events.size(), events);
    for (auto [r, s] : { std::pair{ a, inflight }, std::pair{ b, queued } }) {
        MqttMessageInfo info(r.rc, r.mid);
        MqttMessageInfoPrivate::attach(info, s);
        QVERIFY(!info.isPublished());
        QCOMPARE(info.error(), ErrorCode::NoConnection);
        QVERIFY(!info.waitForPublish(-1)); // returns at once
    }
}

void tst_Session::largePayloadIsAnUncopiedOutputSegment()
{
    // A payload of 64 KiB or more is not copied into the output: it is drained as its own
    // segment, after the packet's head, sharing the caller's bytes.
    Harness h;
    h.connect();
    h.take();
    const QByteArray payload(100 * 1024, 'p');
    QVERIFY(h.publish("t", "a", QoS::AtMostOnce).rc == ErrorCode::NoError);
    QVERIFY(h.publish("t", payload, QoS::AtLeastOnce).rc == ErrorCode::NoError);
    QVERIFY(h.publish("t", "b", QoS::AtMostOnce).rc == ErrorCode::NoError);
    QVERIFY(h.session.hasOutput());
    QByteArray expected;
    for (const auto &[q, id, body] : { std::tuple{ QoS::AtMostOnce, 0, QByteArray("a") },
                                       std::tuple{ QoS::AtLeastOnce, 1, payload },
                                       std::tuple{ QoS::AtMostOnce, 0, QByteArray("b") } }) {
        PublishPacket p;
        p.topic = "t";
        p.qos = q;
        p.packetId = quint16(id);
        p.payload = body;
        QCOMPARE(MqttCodec::encode(p, ProtocolVersion::V3_1_1, expected), MqttCodec::EncodeError::None);
    }
    QCOMPARE(h.session.outputSize(), expected.size());
    QByteArray written;
    QList<const char *> chunks;
    h.session.drainOutput([&](const QByteArray &bytes) {
        written += bytes;
        chunks.append(bytes.constData());
    });
    QCOMPARE(written, expected);
    QCOMPARE(chunks.size(), 3); // head of the first two packets, the payload, the rest
    QCOMPARE(chunks.at(1), payload.constData()); // the very same bytes, not a copy
    QVERIFY(!h.session.hasOutput());
}

void tst_Session::messageInfoReportsFailure_data()
{
    QTest::addColumn<int>("how");
    QTest::addColumn<ErrorCode>("error");
    QTest::newRow("reset") << 0 << ErrorCode::NoConnection;
    QTest::newRow("no session, republish off") << 1 << ErrorCode::ConnectionLost;
    QTest::newRow("above the broker's Maximum QoS") << 2 << ErrorCode::NotSupported;
}

void tst_Session::messageInfoReportsFailure()
{
    QFETCH(int, how);
    QFETCH(ErrorCode, error);

    Harness h(how == 2 ? V5 : V311);
    h.session.config().republishOnCleanSession = false;
    if (how != 2)
        h.connect();
    MqttMessageInfoState state;
    const Result r = h.publish("t", "x", QoS::ExactlyOnce, 0, false, {}, &state);
    MqttMessageInfo info(r.rc, r.mid);
    MqttMessageInfoPrivate::attach(info, state);
    if (how == 0) {
        h.session.reset();
    } else if (how == 1) {
        h.session.connectionClosed();
        h.connect();
    } else {
        h.connectWith(connack5(integers({ { PropertyId::MaximumQoS, 1 } })));
    }
    QVERIFY(!info.isPublished());
    QCOMPARE(info.error(), error);
    QVERIFY(!info.waitForPublish(0));
    QCOMPARE(h.eventsOf(Event::Failed).size(), size_t(1));
}

// ---- issue 14: checks that were missing -------------------------------------------------------

void tst_Session::authWithoutAuthenticationMethodIsAProtocolError_data()
{
    QTest::addColumn<QByteArray>("auth");
    QTest::newRow("success, no fields") << hex("f0 00");
    QTest::newRow("continue authentication") << hex("f0 02 18 00");
}

void tst_Session::authWithoutAuthenticationMethodIsAProtocolError()
{
    // [MQTT-4.12.0-6] a server must not send AUTH unless the CONNECT carried an
    // Authentication Method; the client closes with Protocol Error, and answers nothing.
    QFETCH(QByteArray, auth);
    Harness h(V5);
    h.connect();
    h.receive(auth, 0);
    QCOMPARE(h.transcript(), (QByteArrayList{ "connack sp=0 rc=0x00", "close Protocol rc=0x82" }));
    QCOMPARE_OUTPUT(h, "e0 01 82");
    QVERIFY(h.eventsOf(Event::Auth).empty());
}

void tst_Session::authWithAuthenticationMethodReachesTheApplication()
{
    Harness h(V5);
    h.session.config().connectProperties.setString(Mqtt::PropertyId::AuthenticationMethod, QStringLiteral("SCRAM-SHA-256"));
    h.session.connectionOpened(0);
    h.take();
    h.receive(hex("f0 12 18 10 15 00 0d") + QByteArray("SCRAM-SHA-256"), 0);
    QCOMPARE(h.transcript(), QByteArrayList{ "auth rc=0x18" });
}

void tst_Session::ourReceiveMaximumIsEnforcedOnInboundQos2()
{
    // [MQTT-3.3.4-9] the broker must not send more QoS 2 messages awaiting PUBCOMP than the
    // client's Receive Maximum; the client closes with 0x93 when it does.
    Harness h(V5);
    h.session.config().connectProperties.setInteger(Mqtt::PropertyId::ReceiveMaximum, 2);
    h.connect();
    PLAY(h, { "broker 34 07 00 01 74 00 01 00 31", "client 50 02 00 01",
              "broker 34 07 00 01 74 00 02 00 32", "client 50 02 00 02",
              "broker 34 07 00 01 74 00 03 00 33", "client e0 01 93" });
    QCOMPARE(h.eventsOf(Event::MustClose).size(), size_t(1));
    QCOMPARE(h.eventsOf(Event::MustClose)[0].reasonCode, ReasonCode::ReceiveMaximumExceeded);
    // within the limit, a PUBREL frees room again
    Harness ok(V5);
    ok.session.config().connectProperties.setInteger(Mqtt::PropertyId::ReceiveMaximum, 1);
    ok.connect();
    PLAY(ok, { "broker 34 07 00 01 74 00 01 00 31", "client 50 02 00 01", "broker 62 02 00 01",
               "client 70 02 00 01", "broker 34 07 00 01 74 00 02 00 32", "client 50 02 00 02" });
    QVERIFY(ok.eventsOf(Event::MustClose).empty());
}

void tst_Session::ackWithWrongReasonCodeCountIsAProtocolError_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("subscribe");
    QTest::addColumn<QByteArray>("ack");
    QTest::addColumn<QByteArray>("disconnect");
    QTest::newRow("3.1.1 SUBACK, one code for two filters") << V311 << true << hex("90 03 00 01 01") << QByteArray();
    QTest::newRow("5.0 SUBACK, three codes for two filters") << V5 << true << hex("90 06 00 01 00 01 01 01") << QByteArray("e0 01 82");
    QTest::newRow("5.0 UNSUBACK, one code for two filters") << V5 << false << hex("b0 04 00 01 00 00") << QByteArray("e0 01 82");
}

void tst_Session::ackWithWrongReasonCodeCountIsAProtocolError()
{
    // [MQTT-3.9.3-1] [MQTT-3.11.3-1] one reason code per topic filter
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, subscribe);
    QFETCH(QByteArray, ack);
    QFETCH(QByteArray, disconnect);
    Harness h(version);
    h.connect();
    const Result r = subscribe
            ? h.session.subscribe({ MqttCodec::Subscription{ QStringLiteral("a"), QoS::AtLeastOnce, false, false, {} },
                                    MqttCodec::Subscription{ QStringLiteral("b"), QoS::AtLeastOnce, false, false, {} } },
                                  {}, 0)
            : h.session.unsubscribe({ QStringLiteral("a"), QStringLiteral("b") }, {}, 0);
    QCOMPARE(r.rc, ErrorCode::NoError);
    h.take();
    h.clearEvents();
    h.receive(ack, 0);
    QCOMPARE(h.transcript(), (QByteArrayList{ "close Protocol rc=0x82" }));
    QCOMPARE_OUTPUT(h, disconnect.constData());
}

void tst_Session::nonMqttPeerIsReportedAtItsFirstByte_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("shown");
    QTest::newRow("HTTP server") << QByteArray("HTTP/1.1 400 Bad Request\r\n") << QStringLiteral("HTTP/1.1 400 Bad Request");
    QTest::newRow("TLS alert") << hex("15 03 03 00 02 02 46") << QStringLiteral("first byte 0x15");
    QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << QStringLiteral("SSH-2.0-OpenSSH");
}

void tst_Session::nonMqttPeerIsReportedAtItsFirstByte()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, shown);
    Harness h(V311);
    h.session.connectionOpened(0);
    h.take();
    h.receive(answer.left(1), 0); // the first byte alone already tells
    QCOMPARE(h.eventsOf(Event::MustClose).size(), size_t(1));
    const Event close = h.eventsOf(Event::MustClose)[0];
    QCOMPARE(close.error, ErrorCode::Protocol);
    QVERIFY2(close.why.contains(QStringLiteral("does not speak MQTT")), qPrintable(close.why));
    Harness full(V311);
    full.session.connectionOpened(0);
    full.take();
    full.receive(answer, 0);
    const Event named = full.eventsOf(Event::MustClose).at(0);
    QVERIFY2(named.why.contains(shown), qPrintable(named.why));
    QCOMPARE_OUTPUT(full, ""); // nothing said to a peer that is not a broker
}

void tst_Session::bytesArrivingKeepABusyLinkAlive()
{
    // A PINGRESP stuck behind a backlog of messages must not end a busy, healthy link:
    // any byte from the broker proves it alive.
    Harness h(V311);
    h.session.config().keepAlive = 5;
    h.connect(0);
    PLAY(h, { "at 5000", "client c0 00" });
    h.receive(hex("30 04 00 01 74 78"), 9000); // no PINGRESP yet, but traffic
    h.session.tick(10000);
    QVERIFY(h.eventsOf(Event::MustClose).empty());
    // [MQTT-3.1.2-23] the broker hears from the client every period, even while the first
    // PINGRESP is still on its way
    QCOMPARE_OUTPUT(h, "c0 00");
    QCOMPARE(h.session.nextDeadline(), qint64(14000));
    h.session.tick(14000); // a whole keepalive period of silence after that
    QCOMPARE(h.eventsOf(Event::MustClose).size(), size_t(1));
    QCOMPARE(h.eventsOf(Event::MustClose)[0].error, ErrorCode::KeepAlive);
}

void tst_Session::outboundTopicAliasSendsTheTopicOncePerConnection()
{
    // A caller's topic alias within the broker's Topic Alias Maximum is used: the first
    // PUBLISH on a connection sets the mapping, later ones send an empty topic.
    Harness h(V5);
    h.connectWith(hex("20 06 00 00 03 22 00 02"));
    MqttProperties alias;
    alias.setInteger(Mqtt::PropertyId::TopicAlias, 2);
    QCOMPARE(h.publish("a/b", "1", QoS::AtMostOnce, 0, false, alias).rc, ErrorCode::NoError);
    QCOMPARE(h.publish("a/b", "2", QoS::AtMostOnce, 0, false, alias).rc, ErrorCode::NoError);
    QCOMPARE(h.publish("a/c", "3", QoS::AtMostOnce, 0, false, alias).rc, ErrorCode::NoError); // remapped
    QCOMPARE_OUTPUT(h, "30 0a 00 03 61 2f 62 03 23 00 02 31"
                       "30 07 00 00 03 23 00 02 32"
                       "30 0a 00 03 61 2f 63 03 23 00 02 33");
    // a new connection starts without mappings
    h.session.connectionClosed();
    h.connectWith(hex("20 06 00 00 03 22 00 02"));
    QCOMPARE(h.publish("a/c", "4", QoS::AtMostOnce, 0, false, alias).rc, ErrorCode::NoError);
    QCOMPARE_OUTPUT(h, "30 0a 00 03 61 2f 63 03 23 00 02 34");
}

void tst_Session::outboundTopicAliasAboveTheBrokersMaximumIsRefused()
{
    Harness h(V5);
    h.connectWith(hex("20 06 00 00 03 22 00 02"));
    MqttProperties alias;
    alias.setInteger(Mqtt::PropertyId::TopicAlias, 3);
    const Result r = h.publish("a/b", "1", QoS::AtMostOnce, 0, false, alias);
    QCOMPARE(r.rc, ErrorCode::Invalid);
    QVERIFY2(r.why.contains(QStringLiteral("Topic Alias Maximum of 2")), qPrintable(r.why));
    QCOMPARE_OUTPUT(h, "");
    // a broker that grants none refuses every alias
    Harness none(V5);
    none.connect();
    alias.setInteger(Mqtt::PropertyId::TopicAlias, 1);
    QCOMPARE(none.publish("a/b", "1", QoS::AtMostOnce, 0, false, alias).rc, ErrorCode::Invalid);
    // alias 0 is never valid [MQTT-3.3.2-8]
    alias.setInteger(Mqtt::PropertyId::TopicAlias, 0);
    QCOMPARE(h.publish("a/b", "1", QoS::AtMostOnce, 0, false, alias).rc, ErrorCode::Invalid);
}

void tst_Session::brokerRedeliveryOfACompletedQos2MessageIsNotDeliveredTwice()
{
    // mosquitto restored from a database saved before the PUBCOMP sends a completed QoS 2
    // message again, DUP set, same id: acknowledged, not delivered again.
    Harness h(V311);
    h.session.config().cleanSession = false;
    h.connect();
    PLAY(h, { "broker 34 06 00 01 74 00 05 78", "client 50 02 00 05", "broker 62 02 00 05", "client 70 02 00 05" });
    h.reconnect(true);
    h.clearEvents();
    PLAY(h, { "broker 3c 06 00 01 74 00 05 78", "client 50 02 00 05", "broker 62 02 00 05", "client 70 02 00 05" });
    QVERIFY(h.eventsOf(Event::Message).empty());
    // DUP with other content under the same id is another message
    PLAY(h, { "broker 3c 06 00 01 74 00 05 79", "client 50 02 00 05", "broker 62 02 00 05", "client 70 02 00 05" });
    QCOMPARE(h.eventsOf(Event::Message).size(), size_t(1));
    // a first sending (DUP 0) with the same id and content is a new message too
    PLAY(h, { "broker 34 06 00 01 74 00 05 79", "client 50 02 00 05", "broker 62 02 00 05", "client 70 02 00 05" });
    QCOMPARE(h.eventsOf(Event::Message).size(), size_t(2));
}

QTEST_GUILESS_MAIN(tst_Session)

#include "tst_session.moc"
