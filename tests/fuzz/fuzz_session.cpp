// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// libFuzzer target for the session (the client state machine), not only the decoder.
//
// Input: byte 0 picks the protocol version (% 3) and options (clean session, republish,
// in-flight window 1..8, a Receive Maximum and automatic topic aliases for MQTT 5); the
// rest is a list of operations,
// each a byte (% 11) and its arguments:
//   0 raw bytes from the broker        5 reconnect (connection closed, opened again)
//   1 publish (QoS, topic, payload)     6 disconnect
//   2 subscribe                          7 a well-formed broker packet, built from the next
//   3 unsubscribe                          bytes and aimed at a packet id in flight
//   4 the clock advances (tick)          8 reset()   9 CONNACK (session present or not)
//   10 a process restart: the journal (persistence, in a memory store) commits, the
//      connection ends, and the session is restored from the store
// Besides the sanitizers' checks it aborts when
//  - an accepted QoS 1/2 message ends more than once (published or failed), or a message
//    that was never accepted ends, or one does not end once reset() ends everything;
//  - a PUBLISH the client writes is not decodable by our own decoder, or a first sending
//    (DUP 0) reuses the packet id of a message still awaiting its acknowledgement;
//  - anything is written after DISCONNECT, or anything after connectionMustClose() is
//    reported on the same connection;
//  - a restart from the store loses or invents a message, an inbound QoS 2 message
//    awaiting PUBREL, or changes a packet id in flight.

#include "session/mqttsession_p.h"
#include "session/mqttsessionjournal_p.h"

#include <QtCore/QHash>
#include <QtCore/QSet>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace MqttCodec;
using namespace MqttSession;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_session failure: %s %s\n", what, detail.toLocal8Bit().constData());
    std::abort();
}

struct Input
{
    const uint8_t *data;
    size_t size;
    size_t pos = 0;
    bool more() const { return pos < size; }
    quint8 byte() { return pos < size ? data[pos++] : 0; }
    QByteArray bytes(size_t n)
    {
        n = std::min(n, size - pos);
        QByteArray b(reinterpret_cast<const char *>(data + pos), qsizetype(n));
        pos += n;
        return b;
    }
};

class Checker : public Observer
{
public:
    Session *session = nullptr;
    QHash<int, int> ends;        // mid -> completions
    QSet<int> accepted;          // QoS 1/2 mids publish() accepted
    bool closed = false;         // connectionMustClose() on this connection

    void end(int mid)
    {
        if (!accepted.contains(mid))
            fail("a message that was never accepted ended", QString::number(mid));
        if (++ends[mid] > 1)
            fail("a message ended twice", QString::number(mid));
    }
    void afterClose(const char *what)
    {
        if (closed)
            fail("an event after connectionMustClose()", QString::fromLatin1(what));
    }
    void connackReceived(const ConnackPacket &) override { afterClose("connack"); }
    void messageReceived(PublishPacket &&) override { afterClose("message"); }
    void publishAcknowledged(int mid, Mqtt::ReasonCode, const MqttProperties &) override { end(mid); }
    void publishFailed(int mid, Mqtt::ErrorCode, const QString &why) override
    {
        if (why.isEmpty())
            fail("a failure without a reason");
        end(mid);
    }
    void subscribeAcknowledged(int, const QList<Mqtt::ReasonCode> &, const MqttProperties &) override { afterClose("suback"); }
    void unsubscribeAcknowledged(int, const QList<Mqtt::ReasonCode> &, const MqttProperties &) override { afterClose("unsuback"); }
    void authReceived(const AuthPacket &) override { afterClose("auth"); }
    void connectionMustClose(Mqtt::ErrorCode, Mqtt::ReasonCode, const QString &why, const MqttProperties &) override
    {
        afterClose("close");
        if (why.isEmpty())
            fail("a close without a reason");
        closed = true;
    }
    void log(Mqtt::LogLevel, const QString &) override { }
    void requestLost(int, bool) override { }
};

