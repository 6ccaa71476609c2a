// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTVALUECHARTVIEW_H
#define MQTTVALUECHARTVIEW_H

#include <MqttQt/mqttqtwidgets_export.h>

#include <QtCore/QList>
#include <QtCore/QPointF>
#include <QtWidgets/QWidget>

#include <memory>

class QAbstractItemModel;
class MqttValueChartViewPrivate;

/*!
    A line chart of the numbers in a topic's messages over time (Qt Charts).

    The view reads a list model with one message per row, oldest first: by default a
    MqttMessageHistoryModel (its TimestampMsecsRole and PayloadRole); other models work
    when timestampRole() and payloadRole() name roles giving milliseconds since the epoch
    and the payload. Each row's number is taken with MqttValueExtractor::number() at
    valuePath(): the payload itself when the path is empty, or a JSON field such as
    \c sensors.temp or \c data[0].v. The editable box above the chart offers the numeric
    fields of the latest payload.

    The chart follows the model live: rows appended (one insertion per model tick) add
    points, rows removed from the top drop them, anything else reads the model again.
    At most maxPoints() rows (the latest) are drawn. Messages without a number at the
    path are counted (unusableCount()) and the status line says why the latest one had
    none; they are never plotted as 0. While the view is hidden it only notes that the
    model changed and reads it again when shown.
*/
class MQTTQT_WIDGETS_EXPORT MqttValueChartView : public QWidget
{
    Q_OBJECT
    /*! The model read; none by default. Not owned. */
    Q_PROPERTY(QAbstractItemModel *model READ model WRITE setModel NOTIFY modelChanged)
    /*! The value path; empty (the payload itself) by default. */
    Q_PROPERTY(QString valuePath READ valuePath WRITE setValuePath NOTIFY valuePathChanged)
    /*! The role giving a row's time in milliseconds since the epoch; default
        MqttMessageHistoryModel::TimestampMsecsRole. */
    Q_PROPERTY(int timestampRole READ timestampRole WRITE setTimestampRole NOTIFY rolesChanged)
    /*! The role giving a row's payload; default MqttMessageHistoryModel::PayloadRole. */
    Q_PROPERTY(int payloadRole READ payloadRole WRITE setPayloadRole NOTIFY rolesChanged)
    /*! Rows drawn at most (the latest); default 10,000, at least 2. */
    Q_PROPERTY(int maxPoints READ maxPoints WRITE setMaxPoints NOTIFY maxPointsChanged)
    /*! Points drawn now. */
    Q_PROPERTY(int pointCount READ pointCount NOTIFY pointsChanged)
    /*! Rows read that had no number at the path. */
    Q_PROPERTY(int unusableCount READ unusableCount NOTIFY pointsChanged)
    /*! The status line under the path box (points, range, latest value, or why no
        number was found). */
    Q_PROPERTY(QString statusText READ statusText NOTIFY pointsChanged)

public:
    /*! Creates an empty chart reading no model. */
    explicit MqttValueChartView(QWidget *parent = nullptr);
    /*! Destroys the chart. */
    ~MqttValueChartView() override;

    /*! Returns the model read, or nullptr. */
    QAbstractItemModel *model() const;
    /*! Reads \a model from now on (nullptr for none). */
    void setModel(QAbstractItemModel *model);
    /*! Returns the value path. */
    QString valuePath() const;
    /*! Sets the value path and reads the model again. An invalid path is kept (the box
        shows what the user typed) and the status line says what is wrong; nothing is
        drawn then. */
    void setValuePath(const QString &path);
    /*! Returns the timestamp role. */
    int timestampRole() const;
    /*! Sets the timestamp role and reads the model again. */
    void setTimestampRole(int role);
    /*! Returns the payload role. */
    int payloadRole() const;
    /*! Sets the payload role and reads the model again. */
    void setPayloadRole(int role);
    /*! Returns the most points drawn. */
    int maxPoints() const;
    /*! Sets the most points drawn; a value below 2 is refused with a warning. */
    void setMaxPoints(int points);
    /*! Returns the number of points drawn. */
    int pointCount() const;
    /*! Returns the rows without a number at the path. */
    int unusableCount() const;
    /*! Returns the status line. */
    QString statusText() const;
    /*! Returns the points drawn: x is milliseconds since the epoch, y the value. */
    QList<QPointF> points() const;

Q_SIGNALS:
    /*! Emitted when setModel() changed the model (or it was destroyed). */
    void modelChanged();
    /*! Emitted when the value path changed, by setValuePath() or by the user. */
    void valuePathChanged(const QString &path);
    /*! Emitted when a role changed. */
    void rolesChanged();
    /*! Emitted when setMaxPoints() changed the value. */
    void maxPointsChanged(int points);
    /*! Emitted whenever the points drawn or the status line changed. */
    void pointsChanged();

protected:
    /*! Reads the model again if it changed while the view was hidden. */
    void showEvent(QShowEvent *event) override;
    /*! Follows language and palette changes. */
    void changeEvent(QEvent *event) override;

private:
    friend class MqttValueChartViewPrivate;
    std::unique_ptr<MqttValueChartViewPrivate> const d;
};

#endif // MQTTVALUECHARTVIEW_H
