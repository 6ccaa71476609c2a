// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTWEBSOCKETOPTIONS_H
#define MQTTWEBSOCKETOPTIONS_H

#include "mqttnamespace.h"

#include <QtCore/QByteArray>
#include <QtCore/QMap>
#include <QtCore/QMetaType>
#include <QtCore/QSharedDataPointer>
#include <QtCore/QString>

#include <functional>

class QDebug;
class MqttWebSocketOptionsPrivate;

/*!
    Paho's \c ws_set_options(path, headers) for MQTT over WebSockets (ws:// and, with TLS
    options, wss://): the path of the HTTP upgrade request and extra request headers,
    given as a map or computed per connection by a callback. Implicitly shared.

    The client always offers the \c mqtt subprotocol (Sec-WebSocket-Protocol) and refuses
    a server that does not accept it; MQTT packets travel in binary frames in both
    directions, and a text frame from the server ends the connection
    (Mqtt::ErrorCode::Protocol, [MQTT-6.0.0-1]).

    Headers that the WebSocket handshake itself needs cannot be set or changed: Host,
    Upgrade, Connection, Sec-WebSocket-Key, Sec-WebSocket-Version,
    Sec-WebSocket-Protocol, Sec-WebSocket-Extensions, Sec-WebSocket-Accept,
    Content-Length and Transfer-Encoding.

    \code
    MqttWebSocketOptions ws;                                     // path "/mqtt"
    ws.setHeaders({{"Authorization", "Bearer " + token}});
    ws.setHeadersCallback([](const MqttWebSocketOptions::Headers &headers) {
        auto signedHeaders = headers;                            // per connection
        signedHeaders.insert("X-Signature", sign(headers.value("Host")));
        return signedHeaders;
    });
    \endcode
*/
class MQTTQT_CORE_EXPORT MqttWebSocketOptions
{
    Q_GADGET
    Q_PROPERTY(QString path READ path)
    Q_PROPERTY(bool hasHeadersCallback READ hasHeadersCallback)
public:
    /*! Header name to value, as sent in the HTTP upgrade request. */
    using Headers = QMap<QByteArray, QByteArray>;
    /*!
        Paho's callable \c headers: called once per connection attempt, in the thread of
        the client, with the headers the request will carry (Host, Upgrade, Connection,
        Sec-WebSocket-Version, Sec-WebSocket-Protocol and those of setHeaders()); returns
        the headers to send. Added headers are sent; a handshake header may be returned
        unchanged but not changed (the attempt then fails with Mqtt::ErrorCode::Invalid
        naming the header); a header left out of the result is still sent, since Qt
        writes the handshake headers itself. Sec-WebSocket-Key is not among the headers
        passed: Qt makes it after the callback has run.
    */
    using HeadersCallback = std::function<Headers(const Headers &defaultHeaders)>;

    /*! Path "/mqtt", no extra headers, no callback (Paho's defaults). */
    MqttWebSocketOptions();
    MqttWebSocketOptions(const MqttWebSocketOptions &other);
    MqttWebSocketOptions(MqttWebSocketOptions &&other) noexcept;
    MqttWebSocketOptions &operator=(const MqttWebSocketOptions &other);
    MqttWebSocketOptions &operator=(MqttWebSocketOptions &&other) noexcept;
    ~MqttWebSocketOptions();
    void swap(MqttWebSocketOptions &other) noexcept { d.swap(other.d); }

    /*! The request path, default "/mqtt". */
    QString path() const;
    /*!
        Sets the request path; it may carry a query ("/mqtt?x-amz-signature=..."). It
        must start with '/' and hold no spaces, control characters or '#': returns false,
        setting \a errorString if not null, and keeps the old path otherwise.
    */
    bool setPath(const QString &path, QString *errorString = nullptr);

    /*! The extra headers (Paho's \c headers dictionary); empty by default. */
    Headers headers() const;
    /*!
        Sets the extra headers. Names must be HTTP tokens, unique regardless of case, and
        not one of the handshake headers listed above; values must not contain CR, LF or
        other control characters but tab. Returns false, setting \a errorString, and keeps
        the old headers otherwise.
    */
    bool setHeaders(const Headers &headers, QString *errorString = nullptr);

    /*! The header callback, or an empty function. */
    HeadersCallback headersCallback() const;
    /*! Sets the header callback (an empty function removes it). It runs after
        setHeaders()' headers were added. */
    void setHeadersCallback(const HeadersCallback &callback);
    bool hasHeadersCallback() const;

    /*! Equal when path and headers are equal and both have no callback or the same one
        (copies of one setHeadersCallback() call; two callbacks set separately differ). */
    friend MQTTQT_CORE_EXPORT bool operator==(const MqttWebSocketOptions &a, const MqttWebSocketOptions &b);
    friend bool operator!=(const MqttWebSocketOptions &a, const MqttWebSocketOptions &b) { return !(a == b); }

private:
    QSharedDataPointer<MqttWebSocketOptionsPrivate> d;
};

Q_DECLARE_SHARED(MqttWebSocketOptions)

/*! Prints the path, the header names (not their values, which often hold secrets) and
    whether a callback is set. */
MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttWebSocketOptions &options);

Q_DECLARE_METATYPE(MqttWebSocketOptions)

#endif // MQTTWEBSOCKETOPTIONS_H
