// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMETATYPES_P_H
#define MQTTMETATYPES_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

namespace MqttMetaTypes {
// Registers the API's types with the meta-type system by name (idempotent, thread-safe).
void registerAll();
} // namespace MqttMetaTypes

#endif // MQTTMETATYPES_P_H
