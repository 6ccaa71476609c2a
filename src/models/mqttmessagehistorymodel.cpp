// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmessagehistorymodel.h"
#include "mqtttopictreemodel_p.h"

#include <QtCore/QDateTime>
#include <QtCore/QLoggingCategory>

Q_LOGGING_CATEGORY(lcMqttHistory, "mqttqt.models.history")

class MqttMessageHistoryModelPrivate final : public MqttHistoryObserver
{
public:
    explicit MqttMessageHistoryModelPrivate(MqttMessageHistoryModel *model) : q(model) { }

    void attach();
    void detach();

    void historyAttached(MqttTopicData *t) override { data = t; }
    void historyAboutToDetach() override
    {
        if (data && data->history.size() > 0) {
            removing = true;
            q->beginRemoveRows(QModelIndex(), 0, data->history.size() - 1);
        }
    }
    void historyDetached() override
    {
        data = nullptr;
        if (removing) {
            removing = false;
            q->endRemoveRows();
            Q_EMIT q->countChanged();
        }
    }
    void historyAboutToRemoveFront(int count) override
    {
        q->beginRemoveRows(QModelIndex(), 0, count - 1);
    }
    void historyRemovedFront() override
    {
        q->endRemoveRows();
        Q_EMIT q->countChanged();
    }
    void historyAboutToAppend(int count) override
    {
        const int first = data ? data->history.size() : 0;
        q->beginInsertRows(QModelIndex(), first, first + count - 1);
    }
    void historyAppended() override
    {
        q->endInsertRows();
        Q_EMIT q->countChanged();
    }
    void treeDestroyed() override
    {
        q->beginResetModel();
        tree = nullptr;
        data = nullptr;
        q->endResetModel();
        Q_EMIT q->treeModelChanged();
        Q_EMIT q->countChanged();
    }

    MqttMessageHistoryModel *q;
    MqttTopicTreeModel *tree = nullptr; // cleared by treeDestroyed()
    QString topic;
    QByteArray topicUtf8;
    MqttTopicData *data = nullptr;
    int previewLength = 100;
    bool removing = false;
};

void MqttMessageHistoryModelPrivate::attach()
{
    if (tree && !topicUtf8.isEmpty())
        data = MqttTopicTreeModelPrivate::get(tree)->addObserver(topicUtf8, this);
}

void MqttMessageHistoryModelPrivate::detach()
{
    if (tree && !topicUtf8.isEmpty())
        MqttTopicTreeModelPrivate::get(tree)->removeObserver(topicUtf8, this);
    data = nullptr;
}

MqttMessageHistoryModel::MqttMessageHistoryModel(QObject *parent)
    : QAbstractTableModel(parent), d(new MqttMessageHistoryModelPrivate(this))
{
}

MqttMessageHistoryModel::~MqttMessageHistoryModel()
{
    d->detach();
}

MqttTopicTreeModel *MqttMessageHistoryModel::treeModel() const
{
    return d->tree;
}

void MqttMessageHistoryModel::setTreeModel(MqttTopicTreeModel *model)
{
    if (d->tree == model)
        return;
    beginResetModel();
    d->detach();
    d->tree = model;
    d->attach();
    endResetModel();
    Q_EMIT treeModelChanged();
    Q_EMIT countChanged();
}

QString MqttMessageHistoryModel::topic() const
{
    return d->topic;
}

void MqttMessageHistoryModel::setTopic(const QString &topic)
{
    if (d->topic == topic)
        return;
    beginResetModel();
    d->detach();
    d->topic = topic;
    d->topicUtf8 = topic.toUtf8();
    d->attach();
    endResetModel();
    Q_EMIT topicChanged(topic);
    Q_EMIT countChanged();
}

int MqttMessageHistoryModel::previewLength() const
{
    return d->previewLength;
}

void MqttMessageHistoryModel::setPreviewLength(int characters)
{
    if (characters < 1 || characters > 100000) {
        qCWarning(lcMqttHistory, "MqttMessageHistoryModel::setPreviewLength: %d refused, must be 1 to 100000",
                  characters);
        return;
    }
    if (d->previewLength == characters)
        return;
    d->previewLength = characters;
    if (const int rows = count(); rows > 0)
        Q_EMIT dataChanged(index(0, PayloadColumn), index(rows - 1, PayloadColumn), {Qt::DisplayRole, PayloadPreviewRole});
    Q_EMIT previewLengthChanged(characters);
}

int MqttMessageHistoryModel::count() const
{
    return d->data ? d->data->history.size() : 0;
}

int MqttMessageHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

int MqttMessageHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant MqttMessageHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= count())
        return QVariant();
    const MqttHistoryEntry &e = d->data->history.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return MqttModels::formatTimestamp(e.arrivalMsecs);
        case PayloadColumn:
            return MqttModels::payloadPreview(e.payload, d->previewLength);
        case QosColumn:
            return int(e.qos);
        case RetainColumn:
            return e.retain ? tr("retained") : QString();
        case SizeColumn:
            return int(e.payload.size());
        case PropertiesColumn:
            return e.properties.isEmpty() ? QVariant() : QVariant(e.properties.count());
        case SkippedColumn:
            return e.skippedBefore ? QVariant(e.skippedBefore) : QVariant();
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == PropertiesColumn || index.column() == SkippedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(e.arrivalMsecs);
    case TimestampMsecsRole:
        return e.arrivalMsecs;
    case PayloadRole:
        return e.payload;
    case PayloadPreviewRole:
        return MqttModels::payloadPreview(e.payload, d->previewLength);
    case PayloadSizeRole:
        return int(e.payload.size());
    case QosRole:
        return int(e.qos);
    case RetainRole:
        return e.retain;
    case PropertiesRole:
        return QVariant::fromValue(e.properties);
    case PropertiesMapRole:
        return e.properties.toVariantMap();
    case SkippedBeforeRole:
        return int(e.skippedBefore);
    }
    return QVariant();
}

QVariant MqttMessageHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case PayloadColumn:
        return tr("Payload");
    case QosColumn:
        return tr("QoS");
    case RetainColumn:
        return tr("Retain");
    case SizeColumn:
        return tr("Size");
    case PropertiesColumn:
        return tr("Properties");
    case SkippedColumn:
        return tr("Skipped before");
    }
    return QVariant();
}

QHash<int, QByteArray> MqttMessageHistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(TimestampRole, QByteArrayLiteral("timestamp"));
    names.insert(TimestampMsecsRole, QByteArrayLiteral("timestampMsecs"));
    names.insert(PayloadRole, QByteArrayLiteral("payload"));
    names.insert(PayloadPreviewRole, QByteArrayLiteral("payloadPreview"));
    names.insert(PayloadSizeRole, QByteArrayLiteral("payloadSize"));
    names.insert(QosRole, QByteArrayLiteral("qos"));
    names.insert(RetainRole, QByteArrayLiteral("retain"));
    names.insert(PropertiesRole, QByteArrayLiteral("properties"));
    names.insert(PropertiesMapRole, QByteArrayLiteral("propertiesMap"));
    names.insert(SkippedBeforeRole, QByteArrayLiteral("skippedBefore"));
    return names;
}
