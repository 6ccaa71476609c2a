// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGE_P_H
#define MQTTMESSAGE_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttmessage.h"
#include "codec/mqttcodec_p.h"

#include <QtCore/QSharedData>

class MqttMessagePrivate : public QSharedData
{
public:
    MqttCodec::PublishPacket packet;

    static MqttMessage create(MqttCodec::PublishPacket &&packet);
    // The payload of \a message if nothing else refers to the message (the caller's
    // copy is the last one), else an empty array; \a message is left without it.
    static QByteArray takeUnsharedPayload(MqttMessage &message);
};

#endif // MQTTMESSAGE_P_H
