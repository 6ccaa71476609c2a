// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttqmlmodels_p.h"

MqttQmlFeedExtension::MqttQmlFeedExtension(QObject *feed)
    : QObject(feed), m_feed(qobject_cast<MqttMessageFeed *>(feed))
{
}

MqttClient *MqttQmlFeedExtension::client() const
{
    return m_client;
}

void MqttQmlFeedExtension::setClient(MqttClient *client)
{
    if (client == m_client)
        return;
    QObject::disconnect(m_connection);
    m_client = client;
    if (client && m_feed) {
        // Direct: the client's thread appends under the feed's short lock; the models
        // drain it on their own tick. No event or JavaScript call per message.
        m_connection = QObject::connect(client, &MqttClient::messageArrived, m_feed, &MqttMessageFeed::addMessage,
                                        Qt::DirectConnection);
    }
    Q_EMIT clientChanged();
}
