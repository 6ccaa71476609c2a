// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttopicfilterproxymodel.h"
#include "mqtttopictreemodel.h"
#include "mqttnamespace.h"

class MqttTopicFilterProxyModelPrivate
{
public:
    QString text;
    QString lowerText; // for case-insensitive topic filters
    QString error;
    MqttTopicFilterProxyModel::FilterSyntax syntax = MqttTopicFilterProxyModel::PlainText;
    bool searchPayloads = false;
    bool valid = true;
};

MqttTopicFilterProxyModel::MqttTopicFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent), d(new MqttTopicFilterProxyModelPrivate)
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

MqttTopicFilterProxyModel::~MqttTopicFilterProxyModel() = default;

QString MqttTopicFilterProxyModel::filterText() const
{
    return d->text;
}

void MqttTopicFilterProxyModel::setFilterText(const QString &text)
{
    if (d->text == text)
        return;
    d->text = text;
    d->lowerText = text.toLower();
    refilter();
    Q_EMIT filterTextChanged(text);
}

MqttTopicFilterProxyModel::FilterSyntax MqttTopicFilterProxyModel::filterSyntax() const
{
    return d->syntax;
}

void MqttTopicFilterProxyModel::setFilterSyntax(FilterSyntax syntax)
{
    if (d->syntax == syntax)
        return;
    d->syntax = syntax;
    refilter();
    Q_EMIT filterSyntaxChanged(syntax);
}

bool MqttTopicFilterProxyModel::searchPayloads() const
{
    return d->searchPayloads;
}

void MqttTopicFilterProxyModel::setSearchPayloads(bool search)
{
    if (d->searchPayloads == search)
        return;
    d->searchPayloads = search;
    refilter();
    Q_EMIT searchPayloadsChanged(search);
}

QString MqttTopicFilterProxyModel::filterError() const
{
    return d->error;
}

void MqttTopicFilterProxyModel::refilter()
{
    const bool valid = d->syntax != TopicFilter || d->text.isEmpty() || Mqtt::isValidTopicFilter(d->text);
    const QString error = valid ? QString()
                                : tr("Not a valid MQTT topic filter: + and # must each fill a whole level, "
                                     "# may only be the last level, and the filter must be 1 to 65,535 "
                                     "UTF-8 bytes without U+0000.");
    d->valid = valid;
    invalidateFilter();
    if (error != d->error) {
        d->error = error;
        Q_EMIT filterErrorChanged(error);
    }
}

bool MqttTopicFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (d->text.isEmpty())
        return true;
    if (!d->valid)
        return false;
    const QAbstractItemModel *source = sourceModel();
    if (!source)
        return false;
    const QModelIndex index = source->index(sourceRow, 0, sourceParent);
    const QString topic = index.data(MqttTopicTreeModel::TopicRole).toString();
    const Qt::CaseSensitivity cs = filterCaseSensitivity();
    if (d->syntax == TopicFilter) {
        if (cs == Qt::CaseSensitive)
            return Mqtt::topicMatchesSub(d->text, topic);
        return Mqtt::topicMatchesSub(d->lowerText, topic.toLower());
    }
    if (topic.contains(d->text, cs))
        return true;
    if (!d->searchPayloads)
        return false;
    const QByteArray payload = index.data(MqttTopicTreeModel::PayloadRole).toByteArray();
    return !payload.isEmpty() && QString::fromUtf8(payload).contains(d->text, cs);
}
