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
// MQTT strings may not carry [MQTT-1.5.4-1] [MQTT-1.5.4-2].
qsizetype utf8Length(QStringView s);

// True if the UTF-8 form of \a s is at most 65,535 bytes, the most an MQTT string can
// hold. Converts only when the UTF-16 length cannot settle it.
bool fitsMqttString(QStringView s);

} // namespace MqttCodec

#endif // MQTTUTF8_P_H
