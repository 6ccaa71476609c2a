// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef SECRETSTORE_H
#define SECRETSTORE_H

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <functional>

// Passwords in the platform keychain (qtkeychain: Secret Service or KWallet on Linux, the
// Keychain on macOS, the Credential Store on Windows).
//
// Where no keychain can be reached (headless machines, CI, no D-Bus session) the store
// says so at once instead of waiting: availability() is Unavailable with a reason, and
// secrets are kept in memory for the session only (never written in plain text). Every
// keychain job has a deadline, so a keychain that does not answer is reported, not waited
// for.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Availability { Unknown, Probing, Available, Unavailable };
    Q_ENUM(Availability)

    explicit SecretStore(const QString &service, QObject *parent = nullptr);
    ~SecretStore() override;

    Availability availability() const { return m_availability; }
    // Why the keychain is unavailable (empty otherwise).
    QString unavailableReason() const { return m_reason; }
    // Milliseconds a keychain job may take; default 5000.
    void setTimeout(int msecs) { m_timeout = msecs; }

    // Finds out whether a keychain answers (asynchronous; availabilityChanged() follows).
    void probe();

    using ReadCallback = std::function<void(bool found, const QByteArray &secret, const QString &error)>;
    using WriteCallback = std::function<void(bool ok, const QString &error)>;
    // Reads a secret: from the keychain when available, else from the session memory.
    void read(const QString &key, ReadCallback callback);
    // Writes a secret to the keychain when available, else to the session memory only
    // (ok is then true and error says it was not saved).
    void write(const QString &key, const QByteArray &secret, WriteCallback callback);
    // Deletes a secret from both.
    void remove(const QString &key);

    // The session-memory copy (whatever the keychain holds), or an empty array.
    QByteArray sessionSecret(const QString &key) const { return m_session.value(key); }
    void setSessionSecret(const QString &key, const QByteArray &secret) { m_session.insert(key, secret); }

    // Returns a reason when the environment cannot have a keychain (no D-Bus session bus
    // on Linux, or MQTT_INSPECTOR_NO_KEYCHAIN set), or an empty string.
    static QString environmentProblem();

Q_SIGNALS:
    void availabilityChanged(SecretStore::Availability availability);

private:
    void setAvailability(Availability availability, const QString &reason);

    QString m_service;
    Availability m_availability = Availability::Unknown;
    QString m_reason;
    int m_timeout = 5000;
    QHash<QString, QByteArray> m_session;
};

#endif // SECRETSTORE_H
