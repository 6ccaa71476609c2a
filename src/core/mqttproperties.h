// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPROPERTIES_H
#define MQTTPROPERTIES_H

#include "mqttnamespace.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QPair>
#include <QtCore/QSharedDataPointer>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <optional>

class QDebug;
class MqttPropertiesPrivate;

/*!
    MQTT 5 properties of one packet (Paho's \c Properties), kept in wire order.

    Implicitly shared; an empty set allocates nothing. Each property has a wire type
    (Mqtt::propertyType()); the typed setters refuse, and return false for, a value of
    the wrong type or out of the type's range, and never change it silently. Which
    properties a packet may carry is checked when the packet is encoded.

    User properties (Mqtt::PropertyId::UserProperty) may repeat and keep their order;
    so do subscription identifiers in a PUBLISH. Every other property appears at most
    once: setting it again replaces the value in place.
*/
class MQTTQT_CORE_EXPORT MqttProperties
{
public:
    MqttProperties();
    MqttProperties(const MqttProperties &other);
    MqttProperties(MqttProperties &&other) noexcept;
    MqttProperties &operator=(const MqttProperties &other);
    MqttProperties &operator=(MqttProperties &&other) noexcept;
    ~MqttProperties();
    void swap(MqttProperties &other) noexcept { d.swap(other.d); }

    /*! True if no property is set. */
    bool isEmpty() const;
    /*! Number of entries, counting each user property and subscription identifier. */
    int count() const;
    /*! The identifiers of all entries, in wire order (repeats included). */
    QList<Mqtt::PropertyId> ids() const;
    /*! True if at least one entry with \a id is present. */
    bool contains(Mqtt::PropertyId id) const;
    /*! Removes every entry with \a id. */
    void remove(Mqtt::PropertyId id);
    /*! Removes everything. */
    void clear();

    /*! Value of an integer property (byte, two-byte, four-byte or variable byte integer
        type); for SubscriptionIdentifier, the first one. Empty if absent or not an
        integer property. */
    std::optional<quint32> integer(Mqtt::PropertyId id) const;
    /*! Value of a UTF-8 string property, or empty. */
    std::optional<QString> string(Mqtt::PropertyId id) const;
    /*! Value of a binary data property, or empty. */
    std::optional<QByteArray> binary(Mqtt::PropertyId id) const;

    /*! Sets an integer property. Returns false, changing nothing, if \a id is not an
        integer property or \a value does not fit its type (e.g. 256 for a byte, 0 or
        above 268,435,455 for a subscription identifier). */
    bool setInteger(Mqtt::PropertyId id, quint32 value);
    /*! Sets a UTF-8 string property. Returns false, changing nothing, if \a id is not a
        string property or \a value is longer than 65,535 UTF-8 bytes. */
    bool setString(Mqtt::PropertyId id, const QString &value);
    /*! Sets a binary property. Returns false, changing nothing, if \a id is not a binary
        property or \a value is longer than 65,535 bytes. */
    bool setBinary(Mqtt::PropertyId id, const QByteArray &value);

    /*! User properties, in wire order. */
    QList<QPair<QString, QString>> userProperties() const;
    /*! Appends a user property. Returns false, changing nothing, if the name or value
        is longer than 65,535 UTF-8 bytes. */
    bool addUserProperty(const QString &name, const QString &value);

    /*! Subscription identifiers (a PUBLISH may carry several), in wire order. */
    QList<quint32> subscriptionIdentifiers() const;
    /*! Appends a subscription identifier. Returns false if \a id is 0 or above
        268,435,455. */
    bool addSubscriptionIdentifier(quint32 id);

    /*! The properties as a map for QML and scripting: each property under its
        Mqtt::PropertyId name with a lower-case first letter ("contentType",
        "messageExpiryInterval", "correlationData" as QByteArray...), subscription
        identifiers as a list under "subscriptionIdentifiers", and user properties, in
        wire order with repeats, as a list of {"name", "value"} maps under "userProperties". */
    QVariantMap toVariantMap() const;
    /*! Builds properties from a map shaped as toVariantMap() makes it; "userProperties"
        may also be a list of [name, value] pairs or a map of name to value. Returns empty properties and sets
        \a errorString (if not null) naming the key for an unknown key, a value of the
        wrong type, or a value out of the property's range. */
    static MqttProperties fromVariantMap(const QVariantMap &map, QString *errorString = nullptr);

    /*! Equal if both hold the same properties with the same values, in any order; repeats
        of one property (user properties) must also come in the same order, which MQTT
        keeps. */
    friend MQTTQT_CORE_EXPORT bool operator==(const MqttProperties &a, const MqttProperties &b);
    friend bool operator!=(const MqttProperties &a, const MqttProperties &b) { return !(a == b); }

private:
    friend class MqttPropertiesPrivate;
    QSharedDataPointer<MqttPropertiesPrivate> d;
};

Q_DECLARE_SHARED(MqttProperties)

/*! Prints every property with its name and value, in wire order. */
MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttProperties &properties);

Q_DECLARE_METATYPE(MqttProperties)

#endif // MQTTPROPERTIES_H
