// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPROPERTIES_P_H
#define MQTTPROPERTIES_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttproperties.h"

#include <QtCore/QSharedData>

#include <vector>

struct MqttPropertyEntry
{
    explicit MqttPropertyEntry(Mqtt::PropertyId i) : id(i) { }

    Mqtt::PropertyId id;
    quint32 number = 0; // integer types
    QString text;       // UTF-8 string types; user property name
    QString text2;      // user property value
    QByteArray binary;  // binary data

    friend bool operator==(const MqttPropertyEntry &a, const MqttPropertyEntry &b)
    {
        return a.id == b.id && a.number == b.number && a.text == b.text && a.text2 == b.text2
                && a.binary == b.binary;
    }
};

class MqttPropertiesPrivate : public QSharedData
{
public:
    std::vector<MqttPropertyEntry> list; // wire order

    // Codec access: the decoder appends validated entries, the encoder reads them.
    static void append(MqttProperties &props, MqttPropertyEntry &&entry);
    static const std::vector<MqttPropertyEntry> &entries(const MqttProperties &props);
    // True if \a id may appear more than once in one packet.
    static bool mayRepeat(Mqtt::PropertyId id);
};

#endif // MQTTPROPERTIES_P_H
