// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTNAMESPACE_H
#define MQTTNAMESPACE_H

#include "mqttqtglobal.h"

#include <QtCore/QMetaObject>
#include <QtCore/QString>

/*!
    The Mqtt namespace holds the enums and free functions of MqttQt: protocol versions,
    QoS levels, Paho's result codes (\c MQTT_ERR_*), CONNACK codes, MQTT 5 reason codes
    and property identifiers, and the topic helpers.
*/
namespace Mqtt {
Q_NAMESPACE_EXPORT(MQTTQT_CORE_EXPORT)

/*! The protocol level sent in CONNECT. Values are the wire values (Paho's MQTTv31,
    MQTTv311 and MQTTv5). */
enum class ProtocolVersion : int {
    V3_1 = 3,   //!< MQTT 3.1 ("MQIsdp")
    V3_1_1 = 4, //!< MQTT 3.1.1, the default, as in Paho
    V5 = 5,     //!< MQTT 5.0
};
Q_ENUM_NS(ProtocolVersion)

/*! Quality of service. Any other value passed where a QoS is expected is refused with
    ErrorCode::Invalid. */
enum class QoS : int {
    AtMostOnce = 0,
    AtLeastOnce = 1,
    ExactlyOnce = 2,
};
Q_ENUM_NS(QoS)

/*! Which byte stream carries MQTT (Paho's \c transport argument). TLS is chosen by
    giving the client TLS options (MqttTlsOptions), for TCP and WebSockets alike. */
enum class Transport : int {
    Tcp,        //!< MQTT over TCP (Paho's "tcp"), with TLS when TLS options are set
    WebSockets, //!< MQTT over WebSockets (Paho's "websockets"): ws://, or wss:// with TLS
    LocalSocket, //!< MQTT over a Unix domain socket (Paho's "unix"); the host is its path
    Device,     //!< MQTT over an open QIODevice the application supplies
};
Q_ENUM_NS(Transport)

/*! Who deletes a QIODevice handed to MqttQt as a transport (Transport::Device). */
enum class DeviceOwnership {
    CallerOwnsDevice, //!< the application keeps the device and deletes it itself
    ClientOwnsDevice, //!< MqttQt deletes the device once the connection over it is over
};
Q_ENUM_NS(DeviceOwnership)

/*! Where a client is in its connection life cycle. */
enum class ClientState : int {
    Disconnected,       //!< no connection and none being made or scheduled
    Connecting,         //!< socket being opened, or CONNECT sent and CONNACK awaited
    Connected,          //!< CONNACK with success received
    Disconnecting,      //!< disconnectFromHost() called; DISCONNECT queued
    WaitingToReconnect, //!< the connection failed or was lost; an automatic attempt is
                        //!< scheduled (MqttClient::nextReconnectAttempt())
};
Q_ENUM_NS(ClientState)

/*! Paho's result codes (\c MQTT_ERR_*), with the same numbers (Paho's \c MQTT_ERR_SUCCESS
    is \c NoError, as in Qt's own error enums), and MqttQt's own codes from 64 up. Returned
    by calls and carried by signals; errorString() gives Paho's text for each. */
enum class ErrorCode : int {
    Again = -1,
    NoError = 0,
    NoMemory = 1,
    Protocol = 2,
    Invalid = 3,
    NoConnection = 4,
    ConnectionRefused = 5,
    NotFound = 6,
    ConnectionLost = 7,
    Tls = 8,
    PayloadSize = 9,
    NotSupported = 10,
    Auth = 11,
    AclDenied = 12,
    Unknown = 13,
    Errno = 14,
    QueueSize = 15,
    KeepAlive = 16,
    // MqttQt's own codes
    Timeout = 64,      //!< a waitFor...() call or an operation ran out of time
    HostNotFound = 65, //!< the host name (or SRV domain) could not be resolved
    SessionStore = 66, //!< the session store could not be opened, read or written
};
Q_ENUM_NS(ErrorCode)

/*! How durable a session store (MqttClient::setSessionStore()) makes the session's
    changes. Whatever the setting, the changes of an event-loop pass are committed before
    any of that pass's bytes reach the socket, so the store never lags behind what the
    broker has seen; the settings differ in what survives besides a crash of the process. */
enum class Durability : int {
    Unsynced,  //!< committed once per event-loop pass, never synced (SQLite synchronous=OFF):
               //!< an operating-system crash may lose or damage the store
    Grouped,   //!< committed once per event-loop pass (group commit); the store stays
               //!< consistent after an operating-system crash but may lose its last
               //!< passes (SQLite WAL, synchronous=NORMAL). The default
    Synced,    //!< committed and synced to the medium once per event-loop pass, before the
               //!< pass's bytes reach the socket: every message the broker has seen is
               //!< on disk (synchronous=FULL)
    Immediate, //!< as Synced, and each QoS 1/2 message is committed and synced inside
               //!< publish(), before it returns
};
Q_ENUM_NS(Durability)

/*! MQTT 3.1/3.1.1 CONNACK return codes (Paho's \c CONNACK_*). */
enum class ConnackCode : int {
    Accepted = 0,
    RefusedProtocolVersion = 1,
    RefusedIdentifierRejected = 2,
    RefusedServerUnavailable = 3,
    RefusedBadUsernamePassword = 4,
    RefusedNotAuthorized = 5,
};
Q_ENUM_NS(ConnackCode)

/*! MQTT 5 reason codes (spec 2.4). Values below 0x80 are success; 0x80 and above are
    failures. 0x00 is also "normal disconnection" and "granted QoS 0". */
enum class ReasonCode : int {
    Success = 0x00,
    NormalDisconnection = 0x00,
    GrantedQoS0 = 0x00,
    GrantedQoS1 = 0x01,
    GrantedQoS2 = 0x02,
    DisconnectWithWillMessage = 0x04,
    NoMatchingSubscribers = 0x10,
    NoSubscriptionExisted = 0x11,
    ContinueAuthentication = 0x18,
    ReAuthenticate = 0x19,
    UnspecifiedError = 0x80,
    MalformedPacket = 0x81,
    ProtocolError = 0x82,
    ImplementationSpecificError = 0x83,
    UnsupportedProtocolVersion = 0x84,
    ClientIdentifierNotValid = 0x85,
    BadUserNameOrPassword = 0x86,
    NotAuthorized = 0x87,
    ServerUnavailable = 0x88,
    ServerBusy = 0x89,
    Banned = 0x8A,
    ServerShuttingDown = 0x8B,
    BadAuthenticationMethod = 0x8C,
    KeepAliveTimeout = 0x8D,
    SessionTakenOver = 0x8E,
    TopicFilterInvalid = 0x8F,
    TopicNameInvalid = 0x90,
    PacketIdentifierInUse = 0x91,
    PacketIdentifierNotFound = 0x92,
    ReceiveMaximumExceeded = 0x93,
    TopicAliasInvalid = 0x94,
    PacketTooLarge = 0x95,
    MessageRateTooHigh = 0x96,
    QuotaExceeded = 0x97,
    AdministrativeAction = 0x98,
    PayloadFormatInvalid = 0x99,
    RetainNotSupported = 0x9A,
    QoSNotSupported = 0x9B,
    UseAnotherServer = 0x9C,
    ServerMoved = 0x9D,
    SharedSubscriptionsNotSupported = 0x9E,
    ConnectionRateExceeded = 0x9F,
    MaximumConnectTime = 0xA0,
    SubscriptionIdentifiersNotSupported = 0xA1,
    WildcardSubscriptionsNotSupported = 0xA2,
};
Q_ENUM_NS(ReasonCode)

/*! MQTT 5 property identifiers (spec 2.2.2.2), all 27. */
enum class PropertyId : int {
    PayloadFormatIndicator = 0x01,
    MessageExpiryInterval = 0x02,
    ContentType = 0x03,
    ResponseTopic = 0x08,
    CorrelationData = 0x09,
    SubscriptionIdentifier = 0x0B,
    SessionExpiryInterval = 0x11,
    AssignedClientIdentifier = 0x12,
    ServerKeepAlive = 0x13,
    AuthenticationMethod = 0x15,
    AuthenticationData = 0x16,
    RequestProblemInformation = 0x17,
    WillDelayInterval = 0x18,
    RequestResponseInformation = 0x19,
    ResponseInformation = 0x1A,
    ServerReference = 0x1C,
    ReasonString = 0x1F,
    ReceiveMaximum = 0x21,
    TopicAliasMaximum = 0x22,
    TopicAlias = 0x23,
    MaximumQoS = 0x24,
    RetainAvailable = 0x25,
    UserProperty = 0x26,
    MaximumPacketSize = 0x27,
    WildcardSubscriptionAvailable = 0x28,
    SubscriptionIdentifierAvailable = 0x29,
    SharedSubscriptionAvailable = 0x2A,
};
Q_ENUM_NS(PropertyId)

/*! The wire type of a property's value (spec 2.2.2.2). */
enum class PropertyType : int {
    UnknownType, //!< not a property identifier
    Byte,
    TwoByteInteger,
    FourByteInteger,
    VariableByteInteger,
    Utf8String,
    BinaryData,
    Utf8StringPair,
};
Q_ENUM_NS(PropertyType)

/*! MQTT 5 subscription option: when the broker sends retained messages on subscribe. */
enum class RetainHandling : int {
    SendOnSubscribe = 0,
    SendOnNewSubscribe = 1,
    DoNotSend = 2,
};
Q_ENUM_NS(RetainHandling)

/*! Paho's log levels (\c MQTT_LOG_*), with the same numbers. */
enum class LogLevel : int {
    Info = 1,
    Notice = 2,
    Warning = 4,
    Error = 8,
    Debug = 16,
};
Q_ENUM_NS(LogLevel)

/*! Returns the port MQTT uses by default over \a transport: 1883 over TCP, 8883 over
    TLS (\a tls true), 80 over WebSockets (ws://) and 443 over secure WebSockets (wss://),
    whose default path is "/mqtt" (MqttWebSocketOptions). Returns 0 for
    Transport::LocalSocket and Transport::Device, which have no port. Paho's \c connect()
    always defaults to 1883; MqttQt picks the transport's port when none is given. */
MQTTQT_CORE_EXPORT quint16 defaultPort(Transport transport, bool tls);

/*! Returns Paho's text for a result code (\c paho.mqtt.client.error_string). */
MQTTQT_CORE_EXPORT QString errorString(ErrorCode code);

/*! Returns Paho's text for a MQTT 3.x CONNACK return code
    (\c paho.mqtt.client.connack_string); any value above 5 gives the "unknown reason"
    text. */
MQTTQT_CORE_EXPORT QString connackString(int connackCode);

/*! Returns the spec's name for an MQTT 5 reason code, e.g. "Quota exceeded". */
MQTTQT_CORE_EXPORT QString reasonCodeString(ReasonCode code);

/*! Returns true if \a topic matches the subscription filter \a subscription, with the
    wildcard rules of the spec (\c paho.mqtt.client.topic_matches_sub): \c + matches one
    level, \c # the rest, and filters starting with a wildcard do not match topics
    starting with \c $. Returns false for a filter or topic that breaks the wildcard rules
    or holds U+0000; other characters isValidTopicName() refuses (control characters,
    noncharacters) still match, as a broker may deliver such topics. */
MQTTQT_CORE_EXPORT bool topicMatchesSub(QStringView subscription, QStringView topic);

/*! Returns true if \a topic is a valid topic name to publish to: 1 to 65535 UTF-8
    bytes, no \c + or \c #, and none of the characters MqttClient refuses in any string
    it sends: U+0000, unpaired UTF-16 surrogates, the control characters U+0001..U+001F
    and U+007F..U+009F, and the Unicode noncharacters (MQTT 1.5.4 says they should not be
    sent; mosquitto closes the connection for them). */
MQTTQT_CORE_EXPORT bool isValidTopicName(QStringView topic);

/*! Returns true if \a filter is a valid subscription filter: 1 to 65535 UTF-8 bytes,
    \c + alone in its level, \c # alone in the last level, none of the characters
    isValidTopicName() refuses, and a shared subscription with a share name without
    wildcards and a filter (\c $share/{ShareName}/{filter}). */
MQTTQT_CORE_EXPORT bool isValidTopicFilter(QStringView filter);

/*! Returns the wire type of property \a id, or PropertyType::UnknownType for an unknown id. */
MQTTQT_CORE_EXPORT PropertyType propertyType(PropertyId id);

} // namespace Mqtt

#endif // MQTTNAMESPACE_H
