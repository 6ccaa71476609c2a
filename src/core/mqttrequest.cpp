// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttrequest.h"
#include "mqttrequest_p.h"

#include <QtCore/QPointer>

MqttRequest::MqttRequest(QObject *parent) : QObject(parent), d(new MqttRequestPrivate(this))
{
    d->timer.setParent(this);
    d->timer.setSingleShot(true);
    connect(&d->timer, &QTimer::timeout, this, [this] {
        d->complete(Mqtt::ErrorCode::Timeout,
                    QStringLiteral("No response to the request on %1 within %2 ms").arg(d->topic).arg(d->timer.interval()));
    });
}

MqttRequest::~MqttRequest()
{
    if (d->onComplete)
        d->onComplete();
}

void MqttRequestPrivate::complete(Mqtt::ErrorCode e, const QString &text, const MqttMessage &message)
{
    if (finished)
        return;
    finished = true;
    timer.stop();
    error = e;
    errorString = text;
    response = message;
    if (onComplete)
        std::exchange(onComplete, {})();
    QMetaObject::invokeMethod(q, [this] {
        const QPointer<MqttRequest> alive(q);
        if (error == Mqtt::ErrorCode::NoError)
            Q_EMIT q->finished(response);
        else
            Q_EMIT q->failed(error, errorString);
        if (!alive)
            return;
        Q_EMIT q->completed();
        if (alive && autoDelete)
            q->deleteLater();
    }, Qt::QueuedConnection);
}

QString MqttRequest::topic() const { return d->topic; }
QString MqttRequest::responseTopic() const { return d->responseTopic; }
QByteArray MqttRequest::correlationData() const { return d->correlationData; }
int MqttRequest::mid() const { return d->mid; }
bool MqttRequest::isFinished() const { return d->finished; }
Mqtt::ErrorCode MqttRequest::error() const { return d->error; }
QString MqttRequest::errorString() const { return d->errorString; }
MqttMessage MqttRequest::response() const { return d->response; }
bool MqttRequest::autoDelete() const { return d->autoDelete; }
void MqttRequest::setAutoDelete(bool autoDelete) { d->autoDelete = autoDelete; }

void MqttRequest::cancel()
{
    d->complete(Mqtt::ErrorCode::Unknown, QStringLiteral("The request on %1 was cancelled").arg(d->topic));
}
