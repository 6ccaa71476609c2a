// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTUTF8_P_H
#define MQTTUTF8_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <QtCore/QString>
#include <QtCore/QStringView>

namespace MqttCodec {

enum class Utf8Status : quint8 {
    Valid,
    Invalid,     // not well-formed UTF-8: bad lead/continuation, overlong, above U+10FFFF
    NullChar,    // U+0000 [MQTT-1.5.4-2]
    Surrogate,   // U+D800..U+DFFF encoded [MQTT-1.5.4-1]
};

// Validates an MQTT UTF-8 encoded string without converting it.
Utf8Status validateUtf8(const char *data, qsizetype size);

// UTF-8 length of a UTF-16 string, or -1 if it holds U+0000 or a lone surrogate, which
// MQTT strings may not carry [MQTT-1.5.4-1] [MQTT-1.5.4-2]. The codec's rule, the same
// both ways: whatever it decodes, it encodes again.
qsizetype utf8Length(QStringView s);

// The same for what the client's API accepts to send: -1 also for the characters
// refusedCharacterAt() finds.
qsizetype sendableUtf8Length(QStringView s);

// The index of the first character of \a s an MQTT string this client sends may not hold,
// or -1: U+0000 and lone surrogates, which MQTT forbids [MQTT-1.5.4-1] [MQTT-1.5.4-2], and
// the control characters U+0001..U+001F and U+007F..U+009F and the noncharacters, which it
// says should not be sent and a receiver may close the connection for (1.5.4). mosquitto
// does close it, for any string of any packet, so a message holding one would be resent
// and refused on every connection: refused at the call instead. Received strings are not
// held to this (validateUtf8() is), and the codec encodes whatever it decodes: it is the
// API that refuses them (sendableUtf8Length(), mqttStringProblem()).
qsizetype refusedCharacterAt(QStringView s);

// "U+001B (a control character) at position 8" for the character at \a index of \a s.
QString describeCharacterAt(QStringView s, qsizetype index);

// Empty if \a s may be sent as an MQTT string (no refused character, at most 65,535
// UTF-8 bytes); else why not, as a sentence beginning with \a what.
QString mqttStringProblem(QStringView s, const QString &what);

// \a s for an error message: refused characters shown as \u{XXXX}, cut to about 100
// characters.
QString printable(QStringView s);

// True if the UTF-8 form of \a s is at most 65,535 bytes, the most an MQTT string can
// hold. Converts only when the UTF-16 length cannot settle it.
bool fitsMqttString(QStringView s);

} // namespace MqttCodec

#endif // MQTTUTF8_P_H
