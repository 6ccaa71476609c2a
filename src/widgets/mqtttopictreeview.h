// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTOPICTREEVIEW_H
#define MQTTTOPICTREEVIEW_H

#include <MqttQt/mqttqtwidgets_export.h>

#include <QtWidgets/QTreeView>

#include <memory>

class MqttTopicTreeViewPrivate;

/*!
    A QTreeView set up for MqttTopicTreeModel (directly or through a proxy such as
    MqttTopicFilterProxyModel): uniform row heights (so that a flood of changes costs one
    repaint of the visible rows, not a layout pass over the whole tree), sensible column
    widths without resize-to-contents passes over large trees, values in a fixed-width
    font, retained values marked, and topics that changed recently tinted, the tint
    fading over highlightDuration().

    The view only paints: it reads the model's roles (TopicRole, HasMessageRole,
    RetainRole, LastUpdateRole) for the visible rows. While something changed within
    highlightDuration(), it repaints its viewport five times a second to fade the tint;
    otherwise it is idle.
*/
class MQTTQT_WIDGETS_EXPORT MqttTopicTreeView : public QTreeView
{
    Q_OBJECT
    /*! Tint topics that changed recently; default true. */
    Q_PROPERTY(bool highlightChanges READ highlightChanges WRITE setHighlightChanges NOTIFY highlightChangesChanged)
    /*! How long the tint of a change lasts, in milliseconds; default 1,500, 100 to
        60,000. */
    Q_PROPERTY(int highlightDuration READ highlightDuration WRITE setHighlightDuration NOTIFY highlightDurationChanged)
public:
    /*! Creates a view without a model. */
    explicit MqttTopicTreeView(QWidget *parent = nullptr);
    /*! Destroys the view. */
    ~MqttTopicTreeView() override;

    /*! Sets the model (a MqttTopicTreeModel or a proxy over one) and applies the column
        widths. */
    void setModel(QAbstractItemModel *model) override;

    /*! Returns whether recent changes are tinted. */
    bool highlightChanges() const;
    /*! Turns the tint of recent changes on or off. */
    void setHighlightChanges(bool enabled);
    /*! Returns the duration of the tint in milliseconds. */
    int highlightDuration() const;
    /*! Sets the duration of the tint; a value outside 100..60,000 is refused with a
        warning. */
    void setHighlightDuration(int msecs);

    /*! Returns the topic (TopicRole) of the current row, or an empty string. */
    QString currentTopic() const;

Q_SIGNALS:
    /*! Emitted when setHighlightChanges() changed the setting. */
    void highlightChangesChanged(bool enabled);
    /*! Emitted when setHighlightDuration() changed the duration. */
    void highlightDurationChanged(int msecs);
    /*! Emitted when the current row changes to another topic (TopicRole); empty when no
        row is current. */
    void currentTopicChanged(const QString &topic);

protected:
    /*! Emits currentTopicChanged(). */
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;

private:
    friend class MqttTopicTreeViewPrivate;
    std::unique_ptr<MqttTopicTreeViewPrivate> const d;
};

#endif // MQTTTOPICTREEVIEW_H
