// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttwebsocketoptions.h"
#include "mqttwebsocketoptions_p.h"

#include <QtCore/QDebug>
#include <QtCore/QSet>
#include <QtCore/QSharedData>

#include <memory>

class MqttWebSocketOptionsPrivate : public QSharedData
{
public:
    QString path = QStringLiteral("/mqtt");
    MqttWebSocketOptions::Headers headers;
    // Shared so that copies of the options compare equal; a std::function cannot be compared.
    std::shared_ptr<const MqttWebSocketOptions::HeadersCallback> callback;
};

namespace {

bool fail(QString *errorString, const QString &text)
{
    if (errorString)
        *errorString = text;
    return false;
}

// RFC 9110 5.6.2: token = 1*tchar.
bool isToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// RFC 9110 5.5: no control characters but horizontal tab; CR and LF would split the request.
bool isFieldValue(const QByteArray &value)
{
    for (char c : value) {
        const uchar u = uchar(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

} // namespace

namespace MqttWebSocketHeaders {

bool isHandshakeHeader(const QByteArray &name)
{
    static const char *const Names[] = {
        "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version",
        "sec-websocket-protocol", "sec-websocket-extensions", "sec-websocket-accept",
        "content-length", "transfer-encoding",
    };
    const QByteArray lower = name.toLower();
    for (const char *reserved : Names) {
        if (lower == reserved)
            return true;
    }
    return false;
}

bool check(const MqttWebSocketOptions::Headers &headers, bool allowHandshakeHeaders, QString *errorString)
{
    QSet<QByteArray> seen;
    for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
        const QString name = QString::fromLatin1(it.key());
        if (!isToken(it.key()))
            return fail(errorString, QStringLiteral("The WebSocket header name \"%1\" is not an HTTP token").arg(name));
        if (!isFieldValue(it.value()))
            return fail(errorString, QStringLiteral("The value of the WebSocket header \"%1\" contains a control character").arg(name));
        if (!allowHandshakeHeaders && isHandshakeHeader(it.key()))
            return fail(errorString, QStringLiteral("The WebSocket header \"%1\" belongs to the handshake and cannot be set").arg(name));
        const QByteArray lower = it.key().toLower();
        if (seen.contains(lower))
            return fail(errorString, QStringLiteral("The WebSocket header \"%1\" is given twice (names ignore case)").arg(name));
        seen.insert(lower);
    }
    return true;
}

MqttWebSocketOptions::Headers handshakeHeaders(const QByteArray &hostHeader)
{
    return {
        {"Host", hostHeader},
        {"Upgrade", "websocket"},
        {"Connection", "Upgrade"},
        {"Sec-WebSocket-Version", "13"},
        {"Sec-WebSocket-Protocol", "mqtt"},
    };
}

bool extraHeaders(const MqttWebSocketOptions &options, const QByteArray &hostHeader,
                  MqttWebSocketOptions::Headers *extra, QString *errorString)
{
    const MqttWebSocketOptions::Headers defaults = handshakeHeaders(hostHeader);
    MqttWebSocketOptions::Headers result = options.headers();
    if (options.hasHeadersCallback()) {
        MqttWebSocketOptions::Headers offered = defaults;
        for (auto it = result.cbegin(); it != result.cend(); ++it)
            offered.insert(it.key(), it.value());
        const MqttWebSocketOptions::Headers returned = options.headersCallback()(offered);
        if (!check(returned, true, errorString)) {
            if (errorString)
                *errorString = QStringLiteral("The WebSocket header callback returned a bad header: ") + *errorString;
            return false;
        }
        result.clear();
        for (auto it = returned.cbegin(); it != returned.cend(); ++it) {
            if (!isHandshakeHeader(it.key())) {
                result.insert(it.key(), it.value());
                continue;
            }
            // A handshake header may come back as it was offered, in any letter case.
            bool unchanged = false;
            for (auto d = defaults.cbegin(); d != defaults.cend(); ++d) {
                if (d.key().compare(it.key(), Qt::CaseInsensitive) == 0 && d.value() == it.value())
                    unchanged = true;
            }
            if (!unchanged) {
                return fail(errorString, QStringLiteral("The WebSocket header callback changed the handshake header \"%1\" "
                                                        "to \"%2\"; Qt writes that header itself")
                                                 .arg(QString::fromLatin1(it.key()), QString::fromLatin1(it.value())));
            }
        }
    }
    *extra = result;
    return true;
}

} // namespace MqttWebSocketHeaders

MqttWebSocketOptions::MqttWebSocketOptions() : d(new MqttWebSocketOptionsPrivate) { }
MqttWebSocketOptions::MqttWebSocketOptions(const MqttWebSocketOptions &other) = default;
MqttWebSocketOptions::MqttWebSocketOptions(MqttWebSocketOptions &&other) noexcept = default;
MqttWebSocketOptions &MqttWebSocketOptions::operator=(const MqttWebSocketOptions &other) = default;
MqttWebSocketOptions &MqttWebSocketOptions::operator=(MqttWebSocketOptions &&other) noexcept = default;
MqttWebSocketOptions::~MqttWebSocketOptions() = default;

QString MqttWebSocketOptions::path() const
{
    return d->path;
}

bool MqttWebSocketOptions::setPath(const QString &path, QString *errorString)
{
    if (!path.startsWith(QLatin1Char('/')))
        return fail(errorString, QStringLiteral("The WebSocket path \"%1\" does not start with '/'").arg(path));
    for (QChar c : path) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == QLatin1Char('#')) {
            return fail(errorString, QStringLiteral("The WebSocket path \"%1\" contains a space, a control character "
                                                    "or '#'")
                                             .arg(path));
        }
    }
    d->path = path;
    return true;
}

MqttWebSocketOptions::Headers MqttWebSocketOptions::headers() const
{
    return d->headers;
}

bool MqttWebSocketOptions::setHeaders(const Headers &headers, QString *errorString)
{
    if (!MqttWebSocketHeaders::check(headers, false, errorString))
        return false;
    d->headers = headers;
    return true;
}

MqttWebSocketOptions::HeadersCallback MqttWebSocketOptions::headersCallback() const
{
    return d->callback ? *d->callback : HeadersCallback();
}

void MqttWebSocketOptions::setHeadersCallback(const HeadersCallback &callback)
{
    if (callback)
        d->callback = std::make_shared<const HeadersCallback>(callback);
    else
        d->callback.reset();
}

bool MqttWebSocketOptions::hasHeadersCallback() const
{
    return bool(d->callback);
}

bool operator==(const MqttWebSocketOptions &a, const MqttWebSocketOptions &b)
{
    return a.d == b.d
            || (a.d->path == b.d->path && a.d->headers == b.d->headers && a.d->callback == b.d->callback);
}

QDebug operator<<(QDebug debug, const MqttWebSocketOptions &options)
{
    const QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "MqttWebSocketOptions(" << options.path();
    const MqttWebSocketOptions::Headers headers = options.headers();
    if (!headers.isEmpty()) {
        QByteArrayList names;
        for (auto it = headers.cbegin(); it != headers.cend(); ++it)
            names << it.key();
        debug << ", headers " << names.join(", ");
    }
    if (options.hasHeadersCallback())
        debug << ", header callback";
    debug << ')';
    return debug;
}
