// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGEHISTORYMODEL_H
#define MQTTMESSAGEHISTORYMODEL_H

#include <MqttQt/mqttqtmodels_export.h>
#include "mqtttopictreemodel.h"

#include <QtCore/QAbstractTableModel>

#include <memory>

class MqttMessageHistoryModelPrivate;

/*!
    The stored messages of one topic, oldest first, read from a MqttTopicTreeModel's
    history (which sets the bounds: see MqttTopicTreeModel).

    The model follows the topic live, in step with the tree's ticks: the messages a tick
    brings are appended as one row insertion at the end, and messages leaving the
    history (per-topic or global bound) are removed as one row removal from the top.
    Rows never move otherwise. A topic without messages yet (or not in the tree) gives
    no rows until its first message arrives; a topic removed from the tree gives no rows
    again (and the model keeps following the topic name). Changing the topic or the tree
    model resets the model.

    <b>Columns</b>: TimeColumn (arrival, local time with milliseconds), PayloadColumn
    (preview), QosColumn, RetainColumn, SizeColumn (payload bytes), PropertiesColumn
    (number of MQTT 5 properties, blank if none), SkippedColumn (messages of this topic
    that the feed skipped right before this one under overflow, blank if none). Every
    role answers on every column.

    Lives in the thread of its tree model.
*/
class MQTTQT_MODELS_EXPORT MqttMessageHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
    /*! The model whose history is shown; none by default. Not owned. */
    Q_PROPERTY(MqttTopicTreeModel *treeModel READ treeModel WRITE setTreeModel NOTIFY treeModelChanged)
    /*! The topic whose messages are shown (exact topic name, no wildcards); empty by
        default. */
    Q_PROPERTY(QString topic READ topic WRITE setTopic NOTIFY topicChanged)
    /*! Characters of payload shown by PayloadPreviewRole; default 100, 1 to 100,000. */
    Q_PROPERTY(int previewLength READ previewLength WRITE setPreviewLength NOTIFY previewLengthChanged)
    /*! The number of rows. */
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    /*! The columns, described in the class description. */
    enum Column {
        TimeColumn,
        PayloadColumn,
        QosColumn,
        RetainColumn,
        SizeColumn,
        PropertiesColumn,
        SkippedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    /*! The roles, named for QML by roleNames() (the name is given after each). */
    enum Role {
        TimestampRole = Qt::UserRole + 1, //!< "timestamp": QDateTime of arrival
        TimestampMsecsRole,   //!< "timestampMsecs": qint64, milliseconds since the epoch
        PayloadRole,          //!< "payload": QByteArray, complete
        PayloadPreviewRole,   //!< "payloadPreview": QString, previewLength() characters, "…" when shortened
        PayloadSizeRole,      //!< "payloadSize": int, bytes
        QosRole,              //!< "qos": int (0, 1, 2)
        RetainRole,           //!< "retain": bool
        PropertiesRole,       //!< "properties": MqttProperties
        PropertiesMapRole,    //!< "propertiesMap": MqttProperties::toVariantMap(), for QML
        SkippedBeforeRole,    //!< "skippedBefore": int, messages skipped by the feed right before this one
    };
    Q_ENUM(Role)

    /*! Creates an empty model, reading no tree. */
    explicit MqttMessageHistoryModel(QObject *parent = nullptr);
    /*! Stops reading the tree model. */
    ~MqttMessageHistoryModel() override;

    /*! Returns the tree model read, or nullptr (also after it was destroyed). */
    MqttTopicTreeModel *treeModel() const;
    /*! Reads \a model's history from now on (must live in this model's thread). */
    void setTreeModel(MqttTopicTreeModel *model);
    /*! Returns the topic followed. */
    QString topic() const;
    /*! Follows \a topic from now on (resets the model). */
    void setTopic(const QString &topic);
    /*! Returns the payload preview length in characters. */
    int previewLength() const;
    /*! Sets the preview length; a value outside 1..100,000 is refused with a warning. */
    void setPreviewLength(int characters);
    /*! Returns the number of stored messages of the topic (the rows). */
    int count() const;

    /*! Returns count() for the root, 0 otherwise. */
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    /*! Returns ColumnCount for the root, 0 otherwise. */
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    /*! Returns \a role of the message at \a index (roles and columns in the class
        description; Qt::TextAlignmentRole puts numbers right). */
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /*! Returns the column titles (translatable). */
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /*! Returns Qt's role names and the names of Role. */
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /*! Emitted when the tree model changed: setTreeModel(), or its destruction. */
    void treeModelChanged();
    /*! Emitted when setTopic() changed the topic. */
    void topicChanged(const QString &topic);
    /*! Emitted when setPreviewLength() changed the length. */
    void previewLengthChanged(int characters);
    /*! Emitted when rows were inserted or removed, once per change. */
    void countChanged();

private:
    friend class MqttMessageHistoryModelPrivate;
    std::unique_ptr<MqttMessageHistoryModelPrivate> const d;
};

#endif // MQTTMESSAGEHISTORYMODEL_H
