// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttopicfilterproxymodel.h"
#include "mqtttopictreemodel.h"
#include "mqtttopictreemodel_p.h"
#include <MqttQt/mqttnamespace.h>

#include <QtCore/QPointer>

// Qt's recursive filtering asks filterAcceptsRow() for a whole subtree whenever a hidden
// row changes or gets children: with tens of thousands of topics below a hidden level
// and a tree changing every tick, that is seconds per tick. Over a MqttTopicTreeModel
// the proxy therefore keeps, per node, whether it matches itself and how many matching
// nodes lie below it, updated from the tree's changes before the tree signals them;
// filterAcceptsRow() is then one lookup, and Qt's recursive filtering stays off (the
// tree announces every ancestor of a changed topic, so hidden ancestors are looked at
// again). Over any other model the proxy falls back to Qt's recursive filtering.
class MqttTopicFilterProxyModelPrivate final : public MqttTreeObserver
{
public:
    explicit MqttTopicFilterProxyModelPrivate(MqttTopicFilterProxyModel *proxy) : q(proxy) { }

    struct Match
    {
        bool self = false;
        int below = 0; // matching nodes in the subtree, this one excluded
    };

    bool active() const { return !text.isEmpty() && valid; }
    bool matchesTopic(const QString &topic) const;
    bool matchesPayload(const QByteArray &payload) const;
    bool matches(const MqttTopicNode *node) const;
    void setSelf(const MqttTopicNode *node, bool self);
    void rebuild();
    void attach(MqttTopicTreeModel *model);
    void detach();

    void treeChanging(const std::vector<MqttTopicNode *> &created,
                      const std::vector<MqttTopicData *> &touched) override;
    void subtreeAboutToBeRemoved(MqttTopicNode *top) override;
    void treeAboutToBeCleared() override { counts.clear(); }
    void treeDestroyed() override
    {
        tree = nullptr;
        counts.clear();
    }

    MqttTopicFilterProxyModel *q;
    MqttTopicTreeModel *tree = nullptr; // cleared by treeDestroyed()
    QHash<const MqttTopicNode *, Match> counts; // only nodes matching or above a match
    QString text;
    QString lowerText; // for case-insensitive topic filters
    QString error;
    MqttTopicFilterProxyModel::FilterSyntax syntax = MqttTopicFilterProxyModel::PlainText;
    bool searchPayloads = false;
    bool valid = true;
};

bool MqttTopicFilterProxyModelPrivate::matchesTopic(const QString &topic) const
{
    const Qt::CaseSensitivity cs = q->filterCaseSensitivity();
    if (syntax == MqttTopicFilterProxyModel::TopicFilter) {
        if (cs == Qt::CaseSensitive)
            return Mqtt::topicMatchesSub(text, topic);
        return Mqtt::topicMatchesSub(lowerText, topic.toLower());
    }
    return topic.contains(text, cs);
}

bool MqttTopicFilterProxyModelPrivate::matchesPayload(const QByteArray &payload) const
{
    return syntax == MqttTopicFilterProxyModel::PlainText && searchPayloads && !payload.isEmpty()
            && QString::fromUtf8(payload).contains(text, q->filterCaseSensitivity());
}

bool MqttTopicFilterProxyModelPrivate::matches(const MqttTopicNode *node) const
{
    if (matchesTopic(MqttModels::topicFromUtf8(node->path)))
        return true;
    return node->data && !node->data->history.isEmpty() && matchesPayload(node->data->history.back().payload);
}

void MqttTopicFilterProxyModelPrivate::setSelf(const MqttTopicNode *node, bool self)
{
    const auto it = counts.find(node);
    const bool was = it != counts.end() && it->self;
    if (was == self)
        return;
    if (self) {
        counts[node].self = true;
    } else {
        it->self = false;
        if (it->below == 0)
            counts.erase(it);
    }
    const int delta = self ? 1 : -1;
    for (const MqttTopicNode *p = node->parent; p && p->parent; p = p->parent) {
        Match &m = counts[p];
        m.below += delta;
        if (!m.self && m.below == 0)
            counts.remove(p);
    }
}

void MqttTopicFilterProxyModelPrivate::rebuild()
{
    counts.clear();
    if (!tree || !active())
        return;
    const auto *t = MqttTopicTreeModelPrivate::get(tree);
    for (const MqttTopicNode *node : t->nodes) {
        if (matches(node))
            setSelf(node, true);
    }
}

void MqttTopicFilterProxyModelPrivate::attach(MqttTopicTreeModel *model)
{
    tree = model;
    if (tree)
        MqttTopicTreeModelPrivate::get(tree)->addTreeObserver(this);
}

void MqttTopicFilterProxyModelPrivate::detach()
{
    if (tree)
        MqttTopicTreeModelPrivate::get(tree)->removeTreeObserver(this);
    tree = nullptr;
    counts.clear();
}

void MqttTopicFilterProxyModelPrivate::treeChanging(const std::vector<MqttTopicNode *> &created,
                                                    const std::vector<MqttTopicData *> &touched)
{
    if (!active())
        return;
    for (const MqttTopicNode *node : created) {
        if (matches(node))
            setSelf(node, true);
    }
    // A topic's name never changes; its latest payload does.
    if (syntax != MqttTopicFilterProxyModel::PlainText || !searchPayloads)
        return;
    for (const MqttTopicData *t : touched) {
        if (!t->node->isNew)
            setSelf(t->node, matches(t->node));
    }
}

void MqttTopicFilterProxyModelPrivate::subtreeAboutToBeRemoved(MqttTopicNode *top)
{
    if (counts.isEmpty())
        return;
    const auto it = counts.constFind(top);
    if (it == counts.cend())
        return; // nothing in the subtree matches
    const int total = it->below + (it->self ? 1 : 0);
    for (const MqttTopicNode *p = top->parent; p && p->parent; p = p->parent) {
        Match &m = counts[p];
        m.below -= total;
        if (!m.self && m.below == 0)
            counts.remove(p);
    }
    std::vector<const MqttTopicNode *> stack{top};
    while (!stack.empty()) {
        const MqttTopicNode *n = stack.back();
        stack.pop_back();
        if (counts.remove(n))
            stack.insert(stack.end(), n->children.begin(), n->children.end());
    }
}

MqttTopicFilterProxyModel::MqttTopicFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent), d(new MqttTopicFilterProxyModelPrivate(this))
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(this, &QSortFilterProxyModel::filterCaseSensitivityChanged, this, [this] {
        d->rebuild();
        invalidateFilter();
    });
}

MqttTopicFilterProxyModel::~MqttTopicFilterProxyModel()
{
    d->detach();
}

void MqttTopicFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    d->detach();
    d->attach(qobject_cast<MqttTopicTreeModel *>(model));
    d->rebuild();
    // Over a tree model the proxy does the recursion itself (see above).
    setRecursiveFilteringEnabled(d->tree == nullptr);
    QSortFilterProxyModel::setSourceModel(model);
}

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
    d->rebuild();
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
    if (d->tree) {
        const auto it = d->counts.constFind(static_cast<const MqttTopicNode *>(index.constInternalPointer()));
        return it != d->counts.cend() && (it->self || it->below > 0);
    }
    return d->matchesTopic(index.data(MqttTopicTreeModel::TopicRole).toString())
            || d->matchesPayload(index.data(MqttTopicTreeModel::PayloadRole).toByteArray());
}
