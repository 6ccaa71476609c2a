// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPAYLOADDIFF_H
#define MQTTPAYLOADDIFF_H

#include <MqttQt/mqttqtwidgets_export.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

class QDebug;

/*!
    One line of a line diff (MqttPayloadDiff::diffLines()).
*/
struct MQTTQT_WIDGETS_EXPORT MqttLineDiff
{
    Q_GADGET
    Q_PROPERTY(Kind kind MEMBER kind)
    Q_PROPERTY(int oldLine MEMBER oldLine)
    Q_PROPERTY(int newLine MEMBER newLine)
    Q_PROPERTY(QString text MEMBER text)
public:
    /*! Whether the line is in both texts, only the new one, or only the old one. */
    enum Kind {
        Unchanged, //!< in both texts
        Added,     //!< only in the new text
        Removed,   //!< only in the old text
    };
    Q_ENUM(Kind)

    /*! What happened to the line. */
    Kind kind = Unchanged;
    /*! The line's number in the old text, from 1; 0 for an added line. */
    int oldLine = 0;
    /*! The line's number in the new text, from 1; 0 for a removed line. */
    int newLine = 0;
    /*! The line, without its line break. */
    QString text;

    friend bool operator==(const MqttLineDiff &a, const MqttLineDiff &b)
    {
        return a.kind == b.kind && a.oldLine == b.oldLine && a.newLine == b.newLine && a.text == b.text;
    }
    friend bool operator!=(const MqttLineDiff &a, const MqttLineDiff &b) { return !(a == b); }
};

/*! Prints the line as a unified diff would ("+ text", "- text", "  text") with its numbers. */
MQTTQT_WIDGETS_EXPORT QDebug operator<<(QDebug debug, const MqttLineDiff &line);

/*!
    One difference between two JSON documents (MqttPayloadDiff::diffJson()).
*/
struct MQTTQT_WIDGETS_EXPORT MqttJsonChange
{
    Q_GADGET
    Q_PROPERTY(Kind kind MEMBER kind)
    Q_PROPERTY(QString path MEMBER path)
    Q_PROPERTY(QString oldValue MEMBER oldValue)
    Q_PROPERTY(QString newValue MEMBER newValue)
public:
    /*! What happened at the path. */
    enum Kind {
        Added,   //!< the key or array element exists only in the new document
        Removed, //!< the key or array element exists only in the old document
        Changed, //!< the value differs (another scalar, or another type)
    };
    Q_ENUM(Kind)

    /*! What happened. */
    Kind kind = Changed;
    /*! Where, as a value path (\c sensors.temp, \c data[0].v, \c {["a.b"]}); empty for
        the whole document. */
    QString path;
    /*! The old value as compact JSON (numbers as written); empty for Added. */
    QString oldValue;
    /*! The new value as compact JSON; empty for Removed. */
    QString newValue;

    friend bool operator==(const MqttJsonChange &a, const MqttJsonChange &b)
    {
        return a.kind == b.kind && a.path == b.path && a.oldValue == b.oldValue && a.newValue == b.newValue;
    }
    friend bool operator!=(const MqttJsonChange &a, const MqttJsonChange &b) { return !(a == b); }
};

/*! Prints the change as "Changed a.b: 1 -> 2". */
MQTTQT_WIDGETS_EXPORT QDebug operator<<(QDebug debug, const MqttJsonChange &change);

/*!
    Differences between two payloads: a line diff for text and a structural diff for
    JSON. MqttPayloadDiffView shows them.
*/
class MQTTQT_WIDGETS_EXPORT MqttPayloadDiff
{
public:
    /*!
        Returns a shortest line diff (Myers) from \a oldText to \a newText, every line of
        both in order: unchanged lines once, removed lines before the added lines that
        replace them. Lines are split at "\n" ("\r\n" counts as one break).

        When more than \a maxEdits lines would have to be added or removed, the search
        stops and the result lists every old line as removed and every new line as added
        (apart from a common beginning and end), with \a minimal (if not null) set to
        false; otherwise \a minimal is true.
    */
    static QList<MqttLineDiff> diffLines(const QString &oldText, const QString &newText,
                                         int maxEdits = 1000, bool *minimal = nullptr);

    /*!
        Returns the structural differences from \a oldJson to \a newJson: object members
        compared by key (their order does not matter), array elements by position, scalars
        by their exact text (numbers as written: \c 1 and \c 1.0 differ) and strings by
        their decoded value. A value whose type changed is one Changed entry. Changes come
        in document order, the old document's keys first, then the added ones.

        At most \a maxChanges changes are returned; \a complete (if not null) says whether
        that was all. Returns nothing, with \a errorString set (if not null), when either
        side is not valid JSON.
    */
    static std::optional<QList<MqttJsonChange>> diffJson(const QByteArray &oldJson, const QByteArray &newJson,
                                                         QString *errorString = nullptr,
                                                         int maxChanges = 10000, bool *complete = nullptr);
};

Q_DECLARE_METATYPE(MqttLineDiff)
Q_DECLARE_METATYPE(MqttJsonChange)

#endif // MQTTPAYLOADDIFF_H
