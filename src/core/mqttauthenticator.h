// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTAUTHENTICATOR_H
#define MQTTAUTHENTICATOR_H

#include "mqttnamespace.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>

class MqttScramAuthenticatorPrivate;

/*!
    MQTT 5 enhanced authentication (spec 4.12): one authentication method, played by the
    client against the broker. Set it with MqttClient::setAuthenticator(); the client then
    sends method() and initialData() in CONNECT, answers each AUTH with Continue
    Authentication through challenge(), and checks the broker's last word (the
    Authentication Data of the CONNACK, or of the AUTH Success that ends a
    re-authentication) with finish(). MqttClient::reauthenticate() starts the exchange
    again on an open connection [MQTT-4.12.1-1].

    A function that fails returns an error code (Auth for a broker that does not prove
    itself) and a sentence; the client then ends the connection with that error and does
    not reconnect by itself.
*/
class MQTTQT_CORE_EXPORT MqttAuthenticator : public QObject
{
    Q_OBJECT
public:
    explicit MqttAuthenticator(QObject *parent = nullptr);
    ~MqttAuthenticator() override;

    /*! The Authentication Method, e.g. "SCRAM-SHA-256". */
    virtual QString method() const = 0;
    /*! Starts an exchange (a CONNECT or a re-authentication): the Authentication Data to
        send with it; empty for none. */
    virtual QByteArray initialData() = 0;
    /*! The broker asks for more (AUTH, Continue Authentication) with \a data: set
        \a response to the Authentication Data of the answer. */
    virtual Mqtt::ErrorCode challenge(const QByteArray &data, QByteArray *response, QString *errorString) = 0;
    /*! The broker accepted with \a data (empty if it sent none): NoError if that completes
        the exchange as the method requires. */
    virtual Mqtt::ErrorCode finish(const QByteArray &data, QString *errorString) = 0;
};

/*!
    SCRAM-SHA-256 (RFC 5802, RFC 7677) as an MQTT 5 authentication method: the password
    never crosses the wire, and the broker proves it knows the password's salted key in
    the final message, which finish() checks. The user name is escaped as RFC 5802 says
    ("=" and ","); the password is used as UTF-8 without SASLprep, so non-ASCII passwords
    must already be in their normalized form. Channel binding is not used ("n,,").
*/
class MQTTQT_CORE_EXPORT MqttScramAuthenticator : public MqttAuthenticator
{
    Q_OBJECT
public:
    MqttScramAuthenticator(const QString &username, const QString &password, QObject *parent = nullptr);
    ~MqttScramAuthenticator() override;

    QString username() const;
    /*! Uses \a nonce (printable ASCII without ',') as the client nonce of every exchange
        instead of a fresh random one: for tests against published test vectors only. */
    void setClientNonce(const QByteArray &nonce);

    QString method() const override;
    QByteArray initialData() override;
    Mqtt::ErrorCode challenge(const QByteArray &data, QByteArray *response, QString *errorString) override;
    Mqtt::ErrorCode finish(const QByteArray &data, QString *errorString) override;

private:
    std::unique_ptr<MqttScramAuthenticatorPrivate> const d;
};

#endif // MQTTAUTHENTICATOR_H
