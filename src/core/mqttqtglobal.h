// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQTGLOBAL_H
#define MQTTQTGLOBAL_H

#include <MqttQt/mqttqtcore_export.h>
#include <MqttQt/mqttqtversion.h>

#endif // MQTTQTGLOBAL_H
