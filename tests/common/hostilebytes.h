// Test support, not API: hostile byte streams for FakeBroker::send().
#pragma once

#include <QtCore/QByteArray>

/*!
    Byte streams a hostile or broken broker might send, to be played with FakeBroker::send()
    or sendWith(). They are built exactly as documented, never validated: that is their
    point.

    \code
    broker.expectPacket(FakeBroker::Connect)
        .send(FakeBroker::hex("20 02 00 00"))
        .send(HostileBytes::endlessRemainingLength(1000), QStringLiteral("endless length"));
    \endcode
*/
namespace HostileBytes {

/*! The largest value a variable byte integer can encode: 268,435,455 [MQTT-1.5.5]. */
constexpr quint32 MaxRemainingLength = 268435455;

/*! Returns \a size bytes from QRandomGenerator(\a seed): the same bytes for the same seed. */
QByteArray randomBytes(qsizetype size, quint32 seed);

/*! Returns \a value as an MQTT variable byte integer (1 to 4 bytes). \a value must be at
    most MaxRemainingLength; larger values are a programming error (Q_ASSERT) and are
    clamped to it in release builds. */
QByteArray remainingLength(quint32 value);

/*! Returns the fixed header byte \a firstByte (default 0x30, PUBLISH QoS 0) followed by
    \a continuationBytes bytes of 0xFF: a remaining length that never ends, malformed
    after its fourth byte. */
QByteArray endlessRemainingLength(qsizetype continuationBytes, quint8 firstByte = 0x30);

/*! Returns the start of an MQTT 3.1.1 PUBLISH QoS 0 to \a topic that declares
    \a declaredRemainingLength bytes (default: the maximum, 256 MiB) but carries only the
    topic and \a payloadBytes bytes of 'x'. A client that trusts the length waits, or
    allocates, for the rest. */
QByteArray oversizedPublish(quint32 declaredRemainingLength = MaxRemainingLength,
                            qsizetype payloadBytes = 16, const QByteArray &topic = "t");

/*! Returns \a count well-formed PUBLISH QoS 0 packets to \a topic, each with
    \a payloadSize bytes of payload (the same randomBytes(payloadSize, seed) in each); with \a mqtt5 each carries an empty
    property length. For floods from a broker that never stops sending. */
QByteArray publishFlood(int count, qsizetype payloadSize, const QByteArray &topic = "flood",
                        bool mqtt5 = false, quint32 seed = 1);

} // namespace HostileBytes
