// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPROPERTIESVIEW_H
#define MQTTPROPERTIESVIEW_H

#include <MqttQt/mqttqtwidgets_export.h>
#include <MqttQt/mqttproperties.h>

#include <QtWidgets/QTreeWidget>

/*!
    Lists the MQTT 5 properties of a message (or of any packet) with readable names and
    values: user properties grouped under one expandable row in wire order (repeats
    kept), content type, response topic, correlation data (as text when it is printable
    UTF-8, else as hex; the tooltip always gives the hex), message expiry and the other
    intervals in seconds, the payload format indicator explained, subscription
    identifiers. With no properties it shows one row saying so.
*/
class MQTTQT_WIDGETS_EXPORT MqttPropertiesView : public QTreeWidget
{
    Q_OBJECT
    /*! The properties shown; empty by default. */
    Q_PROPERTY(MqttProperties properties READ properties WRITE setProperties NOTIFY propertiesChanged)
public:
    /*! Creates an empty view. */
    explicit MqttPropertiesView(QWidget *parent = nullptr);
    /*! Destroys the view. */
    ~MqttPropertiesView() override;

    /*! Returns the properties shown. */
    MqttProperties properties() const;
    /*! Shows \a properties. */
    void setProperties(const MqttProperties &properties);

    /*! Returns the translated, readable name of property \a id, e.g. "Content type". */
    static QString propertyName(Mqtt::PropertyId id);
    /*! Returns \a id's value in \a properties as shown in the view (the first one for
        properties that may repeat), or an empty string when absent. */
    static QString displayValue(const MqttProperties &properties, Mqtt::PropertyId id);

Q_SIGNALS:
    /*! Emitted when setProperties() changed the properties. */
    void propertiesChanged();

protected:
    /*! Shows the properties again in the new language. */
    void changeEvent(QEvent *event) override;

private:
    void fill();

    MqttProperties m_properties;
};

#endif // MQTTPROPERTIESVIEW_H
