// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttvalueextractor.h"
#include "mqttjson_p.h"

#include <QtCore/QCoreApplication>

#include <cmath>

namespace {

QString typeName(MqttJson::Type type)
{
    switch (type) {
    case MqttJson::Type::Null: return QCoreApplication::translate("MqttValueExtractor", "null");
    case MqttJson::Type::Bool: return QCoreApplication::translate("MqttValueExtractor", "a bool");
    case MqttJson::Type::Number: return QCoreApplication::translate("MqttValueExtractor", "a number");
    case MqttJson::Type::String: return QCoreApplication::translate("MqttValueExtractor", "a string");
    case MqttJson::Type::Array: return QCoreApplication::translate("MqttValueExtractor", "an array");
    case MqttJson::Type::Object: return QCoreApplication::translate("MqttValueExtractor", "an object");
    }
    return QString();
}

// The payload as one plain number, without parsing JSON.
std::optional<double> plainNumber(const QByteArray &payload)
{
    const QByteArray text = payload.trimmed();
    if (text.isEmpty() || text.size() > 64)
        return std::nullopt;
    if (text == "true")
        return 1.0;
    if (text == "false")
        return 0.0;
    // Only digits, sign, point and exponent: QByteArray::toDouble() would also take
    // "inf" and "nan", which no sensor means.
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
            return std::nullopt;
    }
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

void collect(const MqttJson::Node &node, const QString &path, QStringList *out, int maxPaths)
{
    if (out->size() >= maxPaths)
        return;
    switch (node.type) {
    case MqttJson::Type::Object:
        for (size_t i = 0; i < node.children.size() && out->size() < maxPaths; ++i) {
            const QString &key = node.keys.at(qsizetype(i));
            // A repeated key: only the occurrence that lookups find is listed.
            if (node.member(key) != &node.children[i])
                continue;
            collect(node.children[i], MqttJson::appendKey(path, key), out, maxPaths);
        }
        break;
    case MqttJson::Type::Array:
        for (size_t i = 0; i < node.children.size() && out->size() < maxPaths; ++i)
            collect(node.children[i], MqttJson::appendIndex(path, qsizetype(i)), out, maxPaths);
        break;
    default:
        if (node.toNumber())
            out->append(path);
        break;
    }
}

} // namespace

bool MqttValueExtractor::isValidPath(const QString &path, QString *errorString)
{
    return MqttJson::parsePath(path, errorString).has_value();
}

std::optional<double> MqttValueExtractor::number(const QByteArray &payload, const QString &path, QString *errorString)
{
    auto fail = [errorString](const QString &why) -> std::optional<double> {
        if (errorString)
            *errorString = why;
        return std::nullopt;
    };
    QString pathError;
    const auto steps = MqttJson::parsePath(path, &pathError);
    if (!steps)
        return fail(QCoreApplication::translate("MqttValueExtractor", "invalid value path: %1").arg(pathError));
    if (steps->empty()) {
        if (const auto value = plainNumber(payload))
            return value;
    }
    if (payload.trimmed().isEmpty())
        return fail(QCoreApplication::translate("MqttValueExtractor", "the payload is empty"));
    QString jsonError;
    const auto root = MqttJson::parseTree(payload, &jsonError);
    if (!root) {
        return fail(steps->empty() ? QCoreApplication::translate("MqttValueExtractor", "the payload is not a number")
                                   : QCoreApplication::translate("MqttValueExtractor", "the payload is not JSON (%1)").arg(jsonError));
    }
    const MqttJson::Node *node = MqttJson::follow(*root, *steps);
    if (!node)
        return fail(QCoreApplication::translate("MqttValueExtractor", "the payload has no field %1").arg(path));
    if (const auto value = node->toNumber())
        return value;
    if (steps->empty())
        return fail(QCoreApplication::translate("MqttValueExtractor", "the payload is %1, not a number: choose a field").arg(typeName(node->type)));
    return fail(QCoreApplication::translate("MqttValueExtractor", "%1 is %2, not a number").arg(path, typeName(node->type)));
}

QStringList MqttValueExtractor::numericPaths(const QByteArray &payload, int maxPaths)
{
    QStringList out;
    if (maxPaths <= 0)
        return out;
    if (plainNumber(payload)) {
        out.append(QString(QLatin1String("")));
        return out;
    }
    const auto root = MqttJson::parseTree(payload);
    if (!root)
        return out;
    collect(*root, QString(QLatin1String("")), &out, maxPaths);
    return out;
}
