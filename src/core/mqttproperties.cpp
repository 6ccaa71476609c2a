// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttproperties.h"
#include "mqttproperties_p.h"
#include "codec/mqttutf8_p.h"

#include <QtCore/QDebug>
#include <QtCore/QMetaEnum>

#include <algorithm>

namespace {
const std::vector<MqttPropertyEntry> emptyEntries;

constexpr quint32 maxVariableByteInteger = 268435455;
constexpr qsizetype maxStringBytes = 65535;

bool fitsIntegerType(Mqtt::PropertyType type, quint32 value)
{
    switch (type) {
    case Mqtt::PropertyType::Byte:
        return value <= 0xFF;
    case Mqtt::PropertyType::TwoByteInteger:
        return value <= 0xFFFF;
    case Mqtt::PropertyType::FourByteInteger:
        return true;
    case Mqtt::PropertyType::VariableByteInteger:
        return value <= maxVariableByteInteger;
    default:
        return false;
    }
}

} // namespace

void MqttPropertiesPrivate::append(MqttProperties &props, MqttPropertyEntry &&entry)
{
    if (!props.d)
        props.d = new MqttPropertiesPrivate;
    props.d->list.push_back(std::move(entry));
}

const std::vector<MqttPropertyEntry> &MqttPropertiesPrivate::entries(const MqttProperties &props)
{
    return props.d ? props.d->list : emptyEntries;
}

bool MqttPropertiesPrivate::mayRepeat(Mqtt::PropertyId id)
{
    return id == Mqtt::PropertyId::UserProperty || id == Mqtt::PropertyId::SubscriptionIdentifier;
}

MqttProperties::MqttProperties() = default;
MqttProperties::MqttProperties(const MqttProperties &other) = default;
MqttProperties::MqttProperties(MqttProperties &&other) noexcept = default;
MqttProperties &MqttProperties::operator=(const MqttProperties &other) = default;
MqttProperties &MqttProperties::operator=(MqttProperties &&other) noexcept = default;
MqttProperties::~MqttProperties() = default;

bool MqttProperties::isEmpty() const
{
    return !d || d->list.empty();
}

int MqttProperties::count() const
{
    return d ? int(d->list.size()) : 0;
}

QList<Mqtt::PropertyId> MqttProperties::ids() const
{
    QList<Mqtt::PropertyId> result;
    for (const auto &e : MqttPropertiesPrivate::entries(*this))
        result.append(e.id);
    return result;
}

bool MqttProperties::contains(Mqtt::PropertyId id) const
{
    const auto &es = MqttPropertiesPrivate::entries(*this);
    return std::any_of(es.begin(), es.end(), [id](const auto &e) { return e.id == id; });
}

void MqttProperties::remove(Mqtt::PropertyId id)
{
    if (!contains(id))
        return;
    auto &es = d->list;
    es.erase(std::remove_if(es.begin(), es.end(), [id](const auto &e) { return e.id == id; }),
             es.end());
}

void MqttProperties::clear()
{
    d.reset();
}

namespace {
const MqttPropertyEntry *findFirst(const std::vector<MqttPropertyEntry> &es, Mqtt::PropertyId id)
{
    auto it = std::find_if(es.begin(), es.end(), [id](const auto &e) { return e.id == id; });
    return it == es.end() ? nullptr : &*it;
}

bool isIntegerType(Mqtt::PropertyType t)
{
    return t == Mqtt::PropertyType::Byte || t == Mqtt::PropertyType::TwoByteInteger
            || t == Mqtt::PropertyType::FourByteInteger
            || t == Mqtt::PropertyType::VariableByteInteger;
}
} // namespace

std::optional<quint32> MqttProperties::integer(Mqtt::PropertyId id) const
{
    if (!isIntegerType(Mqtt::propertyType(id)))
        return std::nullopt;
    if (const auto *e = findFirst(MqttPropertiesPrivate::entries(*this), id))
        return e->number;
    return std::nullopt;
}

