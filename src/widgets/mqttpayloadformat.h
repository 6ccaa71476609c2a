// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPAYLOADFORMAT_H
#define MQTTPAYLOADFORMAT_H

#include <MqttQt/mqttqtwidgets_export.h>
#include <MqttQt/mqttproperties.h>

#include <QtCore/QByteArray>
#include <QtCore/QMetaType>
#include <QtCore/QString>

/*!
    Recognises what a payload holds and renders it as text: the rules MqttPayloadView
    follows, usable without a widget (and testable).

    detect() honours an MQTT 5 content type first (e.g. \c application/json,
    \c image/png, \c text/plain, \c application/octet-stream; parameters such as
    \c {;charset=utf-8} are ignored), then sniffs: PNG, JPEG and GIF by their signatures,
    SVG by an \c <svg element near the start, JSON when the text starts with \c { or \c [
    and parses, UTF-8 text, and binary otherwise.

    JSON is read with MqttQt's own strict reader, never through \c double: numbers keep
    the exact text of their tokens, so \c 18446744073709551615 or \c 0.10 are shown as
    written (QJsonDocument would print 1.8446744073709552e+19 and 0.1).
*/
class MQTTQT_WIDGETS_EXPORT MqttPayloadFormat
{
    Q_GADGET
public:
    /*! What a payload holds. */
    enum Kind {
        Empty,  //!< no bytes
        Text,   //!< UTF-8 text
        Json,   //!< a JSON object or array (valid)
        Binary, //!< anything else: shown as hex with ASCII
        Image,  //!< PNG, JPEG, GIF or SVG
    };
    Q_ENUM(Kind)

    /*! Returns the kind of \a payload, taking \a contentType (an MQTT 5 content type,
        may be empty) into account first; see the class description. A content type that
        the payload contradicts is not believed: \c application/json on invalid JSON gives
        Text (or Binary), \c text/plain on invalid UTF-8 gives Binary. */
    static Kind detect(const QByteArray &payload, const QString &contentType = QString());
    /*! Returns the kind of \a payload using the ContentType and PayloadFormatIndicator
        properties of an MQTT 5 message. */
    static Kind detect(const QByteArray &payload, const MqttProperties &properties);

    /*! Returns "png", "jpeg", "gif" or "svg" when \a payload starts like an image of
        that format, or an empty array. */
    static QByteArray imageFormat(const QByteArray &payload);
    /*! Returns true if \a payload is valid UTF-8 without NUL and with at most one
        control character (other than tab, line feed, carriage return, form feed and
        escape) per hundred bytes. An empty payload is text. */
    static bool isText(const QByteArray &payload);
    /*! Returns true if \a payload is one valid JSON value (RFC 8259, UTF-8). Sets
        \a errorString, if not null, to the reason and byte offset otherwise. */
    static bool isJson(const QByteArray &payload, QString *errorString = nullptr);

    /*! Returns \a json indented by two spaces per level with every token as written
        (numbers and strings exactly as in the input). When \a maxChars is not negative,
        at most that many characters are returned and \a truncated (if not null) says
        whether text was left out; the whole input is still checked. Returns a null string
        and sets \a errorString (if not null) when \a json is not valid JSON. */
    static QString prettyJson(const QByteArray &json, QString *errorString = nullptr,
                              qsizetype maxChars = -1, bool *truncated = nullptr);

    /*! Returns a hex dump of the first \a maxBytes bytes of \a data (all when negative):
        lines of 16 bytes with an 8-digit hex offset, the bytes in hex in two groups of 8,
        and the printable ASCII characters between bars (others as '.'). */
    static QString hexDump(const QByteArray &data, qsizetype maxBytes = -1);

    /*! Returns the translated name of \a kind, e.g. "JSON". */
    static QString kindName(Kind kind);
};

#endif // MQTTPAYLOADFORMAT_H