QByteArray encodeBroker(const Packet &p, ProtocolVersion v)
{
    QByteArray out;
    encode(p, v, out);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    Input in{ data, size };
    const quint8 setup = in.byte();
    const ProtocolVersion version = setup % 3 == 0 ? ProtocolVersion::V3_1 : setup % 3 == 1 ? ProtocolVersion::V3_1_1 : ProtocolVersion::V5;
    const bool v5 = version == ProtocolVersion::V5;

    Checker checker;
    Session session(&checker);
    checker.session = &session;
    MqttMemorySessionStore store;
    Journal journal(&store, Mqtt::Durability::Grouped);
    journal.setSession(&session);
    {
        QString why;
        if (store.open(QStringLiteral("fuzz"), &why) != Mqtt::ErrorCode::NoError)
            fail("the memory store does not open", why);
    }
    session.setPersistence(&journal);
    Config &c = session.config();
    c.version = version;
    c.clientId = QStringLiteral("fuzz");
    c.cleanSession = (setup & 0x04) != 0;
    c.republishOnCleanSession = (setup & 0x08) != 0;
    c.maxInflight = 1 + ((setup >> 4) & 7);
    c.keepAlive = 10;
    if (v5 && (setup & 0x80))
        c.connectProperties.setInteger(Mqtt::PropertyId::ReceiveMaximum, 2);
    if (v5)
        c.connectProperties.setInteger(Mqtt::PropertyId::TopicAliasMaximum, 4);
    c.autoTopicAlias = v5 && (setup & 0x02);

    qint64 now = 0;
    StreamDecoder written;
    DecodeOptions writtenOptions;
    writtenOptions.version = version;
    written.setOptions(writtenOptions);
    QSet<quint16> idsBefore;

    // Everything the client wrote since the last look: decodable, no id reused, nothing
    // after DISCONNECT.
    bool disconnectWritten = false;
    auto inspectOutput = [&] {
        QByteArray out;
        session.drainOutput([&out](const QByteArray &bytes) { out += bytes; });
        if (out.isEmpty())
            return;
        if (disconnectWritten)
            fail("bytes written after DISCONNECT", QString::fromLatin1(out.toHex(' ')));
        written.append(out);
        const QList<quint16> inflightNow = session.inflightPacketIds();
        const QSet<quint16> nowIds(inflightNow.cbegin(), inflightNow.cend());
        for (;;) {
            DecodeResult r = written.next();
            if (r.status == DecodeStatus::NeedMore)
                break;
            if (r.status == DecodeStatus::Malformed)
                fail("the client wrote a packet its own decoder refuses", r.error.reason);
            if (const auto *p = std::get_if<PublishPacket>(&r.packet)) {
                // A first sending must not take an id that was awaiting its ack before this
                // step and still is.
                if (p->qos != QoS::AtMostOnce && !p->dup && idsBefore.contains(p->packetId) && nowIds.contains(p->packetId))
                    fail("a packet id in flight was reused", QString::number(p->packetId));
            }
            if (std::holds_alternative<DisconnectPacket>(r.packet))
                disconnectWritten = true;
        }
    };

    auto checkAllEnded = [&] {
        for (const int mid : std::as_const(checker.accepted)) {
            if (checker.ends.value(mid) != 1)
                fail("an accepted message did not end exactly once", QString::number(mid));
        }
    };
    auto open = [&] {
        checker.closed = false;
        disconnectWritten = false;
        written.reset();
        session.connectionOpened(now);
    };
    auto feed = [&](const QByteArray &bytes) {
        if (session.state() == State::Disconnected)
            return;
        session.decoder().append(bytes);
        session.bytesReceived(bytes.constData(), bytes.size(), now);
        session.processIncoming(now);
    };
    auto pickId = [&](quint8 b) -> quint16 {
        const QList<quint16> ids = session.inflightPacketIds();
        if (!ids.isEmpty() && (b & 1))
            return ids.at((b >> 1) % ids.size());
        return quint16(1 + b % 8);
    };

    open();
    while (in.more()) {
        const QList<quint16> before = session.inflightPacketIds();
        idsBefore = QSet<quint16>(before.cbegin(), before.cend());
        const quint8 op = in.byte() % 11;
        switch (op) {
        case 0:
            feed(in.bytes(in.byte() % 48));
            break;
        case 1: {
            const quint8 a = in.byte();
            PublishRequest r;
            r.topic = QByteArray("t/") + char('a' + a % 4);
            r.payload = in.bytes(a >> 5);
            r.qos = QoS(a % 3);
            r.retain = (a & 0x10) != 0;
            if (v5 && (a & 0x08))
                r.properties.setInteger(Mqtt::PropertyId::TopicAlias, 1 + (a >> 6));
            const Result res = session.publish(std::move(r), now);
            if (res.rc == Mqtt::ErrorCode::NoError && QoS(a % 3) != QoS::AtMostOnce) {
                if (checker.accepted.contains(res.mid))
                    fail("a mid was given twice", QString::number(res.mid));
                checker.accepted.insert(res.mid);
            }
            break;
        }
        case 2: {
            const quint8 a = in.byte();
            Subscription s;
            s.filter = (a & 1) ? QStringLiteral("t/#") : QStringLiteral("t/+");
            s.qos = QoS(a % 3);
            session.subscribe({ s }, {}, now);
            break;
        }
        case 3:
            session.unsubscribe({ QStringLiteral("t/#") }, {}, now);
            break;
        case 4:
            now += qint64(in.byte()) * 100;
            session.tick(now);
            break;
        case 5:
            session.connectionClosed();
            open();
            break;
        case 6:
            session.disconnect(Mqtt::ReasonCode::NormalDisconnection, {}, now);
            break;
        case 7: {
            const quint8 kind = in.byte();
            const quint8 b = in.byte();
            const quint16 id = pickId(b);
            Packet p;
            switch (kind % 9) {
            case 0: { PubackPacket a; a.packetId = id; if (v5 && (b & 0x80)) a.reasonCode = Mqtt::ReasonCode::QuotaExceeded; p = a; break; }
            case 1: { PubrecPacket a; a.packetId = id; if (v5 && (b & 0x80)) a.reasonCode = Mqtt::ReasonCode::UnspecifiedError; p = a; break; }
            case 2: { PubcompPacket a; a.packetId = id; p = a; break; }
            case 3: { PubrelPacket a; a.packetId = id; p = a; break; }
            case 4: { PublishPacket a; a.topic = "t/x"; a.payload = "p"; a.qos = QoS(b % 3); a.dup = (b & 0x40) != 0;
                      a.packetId = a.qos == QoS::AtMostOnce ? 0 : quint16(1 + (b >> 2) % 8); p = a; break; }
            case 5: p = PingrespPacket{}; break;
            case 6: { SubackPacket a; a.packetId = id; a.reasonCodes = { Mqtt::ReasonCode::GrantedQoS1 }; p = a; break; }
            case 7: { UnsubackPacket a; a.packetId = id; if (v5) a.reasonCodes = { Mqtt::ReasonCode::Success }; p = a; break; }
            default: { DisconnectPacket a; if (v5) a.reasonCode = Mqtt::ReasonCode::ServerBusy; p = a; break; }
            }
            feed(encodeBroker(p, version));
            break;
        }
        case 8:
            // reset() ends every pending message and starts mids afresh (reinitialise()).
            session.reset();
            checkAllEnded();
            checker.accepted.clear();
            checker.ends.clear();
            open();
            break;
        case 9: {
            ConnackPacket a;
            a.sessionPresent = (in.byte() & 1) != 0;
            const quint8 limits = v5 && in.more() ? in.byte() : 0xFF;
            if ((limits & 3) == 0)
                a.properties.setInteger(Mqtt::PropertyId::ReceiveMaximum, 1);
            if ((limits & 4) == 0) // automatic aliases (setup bit 0x02) need a maximum
                a.properties.setInteger(Mqtt::PropertyId::TopicAliasMaximum, 2);
            feed(encodeBroker(a, version));
            break;
        }
        case 10: {
            QString why;
            if (journal.commit(&why) != Mqtt::ErrorCode::NoError)
                fail("a memory store commit failed", why);
            inspectOutput();
            const int pending = session.inflightCount() + session.queuedCount();
            const int inbound = session.pendingIncomingQos2Count();
            QList<quint16> ids = session.inflightPacketIds();
            std::sort(ids.begin(), ids.end());
            session.connectionClosed();
            Snapshot snapshot;
            if (journal.load(&snapshot, &why) != Mqtt::ErrorCode::NoError)
                fail("the journal cannot read what it wrote", why);
            if (!session.restore(std::move(snapshot)).empty())
                fail("a committed message was not restored");
            QList<quint16> restoredIds = session.inflightPacketIds();
            std::sort(restoredIds.begin(), restoredIds.end());
            if (session.inflightCount() + session.queuedCount() != pending || ids != restoredIds)
                fail("the restored session has other messages or packet ids");
            if (session.pendingIncomingQos2Count() != inbound)
                fail("the restored session has other inbound QoS 2 messages");
            open();
            break;
        }
        }
        inspectOutput();
    }
    // reset() ends everything that is still pending: every accepted message has ended
    // exactly once by then.
    session.reset();
    checkAllEnded();
    return 0;
}