std::optional<QString> MqttProperties::string(Mqtt::PropertyId id) const
{
    if (Mqtt::propertyType(id) != Mqtt::PropertyType::Utf8String)
        return std::nullopt;
    if (const auto *e = findFirst(MqttPropertiesPrivate::entries(*this), id))
        return e->text;
    return std::nullopt;
}

std::optional<QByteArray> MqttProperties::binary(Mqtt::PropertyId id) const
{
    if (Mqtt::propertyType(id) != Mqtt::PropertyType::BinaryData)
        return std::nullopt;
    if (const auto *e = findFirst(MqttPropertiesPrivate::entries(*this), id))
        return e->binary;
    return std::nullopt;
}

namespace {
// Replaces the single entry with the entry's id in place, or appends it.
void setSingle(QSharedDataPointer<MqttPropertiesPrivate> &d, MqttProperties &self,
               MqttPropertyEntry &&entry)
{
    if (d) {
        for (auto &e : d->list) {
            if (e.id == entry.id) {
                e = std::move(entry);
                return;
            }
        }
    }
    MqttPropertiesPrivate::append(self, std::move(entry));
}
} // namespace

bool MqttProperties::setInteger(Mqtt::PropertyId id, quint32 value)
{
    const auto type = Mqtt::propertyType(id);
    if (!isIntegerType(type) || !fitsIntegerType(type, value))
        return false;
    if (id == Mqtt::PropertyId::SubscriptionIdentifier) {
        if (value == 0)
            return false;
        remove(id);
    }
    MqttPropertyEntry e(id);
    e.number = value;
    setSingle(d, *this, std::move(e));
    return true;
}

bool MqttProperties::setString(Mqtt::PropertyId id, const QString &value)
{
    if (Mqtt::propertyType(id) != Mqtt::PropertyType::Utf8String || !MqttCodec::fitsMqttString(value))
        return false;
    MqttPropertyEntry e(id);
    e.text = value;
    setSingle(d, *this, std::move(e));
    return true;
}

bool MqttProperties::setBinary(Mqtt::PropertyId id, const QByteArray &value)
{
    if (Mqtt::propertyType(id) != Mqtt::PropertyType::BinaryData || value.size() > maxStringBytes)
        return false;
    MqttPropertyEntry e(id);
    e.binary = value;
    setSingle(d, *this, std::move(e));
    return true;
}

QList<QPair<QString, QString>> MqttProperties::userProperties() const
{
    QList<QPair<QString, QString>> result;
    for (const auto &e : MqttPropertiesPrivate::entries(*this)) {
        if (e.id == Mqtt::PropertyId::UserProperty)
            result.append(qMakePair(e.text, e.text2));
    }
    return result;
}

bool MqttProperties::addUserProperty(const QString &name, const QString &value)
{
    if (!MqttCodec::fitsMqttString(name) || !MqttCodec::fitsMqttString(value))
        return false;
    MqttPropertyEntry e(Mqtt::PropertyId::UserProperty);
    e.text = name;
    e.text2 = value;
    MqttPropertiesPrivate::append(*this, std::move(e));
    return true;
}

QList<quint32> MqttProperties::subscriptionIdentifiers() const
{
    QList<quint32> result;
    for (const auto &e : MqttPropertiesPrivate::entries(*this)) {
        if (e.id == Mqtt::PropertyId::SubscriptionIdentifier)
            result.append(e.number);
    }
    return result;
}

bool MqttProperties::addSubscriptionIdentifier(quint32 id)
{
    if (id == 0 || id > maxVariableByteInteger)
        return false;
    MqttPropertyEntry e(Mqtt::PropertyId::SubscriptionIdentifier);
    e.number = id;
    MqttPropertiesPrivate::append(*this, std::move(e));
    return true;
}

