// Test support, not API.
#include "hostilebytes.h"

#include <QtCore/QRandomGenerator>

namespace HostileBytes {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    const qsizetype words = size / qsizetype(sizeof(quint32));
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), words);
    for (qsizetype i = words * qsizetype(sizeof(quint32)); i < size; ++i)
        bytes[i] = char(generator.generate() & 0xff);
    return bytes;
}

QByteArray remainingLength(quint32 value)
{
    Q_ASSERT_X(value <= MaxRemainingLength, "HostileBytes::remainingLength", "value too large");
    value = qMin(value, MaxRemainingLength);
    QByteArray bytes;
    do {
        quint8 digit = value % 128;
        value /= 128;
        if (value > 0)
            digit |= 0x80;
        bytes.append(char(digit));
    } while (value > 0);
    return bytes;
}

QByteArray endlessRemainingLength(qsizetype continuationBytes, quint8 firstByte)
{
    QByteArray bytes(1, char(firstByte));
    bytes.append(QByteArray(continuationBytes, char(0xff)));
    return bytes;
}

QByteArray oversizedPublish(quint32 declaredRemainingLength, qsizetype payloadBytes, const QByteArray &topic)
{
    QByteArray packet(1, char(0x30));
    packet.append(remainingLength(declaredRemainingLength));
    packet.append(char(topic.size() >> 8)).append(char(topic.size() & 0xff)).append(topic);
    packet.append(QByteArray(payloadBytes, 'x'));
    return packet;
}

QByteArray publishFlood(int count, qsizetype payloadSize, const QByteArray &topic, bool mqtt5, quint32 seed)
{
    const QByteArray payload = randomBytes(payloadSize, seed);
    QByteArray packet(1, char(0x30));
    const qsizetype body = 2 + topic.size() + (mqtt5 ? 1 : 0) + payloadSize;
    packet.append(remainingLength(quint32(qMin<qsizetype>(body, MaxRemainingLength))));
    packet.append(char(topic.size() >> 8)).append(char(topic.size() & 0xff)).append(topic);
    if (mqtt5)
        packet.append('\0');
    packet.append(payload);
    QByteArray flood;
    flood.reserve(packet.size() * qMax(0, count));
    for (int i = 0; i < count; ++i)
        flood.append(packet);
    return flood;
}

} // namespace HostileBytes
