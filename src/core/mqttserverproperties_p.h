// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSERVERPROPERTIES_P_H
#define MQTTSERVERPROPERTIES_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttserverproperties.h"

#include <QtCore/QSharedData>

class MqttServerPropertiesPrivate : public QSharedData
{
public:
    bool valid = false;
    bool sessionPresent = false;
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success;
    int returnCode = 0;
    MqttProperties properties;

    static MqttServerProperties create(bool sessionPresent, Mqtt::ReasonCode reasonCode, int returnCode,
                                       const MqttProperties &properties);
};

#endif // MQTTSERVERPROPERTIES_P_H
