// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttauthenticator.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QRandomGenerator>
#include <QtNetwork/QPasswordDigestor>

using Mqtt::ErrorCode;

MqttAuthenticator::MqttAuthenticator(QObject *parent) : QObject(parent) { }

MqttAuthenticator::~MqttAuthenticator() = default;

class MqttScramAuthenticatorPrivate
{
public:
    QString username;
    QByteArray password;
    QByteArray fixedNonce;
    enum class Stage { Idle, SentFirst, SentFinal } stage = Stage::Idle;
    QByteArray clientNonce;
    QByteArray clientFirstBare;
    QByteArray expectedServerSignature;
};

namespace {
QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray escapeName(const QString &name)
{
    QByteArray out = name.toUtf8();
    out.replace('=', "=3D");
    out.replace(',', "=2C");
    return out;
}

// "a=value,b=value": the value of \a key, or null.
QByteArray attribute(const QByteArray &message, char key)
{
    for (const QByteArray &part : message.split(',')) {
        if (part.size() >= 2 && part.at(0) == key && part.at(1) == '=')
            return part.mid(2);
    }
    return {};
}
} // namespace

MqttScramAuthenticator::MqttScramAuthenticator(const QString &username, const QString &password, QObject *parent)
    : MqttAuthenticator(parent), d(new MqttScramAuthenticatorPrivate)
{
    d->username = username;
    d->password = password.toUtf8();
}

MqttScramAuthenticator::~MqttScramAuthenticator() = default;

QString MqttScramAuthenticator::username() const
{
    return d->username;
}

void MqttScramAuthenticator::setClientNonce(const QByteArray &nonce)
{
    d->fixedNonce = nonce;
}

QString MqttScramAuthenticator::method() const
{
    return QStringLiteral("SCRAM-SHA-256");
}

QByteArray MqttScramAuthenticator::initialData()
{
    if (!d->fixedNonce.isEmpty()) {
        d->clientNonce = d->fixedNonce;
    } else {
        QByteArray random(18, Qt::Uninitialized);
        QRandomGenerator::system()->generate(random.begin(), random.end());
        d->clientNonce = random.toBase64(); // printable, no ','
    }
    d->clientFirstBare = "n=" + escapeName(d->username) + ",r=" + d->clientNonce;
    d->stage = MqttScramAuthenticatorPrivate::Stage::SentFirst;
    d->expectedServerSignature.clear();
    return "n,," + d->clientFirstBare;
}

ErrorCode MqttScramAuthenticator::challenge(const QByteArray &serverFirst, QByteArray *response, QString *errorString)
{
    auto refuse = [errorString](const QString &why) {
        if (errorString)
            *errorString = QStringLiteral("SCRAM-SHA-256: ") + why;
        return ErrorCode::Auth;
    };
    if (d->stage != MqttScramAuthenticatorPrivate::Stage::SentFirst)
        return refuse(QStringLiteral("the broker sent a challenge out of turn"));
    if (const QByteArray e = attribute(serverFirst, 'e'); !e.isNull())
        return refuse(QStringLiteral("the broker refused: %1").arg(QString::fromUtf8(e)));
    const QByteArray nonce = attribute(serverFirst, 'r');
    const QByteArray salt = QByteArray::fromBase64(attribute(serverFirst, 's'));
    bool ok = false;
    const int iterations = attribute(serverFirst, 'i').toInt(&ok);
    if (nonce.isEmpty() || salt.isEmpty() || !ok)
        return refuse(QStringLiteral("the broker's first message is malformed: \"%1\"").arg(QString::fromUtf8(serverFirst.left(200))));
    if (!nonce.startsWith(d->clientNonce) || nonce.size() == d->clientNonce.size())
        return refuse(QStringLiteral("the broker's nonce does not extend the client's"));
    if (iterations < 1 || iterations > 10000000)
        return refuse(QStringLiteral("the iteration count %1 is outside 1..10,000,000").arg(iterations));

    const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, d->password, salt,
                                                                 iterations, 32);
    const QByteArray clientKey = hmac(salted, "Client Key");
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256);
    const QByteArray finalWithoutProof = "c=biws,r=" + nonce;
    const QByteArray authMessage = d->clientFirstBare + ',' + serverFirst + ',' + finalWithoutProof;
    const QByteArray signature = hmac(storedKey, authMessage);
    QByteArray proof = clientKey;
    for (qsizetype i = 0; i < proof.size(); ++i)
        proof[i] = char(proof.at(i) ^ signature.at(i));
    d->expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
    d->stage = MqttScramAuthenticatorPrivate::Stage::SentFinal;
    *response = finalWithoutProof + ",p=" + proof.toBase64();
    return ErrorCode::NoError;
}

ErrorCode MqttScramAuthenticator::finish(const QByteArray &serverFinal, QString *errorString)
{
    auto refuse = [errorString](const QString &why) {
        if (errorString)
            *errorString = QStringLiteral("SCRAM-SHA-256: ") + why;
        return ErrorCode::Auth;
    };
    const bool sentFinal = d->stage == MqttScramAuthenticatorPrivate::Stage::SentFinal;
    d->stage = MqttScramAuthenticatorPrivate::Stage::Idle;
    if (!sentFinal)
        return refuse(QStringLiteral("the broker accepted before the exchange was complete, without proving it "
                                     "knows the password"));
    if (const QByteArray e = attribute(serverFinal, 'e'); !e.isNull())
        return refuse(QStringLiteral("the broker refused: %1").arg(QString::fromUtf8(e)));
    const QByteArray verifier = QByteArray::fromBase64(attribute(serverFinal, 'v'));
    if (verifier.isEmpty() || verifier != d->expectedServerSignature)
        return refuse(QStringLiteral("the broker's final message does not prove it knows the password"));
    return ErrorCode::NoError;
}
