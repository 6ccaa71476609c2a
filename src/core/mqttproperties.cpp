// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttproperties.h"
#include "mqttproperties_p.h"
#include "codec/mqttutf8_p.h"

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
    return MqttPropertiesPrivate::entries(a) == MqttPropertiesPrivate::entries(b);
}
