// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttnamespace.h"
#include "mqtttopic_p.h"
#include "codec/mqttutf8_p.h"

#include <QtCore/QMetaEnum>

namespace Mqtt {

QString errorString(ErrorCode code)
{
    // Paho's texts, word for word, so that logs read the same as with paho.mqtt.client.
    switch (code) {
    case ErrorCode::NoError:
        return QStringLiteral("No error.");
    case ErrorCode::NoMemory:
        return QStringLiteral("Out of memory.");
    case ErrorCode::Protocol:
        return QStringLiteral("A network protocol error occurred when communicating with the broker.");
    case ErrorCode::Invalid:
        return QStringLiteral("Invalid function arguments provided.");
    case ErrorCode::NoConnection:
        return QStringLiteral("The client is not currently connected.");
    case ErrorCode::ConnectionRefused:
        return QStringLiteral("The connection was refused.");
    case ErrorCode::NotFound:
        return QStringLiteral("Message not found (internal error).");
    case ErrorCode::ConnectionLost:
        return QStringLiteral("The connection was lost.");
    case ErrorCode::Tls:
        return QStringLiteral("A TLS error occurred.");
    case ErrorCode::PayloadSize:
        return QStringLiteral("Payload too large.");
    case ErrorCode::NotSupported:
        return QStringLiteral("This feature is not supported.");
    case ErrorCode::Auth:
        return QStringLiteral("Authorisation failed.");
    case ErrorCode::AclDenied:
        return QStringLiteral("Access denied by ACL.");
    case ErrorCode::Unknown:
        return QStringLiteral("Unknown error.");
    case ErrorCode::Errno:
        return QStringLiteral("Error defined by errno.");
    case ErrorCode::QueueSize:
        return QStringLiteral("Message queue full.");
    case ErrorCode::KeepAlive:
        return QStringLiteral("Client or broker did not communicate in the keepalive interval.");
    case ErrorCode::Timeout:
        return QStringLiteral("The operation timed out.");
    case ErrorCode::HostNotFound:
        return QStringLiteral("The host name could not be resolved.");
    case ErrorCode::SessionStore:
        return QStringLiteral("The session store could not be opened, read or written.");
    case ErrorCode::Again:
        break;
    }
    return QStringLiteral("Unknown error.");
}

quint16 defaultPort(Transport transport, bool tls)
{
    switch (transport) {
    case Transport::Tcp:
        return tls ? 8883 : 1883;
    case Transport::WebSockets:
        return tls ? 443 : 80;
    case Transport::LocalSocket:
    case Transport::Device:
        break;
    }
    return 0;
}

QString connackString(int connackCode)
{
    switch (connackCode) {
    case 0:
        return QStringLiteral("Connection Accepted.");
    case 1:
        return QStringLiteral("Connection Refused: unacceptable protocol version.");
    case 2:
        return QStringLiteral("Connection Refused: identifier rejected.");
    case 3:
        return QStringLiteral("Connection Refused: broker unavailable.");
    case 4:
        return QStringLiteral("Connection Refused: bad user name or password.");
    case 5:
        return QStringLiteral("Connection Refused: not authorised.");
    default:
        return QStringLiteral("Connection Refused: unknown reason.");
    }
}

QString reasonCodeString(ReasonCode code)
{
    switch (code) {
    case ReasonCode::Success: return QStringLiteral("Success");
    case ReasonCode::GrantedQoS1: return QStringLiteral("Granted QoS 1");
    case ReasonCode::GrantedQoS2: return QStringLiteral("Granted QoS 2");
    case ReasonCode::DisconnectWithWillMessage: return QStringLiteral("Disconnect with Will Message");
    case ReasonCode::NoMatchingSubscribers: return QStringLiteral("No matching subscribers");
    case ReasonCode::NoSubscriptionExisted: return QStringLiteral("No subscription existed");
    case ReasonCode::ContinueAuthentication: return QStringLiteral("Continue authentication");
    case ReasonCode::ReAuthenticate: return QStringLiteral("Re-authenticate");
    case ReasonCode::UnspecifiedError: return QStringLiteral("Unspecified error");
    case ReasonCode::MalformedPacket: return QStringLiteral("Malformed Packet");
    case ReasonCode::ProtocolError: return QStringLiteral("Protocol Error");
    case ReasonCode::ImplementationSpecificError: return QStringLiteral("Implementation specific error");
    case ReasonCode::UnsupportedProtocolVersion: return QStringLiteral("Unsupported Protocol Version");
    case ReasonCode::ClientIdentifierNotValid: return QStringLiteral("Client Identifier not valid");
    case ReasonCode::BadUserNameOrPassword: return QStringLiteral("Bad User Name or Password");
    case ReasonCode::NotAuthorized: return QStringLiteral("Not authorized");
    case ReasonCode::ServerUnavailable: return QStringLiteral("Server unavailable");
    case ReasonCode::ServerBusy: return QStringLiteral("Server busy");
    case ReasonCode::Banned: return QStringLiteral("Banned");
    case ReasonCode::ServerShuttingDown: return QStringLiteral("Server shutting down");
    case ReasonCode::BadAuthenticationMethod: return QStringLiteral("Bad authentication method");
    case ReasonCode::KeepAliveTimeout: return QStringLiteral("Keep Alive timeout");
    case ReasonCode::SessionTakenOver: return QStringLiteral("Session taken over");
    case ReasonCode::TopicFilterInvalid: return QStringLiteral("Topic Filter invalid");
    case ReasonCode::TopicNameInvalid: return QStringLiteral("Topic Name invalid");
    case ReasonCode::PacketIdentifierInUse: return QStringLiteral("Packet Identifier in use");
    case ReasonCode::PacketIdentifierNotFound: return QStringLiteral("Packet Identifier not found");
    case ReasonCode::ReceiveMaximumExceeded: return QStringLiteral("Receive Maximum exceeded");
    case ReasonCode::TopicAliasInvalid: return QStringLiteral("Topic Alias invalid");
    case ReasonCode::PacketTooLarge: return QStringLiteral("Packet too large");
    case ReasonCode::MessageRateTooHigh: return QStringLiteral("Message rate too high");
    case ReasonCode::QuotaExceeded: return QStringLiteral("Quota exceeded");
    case ReasonCode::AdministrativeAction: return QStringLiteral("Administrative action");
    case ReasonCode::PayloadFormatInvalid: return QStringLiteral("Payload format invalid");
    case ReasonCode::RetainNotSupported: return QStringLiteral("Retain not supported");
    case ReasonCode::QoSNotSupported: return QStringLiteral("QoS not supported");
    case ReasonCode::UseAnotherServer: return QStringLiteral("Use another server");
    case ReasonCode::ServerMoved: return QStringLiteral("Server moved");
    case ReasonCode::SharedSubscriptionsNotSupported: return QStringLiteral("Shared Subscriptions not supported");
    case ReasonCode::ConnectionRateExceeded: return QStringLiteral("Connection rate exceeded");
    case ReasonCode::MaximumConnectTime: return QStringLiteral("Maximum connect time");
    case ReasonCode::SubscriptionIdentifiersNotSupported: return QStringLiteral("Subscription Identifiers not supported");
    case ReasonCode::WildcardSubscriptionsNotSupported: return QStringLiteral("Wildcard Subscriptions not supported");
    }
    return QStringLiteral("Unknown reason code 0x%1").arg(int(code), 2, 16, QLatin1Char('0'));
}

bool topicMatchesSub(QStringView subscription, QStringView topic)
{
    // The structure only: a received topic may hold characters (a tab, say) that this
    // client refuses to send but a broker passed on, and must still match.
    if (!MqttTopic::isValidFilter(subscription) || !MqttTopic::isValidName(topic))
        return false;
    return MqttTopic::matchesValid(subscription, topic);
}

bool isValidTopicName(QStringView topic)
{
    return MqttTopic::nameProblem(topic, QLatin1String("The topic")).isEmpty();
}

bool isValidTopicFilter(QStringView filter)
{
    return MqttTopic::filterProblem(filter).isEmpty();
}

PropertyType propertyType(PropertyId id)
{
    switch (id) {
    case PropertyId::PayloadFormatIndicator:
    case PropertyId::RequestProblemInformation:
    case PropertyId::RequestResponseInformation:
    case PropertyId::MaximumQoS:
    case PropertyId::RetainAvailable:
    case PropertyId::WildcardSubscriptionAvailable:
    case PropertyId::SubscriptionIdentifierAvailable:
    case PropertyId::SharedSubscriptionAvailable:
        return PropertyType::Byte;
    case PropertyId::ServerKeepAlive:
    case PropertyId::ReceiveMaximum:
    case PropertyId::TopicAliasMaximum:
    case PropertyId::TopicAlias:
        return PropertyType::TwoByteInteger;
    case PropertyId::MessageExpiryInterval:
    case PropertyId::SessionExpiryInterval:
    case PropertyId::WillDelayInterval:
    case PropertyId::MaximumPacketSize:
        return PropertyType::FourByteInteger;
    case PropertyId::SubscriptionIdentifier:
        return PropertyType::VariableByteInteger;
    case PropertyId::ContentType:
    case PropertyId::ResponseTopic:
    case PropertyId::AssignedClientIdentifier:
    case PropertyId::AuthenticationMethod:
    case PropertyId::ResponseInformation:
    case PropertyId::ServerReference:
    case PropertyId::ReasonString:
        return PropertyType::Utf8String;
    case PropertyId::CorrelationData:
    case PropertyId::AuthenticationData:
        return PropertyType::BinaryData;
    case PropertyId::UserProperty:
        return PropertyType::Utf8StringPair;
    }
    return PropertyType::UnknownType;
}

} // namespace Mqtt

