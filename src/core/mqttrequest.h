// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTREQUEST_H
#define MQTTREQUEST_H

#include "mqttmessage.h"
#include "mqttnamespace.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>

class MqttClient;
class MqttClientPrivate;
class MqttRequestPrivate;

/*!
    One MQTT 5 request/response exchange, made by MqttClient::request(): the request was
    published with a Response Topic and Correlation Data, and the first message on the
    response topic carrying the same Correlation Data is its response.

    Exactly one of finished() (the response arrived) and failed() (refused, the request's
    publish failed, the timeout ran out, cancel(), or the client went away) is emitted,
    once, never from inside request(). By default the object then deletes itself
    (deleteLater()); call setAutoDelete(false) to keep it and read response() or error()
    later. It is a child of the client.
*/
class MQTTQT_CORE_EXPORT MqttRequest : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Mqtt::ErrorCode error READ error NOTIFY completed)
    Q_PROPERTY(QString errorString READ errorString NOTIFY completed)
public:
    ~MqttRequest() override;

    /*! The topic the request was published to. */
    QString topic() const;
    /*! The Response Topic it carried (see MqttClient::responseTopic()). */
    QString responseTopic() const;
    /*! The Correlation Data it carried: 16 bytes unique within the client. */
    QByteArray correlationData() const;
    /*! The message id of the request's PUBLISH (0 if refused). */
    int mid() const;
    /*! True once finished() or failed() was emitted. */
    bool isFinished() const;
    /*! NoError with a response; Timeout, NoConnection, NotSupported, Invalid... otherwise. */
    Mqtt::ErrorCode error() const;
    QString errorString() const;
    /*! The response; a null message until finished(). */
    MqttMessage response() const;
    /*! Whether the object deletes itself after its signal. Default true. */
    bool autoDelete() const;
    void setAutoDelete(bool autoDelete);

public Q_SLOTS:
    /*! Gives up: failed() with Mqtt::ErrorCode::Unknown ("cancelled"); a response arriving
        later is ignored. Does nothing once finished. */
    void cancel();

Q_SIGNALS:
    /*! The response arrived. */
    void finished(const MqttMessage &response);
    /*! No response will come: \a error and \a errorString say why. */
    void failed(Mqtt::ErrorCode error, const QString &errorString);
    /*! After finished() or failed(), for property bindings. */
    void completed();

private:
    explicit MqttRequest(QObject *parent);
    friend class MqttClientPrivate;
    friend class MqttRequestPrivate;
    std::unique_ptr<MqttRequestPrivate> const d;
};

#endif // MQTTREQUEST_H
