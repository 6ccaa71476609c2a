// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLSUBSCRIPTION_P_H
#define MQTTQMLSUBSCRIPTION_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <MqttQt/MqttClient>

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtQml/QQmlParserStatus>
#include <QtQml/qqml.h>


/*!
    \qmltype MqttSubscription
    A subscription that follows its client: declared once, it subscribes when the client
    connects (at once if it is connected), subscribes again after a reconnection to a
    broker that kept no session, changes the subscription when topic or qos change, and
    unsubscribes when disabled or destroyed. It delivers the messages of its filter,
    whatever other handlers the client has.

    \qml
    MqttSubscription {
        client: client
        topic: "plant/+/temp"
        qos: Mqtt.AtLeastOnce
        onMessageReceived: (message) => console.log(message.topic, message.text)
    }
    \endqml

    Several MqttSubscription and MqttValue objects may use the same filter on one client:
    they share one broker subscription (they are built on the core MqttSubscription).
*/
class MqttQmlSubscription : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(MqttSubscription)
    /*! The client; null (the default) subscribes nothing. The client must live in this
        object's thread. */
    Q_PROPERTY(MqttClient *client READ client WRITE setClient NOTIFY clientChanged FINAL)
    /*! The topic filter (wildcards and $share/<group>/ allowed). Empty (the default):
        nothing is subscribed. An invalid filter sets state Error and error Mqtt.Invalid. */
    Q_PROPERTY(QString topic READ topic WRITE setTopic NOTIFY topicChanged FINAL)
    /*! The maximum QoS asked for: 0, 1 or 2 (Mqtt.AtMostOnce...); default 0. An int
        rather than Mqtt::QoS so that "qos: 1" is accepted as well as "qos: Mqtt.AtLeastOnce"
        (QML refuses number literals for enum properties). Another value sets state Error
        and error Mqtt.Invalid. */
    Q_PROPERTY(int qos READ qos WRITE setQos NOTIFY qosChanged FINAL)
    /*! MQTT 5: do not receive this client's own messages. Default false. */
    Q_PROPERTY(bool noLocal READ noLocal WRITE setNoLocal NOTIFY noLocalChanged FINAL)
    /*! MQTT 5: keep the publisher's retain flag. Default false. */
    Q_PROPERTY(bool retainAsPublished READ retainAsPublished WRITE setRetainAsPublished NOTIFY retainAsPublishedChanged FINAL)
    /*! MQTT 5: when retained messages are sent: Mqtt.SendOnSubscribe (0, the default),
        Mqtt.SendOnNewSubscribe (1), Mqtt.DoNotSend (2). An int, as qos. */
    Q_PROPERTY(int retainHandling READ retainHandling WRITE setRetainHandling NOTIFY retainHandlingChanged FINAL)
    /*! False unsubscribes (and subscribes again when true). Default true. */
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged FINAL)
    /*! Where the subscription is (see State). */
    Q_PROPERTY(State state READ state NOTIFY stateChanged FINAL)
    /*! The QoS the broker granted while Subscribed; -1 otherwise. */
    Q_PROPERTY(int grantedQos READ grantedQos NOTIFY grantedQosChanged FINAL)
    /*! The broker's SUBACK code for this filter: the granted QoS (0x00..0x02) or the
        refusal (e.g. Mqtt.NotAuthorized, 0x80 with MQTT 3.x); Mqtt.Success before any. */
    Q_PROPERTY(Mqtt::ReasonCode reasonCode READ reasonCode NOTIFY reasonCodeChanged FINAL)
    /*! Why the state is Error (Mqtt.Invalid for a bad filter or QoS, Mqtt.AclDenied for
        Not authorized, Mqtt.NotSupported for a feature the broker lacks, Mqtt.Unknown for
        other refusals, or the client's code when it refused the call); Mqtt.NoError
        otherwise. MqttValue also reports payloads it cannot read here. */
    Q_PROPERTY(Mqtt::ErrorCode error READ error NOTIFY errorChanged FINAL)
    /*! A sentence for error, naming the filter and the broker's reason code. */
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged FINAL)

public:
    /*! Where a subscription is. */
    enum State : int {
        Unsubscribed, //!< disabled, no client or no topic
        Pending,      //!< waiting for the client to connect, or for the SUBACK
        Subscribed,   //!< granted by the broker (grantedQos)
        Error,        //!< refused (error, errorString); tried again on the next connection
    };
    Q_ENUM(State)

    explicit MqttQmlSubscription(QObject *parent = nullptr);
    ~MqttQmlSubscription() override;

    MqttClient *client() const;
    void setClient(MqttClient *client);
    QString topic() const { return m_topic; }
    void setTopic(const QString &topic);
    int qos() const { return m_qos; }
    void setQos(int qos);
    bool noLocal() const { return m_noLocal; }
    void setNoLocal(bool noLocal);
    bool retainAsPublished() const { return m_retainAsPublished; }
    void setRetainAsPublished(bool retainAsPublished);
    int retainHandling() const { return m_retainHandling; }
    void setRetainHandling(int handling);
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    State state() const { return m_state; }
    int grantedQos() const { return m_grantedQos; }
    Mqtt::ReasonCode reasonCode() const { return m_reasonCode; }
    Mqtt::ErrorCode error() const;
    QString errorString() const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    /*! A message on this filter arrived (see mqttMessage). */
    void messageReceived(const MqttMessage &message);
    void clientChanged();
    void topicChanged();
    void qosChanged();
    void noLocalChanged();
    void retainAsPublishedChanged();
    void retainHandlingChanged();
    void enabledChanged();
    void stateChanged();
    void grantedQosChanged();
    void reasonCodeChanged();
    void errorChanged();

protected:
    // Called for every message of the filter before messageReceived() is emitted.
    virtual void handleMessage(const MqttMessage &message);
    // The topic or the client changed: what was received no longer applies.
    virtual void resetReceived();
    // A problem with received data (MqttValue); reported by error() unless the
    // subscription itself has an error.
    void setDataError(Mqtt::ErrorCode error, const QString &errorString);

private:
    // From the core subscription object this one is built on.
    void takeCoreState();
    void deliver(const MqttMessage &message);
    void clientGone();

    MqttSubscribeOptions options() const;
    void update();
    void detach();
    void setState(State state, int grantedQos, Mqtt::ErrorCode error, const QString &errorString,
                  Mqtt::ReasonCode reasonCode);

    QPointer<MqttClient> m_client;
    QPointer<MqttSubscription> m_core; // the client's subscription object, while attached
    QString m_attachedFilter;
    QString m_topic;
    int m_qos = 0;
    bool m_noLocal = false;
    bool m_retainAsPublished = false;
    int m_retainHandling = 0;
    bool m_enabled = true;
    bool m_complete = false;
    State m_state = Unsubscribed;
    int m_grantedQos = -1;
    Mqtt::ReasonCode m_reasonCode = Mqtt::ReasonCode::Success;
    Mqtt::ErrorCode m_error = Mqtt::ErrorCode::NoError;
    QString m_errorString;
    Mqtt::ErrorCode m_dataError = Mqtt::ErrorCode::NoError;
    QString m_dataErrorString;
};

#endif // MQTTQMLSUBSCRIPTION_P_H
