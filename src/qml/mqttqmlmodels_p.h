// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLMODELS_P_H
#define MQTTQMLMODELS_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <MqttQt/MqttClient>
#include <MqttQt/MqttQtModels>

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtQml/qqml.h>

// MqttQt::Models registered in QML as they are. The feed gets a `client` property: the
// connection from the client's messageArrived() to addMessage() is made in C++, direct,
// so no JavaScript runs per message.

/*!
    \qmltype MqttMessageFeed
    The bounded, thread-safe ingest of the topic models; \c client feeds it every message
    of that client.
*/
class MqttQmlFeedExtension : public QObject
{
    Q_OBJECT
    Q_PROPERTY(MqttClient *client READ client WRITE setClient NOTIFY clientChanged FINAL)
public:
    explicit MqttQmlFeedExtension(QObject *feed);
    MqttClient *client() const;
    void setClient(MqttClient *client);
Q_SIGNALS:
    void clientChanged();

private:
    MqttMessageFeed *const m_feed;
    QPointer<MqttClient> m_client;
    QMetaObject::Connection m_connection;
};

struct MqttQmlFeedForeign
{
    Q_GADGET
    QML_FOREIGN(MqttMessageFeed)
    QML_NAMED_ELEMENT(MqttMessageFeed)
    QML_EXTENDED(MqttQmlFeedExtension)
};

/*! \qmltype MqttTopicTreeModel  The topic tree (roles: levelName, topic, payloadPreview...). */
struct MqttQmlTopicTreeModelForeign
{
    Q_GADGET
    QML_FOREIGN(MqttTopicTreeModel)
    QML_NAMED_ELEMENT(MqttTopicTreeModel)
};

/*! \qmltype MqttMessageHistoryModel  One topic's stored messages. */
struct MqttQmlMessageHistoryModelForeign
{
    Q_GADGET
    QML_FOREIGN(MqttMessageHistoryModel)
    QML_NAMED_ELEMENT(MqttMessageHistoryModel)
};

/*! \qmltype MqttTopicFilterProxyModel  Search over the topic tree. */
struct MqttQmlTopicFilterProxyModelForeign
{
    Q_GADGET
    QML_FOREIGN(MqttTopicFilterProxyModel)
    QML_NAMED_ELEMENT(MqttTopicFilterProxyModel)
};

#endif // MQTTQMLMODELS_P_H
