// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTOPICFILTERPROXYMODEL_H
#define MQTTTOPICFILTERPROXYMODEL_H

#include <MqttQt/mqttqtmodels_export.h>

#include <QtCore/QSortFilterProxyModel>

#include <memory>

class MqttTopicFilterProxyModelPrivate;

/*!
    Searches a MqttTopicTreeModel: keeps the topics matching filterText() and their
    ancestors, hides the rest, and follows the tree live. Keeping the ancestors costs one
    lookup per row however large the tree (see setSourceModel()).

    With PlainText syntax (the default), a node matches when its full topic contains
    filterText(), or, with searchPayloads(), when its latest payload, read as UTF-8,
    contains it. With TopicFilter syntax, filterText() is an MQTT topic filter and a node
    matches when its full topic matches it (\c + one level, \c # the rest, as
    Mqtt::topicMatchesSub()); payloads are not searched. An empty filterText() matches
    everything.

    Case-insensitive by default (filterCaseSensitivity() is Qt::CaseInsensitive), in
    both syntaxes. An invalid topic filter (e.g. \c a/#/b) matches nothing, and
    filterError() says why.

    Sorting is QSortFilterProxyModel's: call sort() to order rows (by display role);
    persistent indexes stay valid.
*/
class MQTTQT_MODELS_EXPORT MqttTopicFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
    /*! The search text or topic filter; empty (everything) by default. */
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    /*! How filterText() is read; PlainText by default. */
    Q_PROPERTY(FilterSyntax filterSyntax READ filterSyntax WRITE setFilterSyntax NOTIFY filterSyntaxChanged)
    /*! With PlainText, whether the latest payloads are searched too; default false. */
    Q_PROPERTY(bool searchPayloads READ searchPayloads WRITE setSearchPayloads NOTIFY searchPayloadsChanged)
    /*! Why the filter matches nothing, or empty when it is valid. */
    Q_PROPERTY(QString filterError READ filterError NOTIFY filterErrorChanged)

public:
    /*! How filterText() is read. */
    enum FilterSyntax {
        PlainText,   //!< a substring of the topic (and, optionally, the payload)
        TopicFilter, //!< an MQTT topic filter with \c + and \c #
    };
    Q_ENUM(FilterSyntax)

    /*! Creates a proxy with no source model, an empty filter and case-insensitive
        matching. */
    explicit MqttTopicFilterProxyModel(QObject *parent = nullptr);
    /*! Destroys the proxy. */
    ~MqttTopicFilterProxyModel() override;

    /*! Returns the search text or topic filter. */
    QString filterText() const;
    /*! Sets the search text or topic filter and filters again. */
    void setFilterText(const QString &text);
    /*! Returns how filterText() is read. */
    FilterSyntax filterSyntax() const;
    /*! Sets how filterText() is read and filters again. */
    void setFilterSyntax(FilterSyntax syntax);
    /*! Returns whether payloads are searched (PlainText only). */
    bool searchPayloads() const;
    /*! Sets whether payloads are searched and filters again. */
    void setSearchPayloads(bool search);
    /*! Returns why the filter matches nothing, or an empty string when it is valid. */
    QString filterError() const;

    /*! Sets the model to filter. Over a MqttTopicTreeModel the proxy keeps the ancestors
        of matches itself, from per-node match counts that it updates with each tick of
        the tree (cost per tick: the new nodes, plus the changed topics when payloads are
        searched), and turns Qt's recursiveFilteringEnabled() off: Qt's recursion asks
        about whole subtrees again on every change of a hidden row. Over any other model
        it turns recursiveFilteringEnabled() on and reads TopicRole and PayloadRole. */
    void setSourceModel(QAbstractItemModel *model) override;

Q_SIGNALS:
    /*! Emitted when setFilterText() changed the text (after filtering). */
    void filterTextChanged(const QString &text);
    /*! Emitted when setFilterSyntax() changed the syntax (after filtering). */
    void filterSyntaxChanged(MqttTopicFilterProxyModel::FilterSyntax syntax);
    /*! Emitted when setSearchPayloads() changed the option (after filtering). */
    void searchPayloadsChanged(bool search);
    /*! Emitted when the filter became valid or invalid, or its error changed. */
    void filterErrorChanged(const QString &error);

protected:
    /*! Accepts \a sourceRow if its topic (or payload) matches; see the class
        description. Ancestors of accepted rows are kept by the recursive filtering. */
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    std::unique_ptr<MqttTopicFilterProxyModelPrivate> const d;
};

#endif // MQTTTOPICFILTERPROXYMODEL_H
