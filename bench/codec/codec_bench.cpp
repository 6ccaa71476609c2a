// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// Micro-benchmarks of the MQTT codec's hot path: encoding and decoding one PUBLISH with a
// 64-byte payload (QoS 0 and 1, MQTT 3.1.1 and 5), and the stream decoder over a buffer
// of 1000 such packets (divide by 1000 for the time per packet).

#include "codec/mqttcodec_p.h"

#include <QtTest/QTest>

using namespace MqttCodec;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;

Q_DECLARE_METATYPE(MqttCodec::Packet)

namespace {

constexpr int PacketsPerStream = 1000;

PublishPacket samplePublish(QoS qos, bool withProperties)
{
    PublishPacket p;
    p.topic = "bench/sensors/0042";
    p.payload = QByteArray(64, 'p');
    p.qos = qos;
    p.packetId = qos == QoS::AtMostOnce ? 0 : 4242;
    if (withProperties) {
        p.properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 60);
        p.properties.addUserProperty(QStringLiteral("unit"), QStringLiteral("celsius"));
    }
    return p;
}

void addRows()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<bool>("withProperties");
    QTest::newRow("3.1.1 QoS 0") << ProtocolVersion::V3_1_1 << QoS::AtMostOnce << false;
    QTest::newRow("3.1.1 QoS 1") << ProtocolVersion::V3_1_1 << QoS::AtLeastOnce << false;
    QTest::newRow("5 QoS 0") << ProtocolVersion::V5 << QoS::AtMostOnce << false;
    QTest::newRow("5 QoS 1") << ProtocolVersion::V5 << QoS::AtLeastOnce << false;
    QTest::newRow("5 QoS 1 + 2 properties") << ProtocolVersion::V5 << QoS::AtLeastOnce << true;
}

QByteArray encoded(const PublishPacket &p, ProtocolVersion v)
{
    QByteArray out;
    const EncodeError e = encode(p, v, out);
    if (e != EncodeError::None)
        qFatal("encode failed: %s", encodeErrorString(e));
    return out;
}

} // namespace

class CodecBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodePublish_data() { addRows(); }
    void encodePublish();
    void encodePublishAsPacket_data() { addRows(); }
    void encodePublishAsPacket();
    void decodePublish_data() { addRows(); }
    void decodePublish();
    void streamDecode1000Publishes_data() { addRows(); }
    void streamDecode1000Publishes();
    void encodeAck_data();
    void encodeAck();
};

void CodecBench::encodePublish()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(bool, withProperties);
    const PublishPacket p = samplePublish(qos, withProperties);
    QByteArray out;
    out.reserve(256);
    QBENCHMARK {
        out.resize(0); // keeps the capacity, as a connection's write buffer would
        encode(p, version, out);
    }
    QCOMPARE(out, encoded(p, version));
}

void CodecBench::encodePublishAsPacket()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(bool, withProperties);
    const Packet p = samplePublish(qos, withProperties);
    QByteArray out;
    out.reserve(256);
    QBENCHMARK {
        out.resize(0);
        encode(p, version, out);
    }
    QCOMPARE(out, encoded(std::get<PublishPacket>(p), version));
}

void CodecBench::decodePublish()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(bool, withProperties);
    const QByteArray bytes = encoded(samplePublish(qos, withProperties), version);
    DecodeOptions options;
    options.version = version;
    DecodeResult r;
    QBENCHMARK {
        r = decodePacket(bytes.constData(), bytes.size(), options);
    }
    QVERIFY(r.status == DecodeStatus::Packet);
}

void CodecBench::streamDecode1000Publishes()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(bool, withProperties);
    const QByteArray one = encoded(samplePublish(qos, withProperties), version);
    QByteArray stream;
    for (int i = 0; i < PacketsPerStream; ++i)
        stream += one;
    DecodeOptions options;
    options.version = version;
    StreamDecoder decoder(options);
    int count = 0;
    QBENCHMARK {
        count = 0;
        decoder.append(stream);
        while (decoder.next().status == DecodeStatus::Packet)
            ++count;
    }
    QCOMPARE(count, PacketsPerStream);
}

void CodecBench::encodeAck_data()
{
    // The acknowledgements go through encode(const Packet &), the variant path.
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<Packet>("packet");
    PubackPacket puback;
    puback.packetId = 4242;
    QTest::newRow("PUBACK 3.1.1") << ProtocolVersion::V3_1_1 << Packet(puback);
    QTest::newRow("PUBACK 5 success") << ProtocolVersion::V5 << Packet(puback);
    PubrecPacket pubrec;
    pubrec.packetId = 4242;
    pubrec.reasonCode = Mqtt::ReasonCode::QuotaExceeded;
    pubrec.properties.setString(Mqtt::PropertyId::ReasonString, QStringLiteral("quota"));
    QTest::newRow("PUBREC 5 reason code + reason string") << ProtocolVersion::V5 << Packet(pubrec);
    QTest::newRow("PINGREQ 3.1.1") << ProtocolVersion::V3_1_1 << Packet(PingreqPacket{});
}

void CodecBench::encodeAck()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(Packet, packet);
    QByteArray out;
    out.reserve(256);
    QBENCHMARK {
        out.resize(0);
        encode(packet, version, out);
    }
    QVERIFY(!out.isEmpty());
}

QTEST_GUILESS_MAIN(CodecBench)

#include "codec_bench.moc"
