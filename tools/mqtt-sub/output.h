// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSUBOUTPUT_H
#define MQTTSUBOUTPUT_H

#include <MqttQt/MqttMessage>

#include <QtCore/QByteArray>
#include <QtCore/QString>

// How mqtt-sub prints a message: the payload (default), "topic payload" (-v), a
// mosquitto_sub-style format (-F) or one JSON object per line (--json, -F %j).
class MessageOutput
{
public:
    enum class Style { Payload, Verbose, Format, Json };

    // Checks \a format (for Style::Format); returns an empty string or why it is refused.
    static QString checkFormat(const QString &format);

    MessageOutput(Style style, const QString &format, bool newline);
    // The bytes to print for \a message, newline included unless -N.
    QByteArray render(const MqttMessage &message) const;

    // One JSON object (no newline): tst, topic, qos, retain, mid, payloadlen, and payload
    // (UTF-8 text) or payload_base64, and properties when there are any.
    static QByteArray json(const MqttMessage &message);

private:
    QByteArray renderFormat(const MqttMessage &message) const;

    Style m_style;
    QString m_format;
    bool m_newline;
};

#endif // MQTTSUBOUTPUT_H
