// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "secretstore.h"

#include <qt6keychain/keychain.h>

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <memory>

namespace {

// Runs one keychain job with a deadline; calls done exactly once.
void runJob(QKeychain::Job *job, int timeout, QObject *context,
            const std::function<void(QKeychain::Job *job, bool timedOut)> &done)
{
    auto finished = std::make_shared<bool>(false);
    job->setAutoDelete(false);
    QPointer<QKeychain::Job> guard(job);
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, context, [=] {
        timer->deleteLater();
        if (*finished)
            return;
        *finished = true;
        done(guard, true);
        // The job may still answer later; it is deleted then (or with the store).
        if (guard)
            QObject::connect(guard, &QKeychain::Job::finished, guard, &QObject::deleteLater);
    });
    QObject::connect(job, &QKeychain::Job::finished, context, [=](QKeychain::Job *j) {
        if (*finished)
            return;
        *finished = true;
        timer->stop();
        timer->deleteLater();
        done(j, false);
        j->deleteLater();
    });
    timer->start(timeout);
    job->start();
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::environmentProblem()
{
    if (qEnvironmentVariableIsSet("MQTT_INSPECTOR_NO_KEYCHAIN"))
        return tr("the keychain is turned off (MQTT_INSPECTOR_NO_KEYCHAIN is set)");
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Secret Service and KWallet are reached over the D-Bus session bus; without one,
    // qtkeychain could only fail (or try to start a bus), so say so at once.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (runtimeDir.isEmpty() || !QFileInfo::exists(runtimeDir + QStringLiteral("/bus")))
            return tr("no D-Bus session bus, so no Secret Service or KWallet keychain can be reached");
    }
#endif
    return QString();
}

void SecretStore::setAvailability(Availability availability, const QString &reason)
{
    m_reason = reason;
    if (m_availability == availability)
        return;
    m_availability = availability;
    Q_EMIT availabilityChanged(availability);
}

void SecretStore::probe()
{
    const QString problem = environmentProblem();
    if (!problem.isEmpty()) {
        setAvailability(Availability::Unavailable, problem);
        return;
    }
    setAvailability(Availability::Probing, QString());
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(QStringLiteral("mqtt-inspector/probe"));
    runJob(job, m_timeout, this, [this](QKeychain::Job *j, bool timedOut) {
        if (timedOut) {
            setAvailability(Availability::Unavailable,
                            tr("the keychain did not answer within %1 seconds").arg(m_timeout / 1000.0));
            return;
        }
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound)
            setAvailability(Availability::Available, QString());
        else
            setAvailability(Availability::Unavailable, j->errorString().isEmpty()
                                                               ? tr("no keychain backend is available")
                                                               : j->errorString());
    });
}

void SecretStore::read(const QString &key, ReadCallback callback)
{
    if (m_session.contains(key) || m_availability != Availability::Available) {
        const bool found = m_session.contains(key);
        const QByteArray secret = m_session.value(key);
        QTimer::singleShot(0, this, [=] { callback(found, secret, QString()); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    runJob(job, m_timeout, this, [this, key, callback](QKeychain::Job *j, bool timedOut) {
        if (timedOut) {
            callback(false, QByteArray(), tr("the keychain did not answer"));
            return;
        }
        auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (j->error() == QKeychain::NoError) {
            const QByteArray secret = readJob->binaryData();
            m_session.insert(key, secret);
            callback(true, secret, QString());
        } else if (j->error() == QKeychain::EntryNotFound) {
            callback(false, QByteArray(), QString());
        } else {
            callback(false, QByteArray(), j->errorString());
        }
    });
}

void SecretStore::write(const QString &key, const QByteArray &secret, WriteCallback callback)
{
    m_session.insert(key, secret);
    if (m_availability != Availability::Available) {
        const QString why = tr("not saved: %1").arg(m_reason.isEmpty() ? tr("no keychain") : m_reason);
        QTimer::singleShot(0, this, [=] { callback(true, why); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setBinaryData(secret);
    runJob(job, m_timeout, this, [callback](QKeychain::Job *j, bool timedOut) {
        if (timedOut)
            callback(false, tr("the keychain did not answer"));
        else if (j->error() != QKeychain::NoError)
            callback(false, j->errorString());
        else
            callback(true, QString());
    });
}

void SecretStore::remove(const QString &key)
{
    m_session.remove(key);
    if (m_availability != Availability::Available)
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    runJob(job, m_timeout, this, [](QKeychain::Job *, bool) {});
}
