// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLUTILS_P_H
#define MQTTQMLUTILS_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <QtCore/QObject>
#include <QtQml/qqml.h>

/*!
    \qmltype MqttUtils
    A singleton with the Mqtt namespace's free functions, which QML cannot reach on a
    namespace: topic checks for text fields, and texts for codes.

    \qml
    TextField { id: topicField; color: MqttUtils.isValidTopicName(text) ? "black" : "red" }
    \endqml
*/
class MqttQmlUtils : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(MqttUtils)
    QML_SINGLETON
public:
    explicit MqttQmlUtils(QObject *parent = nullptr);

    /*! Mqtt::topicMatchesSub(): true if \a topic matches \a filter. */
    Q_INVOKABLE bool topicMatches(const QString &filter, const QString &topic) const;
    /*! True if \a topic can be published to. */
    Q_INVOKABLE bool isValidTopicName(const QString &topic) const;
    /*! True if \a filter can be subscribed to. */
    Q_INVOKABLE bool isValidTopicFilter(const QString &filter) const;
    /*! Paho's text for an Mqtt.ErrorCode (client.error). */
    Q_INVOKABLE QString errorString(int error) const;
    /*! The spec's name of an MQTT 5 reason code, e.g. "Not authorized". */
    Q_INVOKABLE QString reasonCodeString(int reasonCode) const;
    /*! The name of an Mqtt.ClientState value (client.state), e.g. "Connected". */
    Q_INVOKABLE QString clientStateName(int state) const;
};

#endif // MQTTQMLUTILS_P_H
