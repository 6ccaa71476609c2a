// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttqmlvalue_p.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonValue>

namespace {

struct PathStep
{
    QString key; // a member name, or empty for an index
    int index = -1;
};

// Parses "a.b[2].c" and "[0]"; returns false with *why for anything else.
bool parsePath(const QString &path, QList<PathStep> *steps, QString *why)
{
    steps->clear();
    qsizetype i = 0;
    const qsizetype n = path.size();
    bool expectName = true;
    while (i < n) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('[')) {
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            bool ok = false;
            const int index = close < 0 ? -1 : QStringView(path).mid(i + 1, close - i - 1).toInt(&ok);
            if (!ok || index < 0) {
                *why = QStringLiteral("jsonPath \"%1\": expected an array index such as [0] at position %2")
                               .arg(path)
                               .arg(i);
                return false;
            }
            steps->append(PathStep{ QString(), index });
            i = close + 1;
            expectName = false;
            continue;
        }
        if (c == QLatin1Char('.')) {
            if (expectName || i + 1 >= n) {
                *why = QStringLiteral("jsonPath \"%1\": empty member name at position %2").arg(path).arg(i);
                return false;
            }
            ++i;
            expectName = true;
            continue;
        }
        if (!expectName) {
            *why = QStringLiteral("jsonPath \"%1\": expected \".\" or \"[\" at position %2").arg(path).arg(i);
            return false;
        }
        qsizetype end = i;
        while (end < n && path.at(end) != QLatin1Char('.') && path.at(end) != QLatin1Char('['))
            ++end;
        steps->append(PathStep{ path.mid(i, end - i), -1 });
        i = end;
        expectName = false;
    }
    if (steps->isEmpty()) {
        *why = QStringLiteral("jsonPath \"%1\" names no member").arg(path);
        return false;
    }
    return true;
}

// The JSON value of the whole payload, any JSON value (not only objects and arrays).
bool parseJson(const QByteArray &payload, QJsonValue *value)
{
    QJsonParseError error;
    const QJsonDocument document =
            QJsonDocument::fromJson(QByteArray(QByteArrayLiteral("[") + payload + QByteArrayLiteral("]")), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return false;
    *value = document.array().at(0);
    return true;
}

} // namespace

MqttQmlValue::MqttQmlValue(QObject *parent) : MqttQmlSubscription(parent) {}

bool MqttQmlValue::readValue(const QByteArray &payload, const QString &jsonPath, QVariant *value, QString *why)
{
    if (payload.isEmpty()) {
        *why = QString();
        return false;
    }
    QJsonValue json;
    const bool isJson = parseJson(payload, &json);
    if (jsonPath.isEmpty()) {
        if (isJson) {
            *value = json.toVariant();
            return true;
        }
        bool ok = false;
        const double number = payload.trimmed().toDouble(&ok);
        *value = ok ? QVariant(number) : QVariant(QString::fromUtf8(payload));
        return true;
    }
    QList<PathStep> steps;
    if (!parsePath(jsonPath, &steps, why))
        return false;
    if (!isJson || !(json.isObject() || json.isArray())) {
        *why = QStringLiteral("The payload is not a JSON object or array, so jsonPath \"%1\" cannot be read")
                       .arg(jsonPath);
        return false;
    }
    QString walked;
    for (const PathStep &step : steps) {
        if (step.index < 0) {
            if (!json.isObject() || !json.toObject().contains(step.key)) {
                *why = QStringLiteral("The payload has no member \"%1\"%2")
                               .arg(step.key, walked.isEmpty() ? QString() : QStringLiteral(" in ") + walked);
                return false;
            }
            json = json.toObject().value(step.key);
            walked += walked.isEmpty() ? step.key : QStringLiteral(".") + step.key;
        } else {
            if (!json.isArray() || step.index >= json.toArray().size()) {
                *why = QStringLiteral("The payload has no element [%1]%2")
                               .arg(step.index)
                               .arg(walked.isEmpty() ? QString() : QStringLiteral(" in ") + walked);
                return false;
            }
            json = json.toArray().at(step.index);
            walked += QStringLiteral("[%1]").arg(step.index);
        }
    }
    *value = json.toVariant();
    return true;
}

void MqttQmlValue::setJsonPath(const QString &path)
{
    if (m_jsonPath == path)
        return;
    m_jsonPath = path;
    Q_EMIT jsonPathChanged();
    evaluate();
    Q_EMIT valueChanged();
}

void MqttQmlValue::handleMessage(const MqttMessage &message)
{
    m_message = message;
    m_timestamp = QDateTime::currentDateTime();
    m_received = true;
    evaluate();
    Q_EMIT valueChanged();
    MqttQmlSubscription::handleMessage(message);
}

void MqttQmlValue::resetReceived()
{
    if (!m_received && !m_valid)
        return;
    m_message = MqttMessage();
    m_timestamp = QDateTime();
    m_received = false;
    evaluate();
    Q_EMIT valueChanged();
}

void MqttQmlValue::evaluate()
{
    QVariant value;
    QString why;
    bool valid = false;
    if (!m_jsonPath.isEmpty()) {
        // A malformed path is reported at once, before any message.
        QList<PathStep> steps;
        if (!parsePath(m_jsonPath, &steps, &why)) {
            m_value = QVariant();
            setDataError(Mqtt::ErrorCode::Invalid, why);
            if (m_valid) {
                m_valid = false;
                Q_EMIT validChanged();
            }
            return;
        }
    }
    if (m_received) {
        valid = readValue(m_message.payload(), m_jsonPath, &value, &why);
        if (!valid && !why.isEmpty())
            why = QStringLiteral("%1 (topic \"%2\")").arg(why, m_message.topic());
    }
    m_value = valid ? value : QVariant();
    if (why.isEmpty())
        setDataError(Mqtt::ErrorCode::NoError, QString());
    else
        setDataError(Mqtt::ErrorCode::Invalid, why);
    if (m_valid != valid) {
        m_valid = valid;
        Q_EMIT validChanged();
    }
}
