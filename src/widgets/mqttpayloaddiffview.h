// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPAYLOADDIFFVIEW_H
#define MQTTPAYLOADDIFFVIEW_H

#include <MqttQt/mqttqtwidgets_export.h>
#include <MqttQt/mqttpayloaddiff.h>

#include <QtWidgets/QWidget>

#include <memory>

class MqttPayloadDiffViewPrivate;

/*!
    Shows what changed between two payloads of a topic, typically a message and the one
    before it.

    In AutomaticDiff mode (the default) two JSON payloads get a structural diff (a table
    of added, removed and changed keys with their paths and values,
    MqttPayloadDiff::diffJson()); anything else gets a line diff
    (MqttPayloadDiff::diffLines()) in unified form with contextLines() lines of context,
    added lines green and removed lines red. The line diff compares JSON pretty-printed,
    text as it is, and binary payloads as hex dumps.

    Inputs longer than maxInputBytes() are compared over their first maxInputBytes()
    bytes only, and the summary says so; a line diff that gives up on a minimal result
    (more than 1,000 changed lines) says so too. Nothing is cut silently.
*/
class MQTTQT_WIDGETS_EXPORT MqttPayloadDiffView : public QWidget
{
    Q_OBJECT
    /*! How the payloads are compared; AutomaticDiff by default. */
    Q_PROPERTY(DiffMode diffMode READ diffMode WRITE setDiffMode NOTIFY diffModeChanged)
    /*! The diff shown now: LineDiff or JsonDiff (AutomaticDiff when nothing is shown). */
    Q_PROPERTY(DiffMode shownMode READ shownMode NOTIFY displayChanged)
    /*! Added, removed and changed lines or keys in the diff shown. */
    Q_PROPERTY(int changeCount READ changeCount NOTIFY displayChanged)
    /*! The one-line summary above the diff. */
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY displayChanged)
    /*! Unchanged lines shown around each change in the line diff; default 3, 0 to
        10,000. */
    Q_PROPERTY(int contextLines READ contextLines WRITE setContextLines NOTIFY contextLinesChanged)
    /*! Bytes of each payload compared; default 1 MiB, at least 1,024. */
    Q_PROPERTY(int maxInputBytes READ maxInputBytes WRITE setMaxInputBytes NOTIFY maxInputBytesChanged)

public:
    /*! How the payloads are compared. */
    enum DiffMode {
        AutomaticDiff, //!< JSON diff when both payloads are JSON, else line diff
        LineDiff,      //!< line diff
        JsonDiff,      //!< structural JSON diff; line diff with a notice if one side is not JSON
    };
    Q_ENUM(DiffMode)

    /*! Creates an empty view. */
    explicit MqttPayloadDiffView(QWidget *parent = nullptr);
    /*! Destroys the view. */
    ~MqttPayloadDiffView() override;

    /*! Returns the comparison mode. */
    DiffMode diffMode() const;
    /*! Sets the comparison mode and compares again. */
    void setDiffMode(DiffMode mode);
    /*! Returns the diff shown now. */
    DiffMode shownMode() const;
    /*! Returns the number of changes in the diff shown. */
    int changeCount() const;
    /*! Returns the summary line. */
    QString summaryText() const;
    /*! Returns the context lines of the line diff. */
    int contextLines() const;
    /*! Sets the context lines; a value outside 0..10,000 is refused with a warning. */
    void setContextLines(int lines);
    /*! Returns the bytes of each payload compared. */
    int maxInputBytes() const;
    /*! Sets the bytes compared; a value below 1,024 is refused with a warning. */
    void setMaxInputBytes(int bytes);
    /*! Returns the line diff shown (empty when the JSON diff is shown). */
    QList<MqttLineDiff> lineDiff() const;
    /*! Returns the JSON changes shown (empty when the line diff is shown). */
    QList<MqttJsonChange> jsonChanges() const;

public Q_SLOTS:
    /*! Compares \a oldPayload with \a newPayload. \a oldLabel and \a newLabel (e.g. the
        arrival times) name them in the summary. */
    void setPayloads(const QByteArray &oldPayload, const QByteArray &newPayload,
                     const QString &oldLabel = QString(), const QString &newLabel = QString());
    /*! Shows no diff, only \a message (e.g. "No earlier message to compare with"). */
    void clear(const QString &message = QString());

Q_SIGNALS:
    /*! Emitted when the comparison mode changed, by setDiffMode() or by the user. */
    void diffModeChanged(MqttPayloadDiffView::DiffMode mode);
    /*! Emitted after every comparison shown or cleared. */
    void displayChanged();
    /*! Emitted when setContextLines() changed the value. */
    void contextLinesChanged(int lines);
    /*! Emitted when setMaxInputBytes() changed the value. */
    void maxInputBytesChanged(int bytes);

protected:
    /*! Compares again when the language or the palette changes. */
    void changeEvent(QEvent *event) override;

private:
    friend class MqttPayloadDiffViewPrivate;
    std::unique_ptr<MqttPayloadDiffViewPrivate> const d;
};

#endif // MQTTPAYLOADDIFFVIEW_H
