// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTVALUEEXTRACTOR_H
#define MQTTVALUEEXTRACTOR_H

#include <MqttQt/mqttqtwidgets_export.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

/*!
    Reads a number out of a payload, for charts: the payload itself (\c 21.5, \c -3,
    \c 1e3, \c true / \c false as 1 / 0, surrounding whitespace ignored), or a field of a
    JSON payload chosen by a value path.

    <b>Value paths</b> name a field from the document's root: keys separated by dots
    (\c sensors.temp), array elements by index in brackets (\c data[0].v, \c [2]), and
    keys that are not plain names in quoted brackets (\c {["temp.c"]}, \c {["a b"]}). A
    leading \c $ is allowed (\c $.sensors.temp). An empty path means the payload itself.
    The field may be a number, a bool (1 or 0) or a string holding a number
    (\c {"21.5"}).

    Numbers are returned as \c double, which is what a chart draws; exact text is kept by
    MqttPayloadFormat::prettyJson() and MqttPayloadDiff.
*/
class MQTTQT_WIDGETS_EXPORT MqttValueExtractor
{
public:
    /*! Returns true if \a path is a valid value path; otherwise sets \a errorString (if
        not null) to what is wrong and where. */
    static bool isValidPath(const QString &path, QString *errorString = nullptr);

    /*! Returns the number at \a path in \a payload, or nothing with \a errorString (if not
        null) saying why: not a number, not JSON, no such field, a field that is not a
        number, an invalid path. */
    static std::optional<double> number(const QByteArray &payload, const QString &path = QString(),
                                        QString *errorString = nullptr);

    /*! Returns the value paths of the numbers (and bools and numeric strings) in a JSON
        \a payload, in document order, at most \a maxPaths of them; an empty string first
        when the payload itself is a number. Empty for payloads without numbers. */
    static QStringList numericPaths(const QByteArray &payload, int maxPaths = 200);
};

#endif // MQTTVALUEEXTRACTOR_H