bool operator==(const MqttProperties &a, const MqttProperties &b)
{
    const auto &x = MqttPropertiesPrivate::entries(a);
    const auto &y = MqttPropertiesPrivate::entries(b);
    if (x == y)
        return true;
    if (x.size() != y.size())
        return false;
    // The same properties in another order are equal (a QVariantMap round trip reorders
    // them); the order among repeats of one property (user properties) still counts.
    auto byId = [](const std::vector<MqttPropertyEntry> &entries) {
        std::vector<const MqttPropertyEntry *> sorted;
        sorted.reserve(entries.size());
        for (const MqttPropertyEntry &e : entries)
            sorted.push_back(&e);
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const MqttPropertyEntry *l, const MqttPropertyEntry *r) { return l->id < r->id; });
        return sorted;
    };
    const auto sx = byId(x);
    const auto sy = byId(y);
    return std::equal(sx.begin(), sx.end(), sy.begin(),
                      [](const MqttPropertyEntry *l, const MqttPropertyEntry *r) { return *l == *r; });
}

namespace {
QString variantKey(Mqtt::PropertyId id)
{
    QString name = QString::fromLatin1(QMetaEnum::fromType<Mqtt::PropertyId>().valueToKey(int(id)));
    if (!name.isEmpty())
        name[0] = name[0].toLower();
    return name;
}

constexpr Mqtt::PropertyId allPropertyIds[] = {
    Mqtt::PropertyId::PayloadFormatIndicator, Mqtt::PropertyId::MessageExpiryInterval,
    Mqtt::PropertyId::ContentType, Mqtt::PropertyId::ResponseTopic, Mqtt::PropertyId::CorrelationData,
    Mqtt::PropertyId::SubscriptionIdentifier, Mqtt::PropertyId::SessionExpiryInterval,
    Mqtt::PropertyId::AssignedClientIdentifier, Mqtt::PropertyId::ServerKeepAlive,
    Mqtt::PropertyId::AuthenticationMethod, Mqtt::PropertyId::AuthenticationData,
    Mqtt::PropertyId::RequestProblemInformation, Mqtt::PropertyId::WillDelayInterval,
    Mqtt::PropertyId::RequestResponseInformation, Mqtt::PropertyId::ResponseInformation,
    Mqtt::PropertyId::ServerReference, Mqtt::PropertyId::ReasonString, Mqtt::PropertyId::ReceiveMaximum,
    Mqtt::PropertyId::TopicAliasMaximum, Mqtt::PropertyId::TopicAlias, Mqtt::PropertyId::MaximumQoS,
    Mqtt::PropertyId::RetainAvailable, Mqtt::PropertyId::UserProperty, Mqtt::PropertyId::MaximumPacketSize,
    Mqtt::PropertyId::WildcardSubscriptionAvailable, Mqtt::PropertyId::SubscriptionIdentifierAvailable,
    Mqtt::PropertyId::SharedSubscriptionAvailable,
};
} // namespace

QVariantMap MqttProperties::toVariantMap() const
{
    QVariantMap map;
    QVariantList users;
    QVariantList subscriptionIds;
    for (const auto &e : MqttPropertiesPrivate::entries(*this)) {
        switch (Mqtt::propertyType(e.id)) {
        case Mqtt::PropertyType::Utf8StringPair:
            users.append(QVariantMap{ { QStringLiteral("name"), e.text }, { QStringLiteral("value"), e.text2 } });
            break;
        case Mqtt::PropertyType::Utf8String:
            map.insert(variantKey(e.id), e.text);
            break;
        case Mqtt::PropertyType::BinaryData:
            map.insert(variantKey(e.id), e.binary);
            break;
        case Mqtt::PropertyType::UnknownType:
            break;
        default:
            if (e.id == Mqtt::PropertyId::SubscriptionIdentifier)
                subscriptionIds.append(e.number);
            else
                map.insert(variantKey(e.id), e.number);
            break;
        }
    }
    if (!users.isEmpty())
        map.insert(QStringLiteral("userProperties"), users);
    if (!subscriptionIds.isEmpty())
        map.insert(QStringLiteral("subscriptionIdentifiers"), subscriptionIds);
    return map;
}