namespace MqttTopic {

QString nameProblem(QStringView topic, QLatin1String what)
{
    // Checked first, the sentence built only for a refusal: valid topics cost no string.
    if (topic.isEmpty())
        return QString(what) + QStringLiteral(" is empty");
    qsizetype wildcard = -1;
    for (qsizetype i = 0; i < topic.size() && wildcard < 0; ++i) {
        if (topic[i] == u'+' || topic[i] == u'#') // [MQTT-3.3.2-2]
            wildcard = i;
    }
    const qsizetype bytes = MqttCodec::sendableUtf8Length(topic);
    if (bytes >= 0 && bytes <= 65535 && wildcard < 0)
        return {};
    const QString quoted = QStringLiteral("%1 \"%2\"").arg(what, MqttCodec::printable(topic));
    QString why = MqttCodec::mqttStringProblem(topic, quoted);
    if (!why.isEmpty())
        return why;
    return QStringLiteral("%1 contains the wildcard '%2' at position %3; a topic one publishes to cannot hold wildcards")
            .arg(quoted, QString(topic[wildcard]))
            .arg(wildcard);
}

QString filterProblem(QStringView filter)
{
    if (filter.isEmpty())
        return QStringLiteral("The topic filter is empty");
    const auto quoted = [filter] { return QStringLiteral("The topic filter \"%1\"").arg(MqttCodec::printable(filter)); };
    const qsizetype bytes = MqttCodec::sendableUtf8Length(filter);
    if (bytes < 0 || bytes > 65535)
        return MqttCodec::mqttStringProblem(filter, quoted());
    const qsizetype n = filter.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = filter[i];
        if (c == u'+' && ((i > 0 && filter[i - 1] != u'/') || (i + 1 < n && filter[i + 1] != u'/')))
            return QStringLiteral("%1 has '+' at position %2 sharing its level; the single-level wildcard must be a whole level")
                    .arg(quoted())
                    .arg(i);
        if (c == u'#' && (i + 1 != n || (i > 0 && filter[i - 1] != u'/')))
            return QStringLiteral("%1 has '#' at position %2; the multi-level wildcard must be the whole last level")
                    .arg(quoted())
                    .arg(i);
    }
    const QStringView share = u"$share/";
    if (filter.startsWith(share)) {
        const qsizetype slash = filter.indexOf(u'/', share.size());
        const QStringView name = filter.mid(share.size(), slash < 0 ? -1 : slash - share.size());
        if (name.isEmpty())
            return quoted() + QStringLiteral(" is a shared subscription without a share name ($share/{ShareName}/{filter})");
        if (name.contains(u'+') || name.contains(u'#'))
            return quoted() + QStringLiteral(" has a wildcard in its share name, which cannot hold one");
        if (slash < 0 || slash + 1 == n)
            return quoted() + QStringLiteral(" is a shared subscription without a topic filter ($share/{ShareName}/{filter})");
    }
    return {};
}

} // namespace MqttTopic
