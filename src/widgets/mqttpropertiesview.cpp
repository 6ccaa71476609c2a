// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttpropertiesview.h"
#include "mqttpayloadformat.h"

#include <QtCore/QEvent>
#include <QtWidgets/QHeaderView>

MqttPropertiesView::MqttPropertiesView(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    header()->setStretchLastSection(true);
    fill();
}

MqttPropertiesView::~MqttPropertiesView() = default;

MqttProperties MqttPropertiesView::properties() const
{
    return m_properties;
}

void MqttPropertiesView::setProperties(const MqttProperties &properties)
{
    if (m_properties == properties)
        return;
    m_properties = properties;
    fill();
    Q_EMIT propertiesChanged();
}

QString MqttPropertiesView::propertyName(Mqtt::PropertyId id)
{
    using P = Mqtt::PropertyId;
    switch (id) {
    case P::PayloadFormatIndicator: return tr("Payload format indicator");
    case P::MessageExpiryInterval: return tr("Message expiry interval");
    case P::ContentType: return tr("Content type");
    case P::ResponseTopic: return tr("Response topic");
    case P::CorrelationData: return tr("Correlation data");
    case P::SubscriptionIdentifier: return tr("Subscription identifier");
    case P::SessionExpiryInterval: return tr("Session expiry interval");
    case P::AssignedClientIdentifier: return tr("Assigned client identifier");
    case P::ServerKeepAlive: return tr("Server keep alive");
    case P::AuthenticationMethod: return tr("Authentication method");
    case P::AuthenticationData: return tr("Authentication data");
    case P::RequestProblemInformation: return tr("Request problem information");
    case P::WillDelayInterval: return tr("Will delay interval");
    case P::RequestResponseInformation: return tr("Request response information");
    case P::ResponseInformation: return tr("Response information");
    case P::ServerReference: return tr("Server reference");
    case P::ReasonString: return tr("Reason string");
    case P::ReceiveMaximum: return tr("Receive maximum");
    case P::TopicAliasMaximum: return tr("Topic alias maximum");
    case P::TopicAlias: return tr("Topic alias");
    case P::MaximumQoS: return tr("Maximum QoS");
    case P::RetainAvailable: return tr("Retain available");
    case P::UserProperty: return tr("User property");
    case P::MaximumPacketSize: return tr("Maximum packet size");
    case P::WildcardSubscriptionAvailable: return tr("Wildcard subscription available");
    case P::SubscriptionIdentifierAvailable: return tr("Subscription identifier available");
    case P::SharedSubscriptionAvailable: return tr("Shared subscription available");
    }
    return tr("Property 0x%1").arg(int(id), 2, 16, QLatin1Char('0'));
}

QString MqttPropertiesView::displayValue(const MqttProperties &properties, Mqtt::PropertyId id)
{
    using P = Mqtt::PropertyId;
    if (!properties.contains(id))
        return QString();
    switch (Mqtt::propertyType(id)) {
    case Mqtt::PropertyType::Utf8String:
        return properties.string(id).value_or(QString());
    case Mqtt::PropertyType::BinaryData: {
        const QByteArray data = properties.binary(id).value_or(QByteArray());
        if (!data.isEmpty() && MqttPayloadFormat::isText(data))
            return QString::fromUtf8(data);
        return tr("hex: %1").arg(QString::fromLatin1(data.toHex(' ')));
    }
    case Mqtt::PropertyType::Utf8StringPair: {
        const auto pairs = properties.userProperties();
        return pairs.isEmpty() ? QString() : pairs.first().first + QStringLiteral(" = ") + pairs.first().second;
    }
    default:
        break;
    }
    const quint32 value = properties.integer(id).value_or(0);
    switch (id) {
    case P::MessageExpiryInterval:
    case P::SessionExpiryInterval:
    case P::WillDelayInterval:
    case P::ServerKeepAlive:
        return tr("%L1 s").arg(value);
    case P::PayloadFormatIndicator:
        return value == 1 ? tr("1 (UTF-8 text)") : tr("%1 (unspecified bytes)").arg(value);
    case P::MaximumPacketSize:
        return tr("%L1 bytes").arg(value);
    case P::RetainAvailable:
    case P::WildcardSubscriptionAvailable:
    case P::SubscriptionIdentifierAvailable:
    case P::SharedSubscriptionAvailable:
    case P::RequestProblemInformation:
    case P::RequestResponseInformation:
        return value ? tr("yes (1)") : tr("no (0)");
    default:
        return QString::number(value);
    }
}

void MqttPropertiesView::fill()
{
    clear();
    setHeaderLabels({ tr("Property"), tr("Value") });
    if (m_properties.isEmpty()) {
        auto *item = new QTreeWidgetItem(this, { tr("No MQTT 5 properties"), QString() });
        item->setDisabled(true);
        return;
    }
    QList<Mqtt::PropertyId> seen;
    const QList<Mqtt::PropertyId> ids = m_properties.ids();
    for (const Mqtt::PropertyId id : ids) {
        if (seen.contains(id))
            continue;
        seen.append(id);
        if (id == Mqtt::PropertyId::UserProperty) {
            const auto pairs = m_properties.userProperties();
            auto *group = new QTreeWidgetItem(this, { tr("User properties"), QString::number(pairs.size()) });
            for (const auto &pair : pairs) {
                auto *child = new QTreeWidgetItem(group, { pair.first, pair.second });
                child->setToolTip(1, pair.second);
            }
            group->setExpanded(true);
            continue;
        }
        if (id == Mqtt::PropertyId::SubscriptionIdentifier) {
            QStringList values;
            const auto identifiers = m_properties.subscriptionIdentifiers();
            for (const quint32 v : identifiers)
                values << QString::number(v);
            new QTreeWidgetItem(this, { propertyName(id), values.join(QStringLiteral(", ")) });
            continue;
        }
        const QString value = displayValue(m_properties, id);
        auto *item = new QTreeWidgetItem(this, { propertyName(id), value });
        if (Mqtt::propertyType(id) == Mqtt::PropertyType::BinaryData)
            item->setToolTip(1, tr("hex: %1").arg(QString::fromLatin1(
                                     m_properties.binary(id).value_or(QByteArray()).toHex(' '))));
        else
            item->setToolTip(1, value);
    }
    resizeColumnToContents(0);
}

void MqttPropertiesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        fill();
    QTreeWidget::changeEvent(event);
}