MqttProperties MqttProperties::fromVariantMap(const QVariantMap &map, QString *errorString)
{
    MqttProperties props;
    auto refuse = [errorString](const QString &why) {
        if (errorString)
            *errorString = why;
        return MqttProperties();
    };
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        const QString &key = it.key();
        const QVariant &value = it.value();
        if (key == QLatin1String("userProperties")) {
            if (value.typeId() == QMetaType::QVariantMap) {
                const QVariantMap users = value.toMap();
                for (auto u = users.cbegin(); u != users.cend(); ++u) {
                    if (!props.addUserProperty(u.key(), u.value().toString()))
                        return refuse(QStringLiteral("User property \"%1\" is longer than 65,535 bytes").arg(u.key()));
                }
                continue;
            }
            if (!value.canConvert<QVariantList>())
                return refuse(QStringLiteral("userProperties must be a list of {name, value} objects or a map"));
            for (const QVariant &entry : value.toList()) {
                QString name, text;
                if (entry.typeId() == QMetaType::QVariantMap) {
                    const QVariantMap nv = entry.toMap();
                    if (!nv.contains(QStringLiteral("name")) || !nv.contains(QStringLiteral("value")))
                        return refuse(QStringLiteral("Each user property needs a name and a value"));
                    name = nv.value(QStringLiteral("name")).toString();
                    text = nv.value(QStringLiteral("value")).toString();
                } else {
                    const QVariantList nv = entry.toList();
                    if (nv.size() != 2)
                        return refuse(QStringLiteral("Each user property must be {name, value} or a [name, value] pair"));
                    name = nv.at(0).toString();
                    text = nv.at(1).toString();
                }
                if (!props.addUserProperty(name, text))
                    return refuse(QStringLiteral("User property \"%1\" is longer than 65,535 bytes").arg(name));
            }
            continue;
        }
        if (key == QLatin1String("subscriptionIdentifiers")) {
            for (const QVariant &v : value.toList()) {
                bool ok = false;
                const double n = v.toDouble(&ok);
                if (!ok || n <= 0 || n > 268435455 || n != double(quint32(n)) || !props.addSubscriptionIdentifier(quint32(n)))
                    return refuse(QStringLiteral("subscriptionIdentifiers: %1 is not in 1..268,435,455").arg(v.toString()));
            }
            continue;
        }
        Mqtt::PropertyId id = Mqtt::PropertyId::PayloadFormatIndicator;
        bool known = false;
        for (const Mqtt::PropertyId candidate : allPropertyIds) {
            if (variantKey(candidate) == key && candidate != Mqtt::PropertyId::UserProperty) {
                id = candidate;
                known = true;
                break;
            }
        }
        if (!known)
            return refuse(QStringLiteral("Unknown MQTT 5 property \"%1\"").arg(key));
        bool ok = true;
        switch (Mqtt::propertyType(id)) {
        case Mqtt::PropertyType::Utf8String:
            ok = props.setString(id, value.toString());
            break;
        case Mqtt::PropertyType::BinaryData:
            ok = props.setBinary(id, value.typeId() == QMetaType::QString ? value.toString().toUtf8() : value.toByteArray());
            break;
        default: {
            // Numbers from QML arrive as doubles: refuse 1.5 rather than truncate it.
            const double n = value.toDouble(&ok);
            ok = ok && value.typeId() != QMetaType::Bool && n >= 0 && n <= double(0xFFFFFFFFu)
                    && n == double(quint32(n)) && props.setInteger(id, quint32(n));
            break;
        }
        }
        if (!ok)
            return refuse(QStringLiteral("Property \"%1\" cannot take the value %2").arg(key, value.toString()));
    }
    if (errorString)
        errorString->clear();
    return props;
}

QDebug operator<<(QDebug debug, const MqttProperties &properties)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "MqttProperties(";
    bool first = true;
    for (const auto &e : MqttPropertiesPrivate::entries(properties)) {
        if (!first)
            debug << ", ";
        first = false;
        debug << QMetaEnum::fromType<Mqtt::PropertyId>().valueToKey(int(e.id)) << ": ";
        switch (Mqtt::propertyType(e.id)) {
        case Mqtt::PropertyType::Utf8StringPair:
            debug << e.text << '=' << e.text2;
            break;
        case Mqtt::PropertyType::Utf8String:
            debug << e.text;
            break;
        case Mqtt::PropertyType::BinaryData:
            debug << e.binary;
            break;
        default:
            debug << e.number;
            break;
        }
    }
    debug << ')';
    return debug;
}
