// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTWEBSOCKETOPTIONS_P_H
#define MQTTWEBSOCKETOPTIONS_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttwebsocketoptions.h"

namespace MqttWebSocketHeaders {

// True for the headers the WebSocket handshake writes itself (case-insensitive).
bool isHandshakeHeader(const QByteArray &name);

// Checks names (HTTP tokens, unique regardless of case) and values (no control
// characters but tab). With \a allowHandshakeHeaders false, handshake headers are refused.
bool check(const MqttWebSocketOptions::Headers &headers, bool allowHandshakeHeaders,
           QString *errorString);

// The headers of an upgrade request to \a hostHeader (host[:port] as sent), without the
// per-request Sec-WebSocket-Key.
MqttWebSocketOptions::Headers handshakeHeaders(const QByteArray &hostHeader);

// What a request built from \a options for \a hostHeader sends beyond the handshake
// headers: setHeaders()' map, then the callback's result checked against the handshake
// headers. Returns false with \a errorString set when the callback changed one.
bool extraHeaders(const MqttWebSocketOptions &options, const QByteArray &hostHeader,
                  MqttWebSocketOptions::Headers *extra, QString *errorString);

} // namespace MqttWebSocketHeaders

#endif // MQTTWEBSOCKETOPTIONS_P_H
