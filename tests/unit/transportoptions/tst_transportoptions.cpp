// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// The transport option value types: MqttTlsOptions reads and checks its files when they are
// set (missing, unreadable, wrong content, wrong passphrase, key of another certificate),
// refuses unknown ciphers and bad ALPN names; MqttWebSocketOptions refuses bad paths and
// headers; both are implicitly shared, comparable and printable. Mqtt::defaultPort().
#include "mosquittobroker.h"

#include "mqtttlsoptions.h"
#include "mqttwebsocketoptions.h"
#include "transport/mqtttransport_p.h"

#include <QtCore/QFile>
#include <QtCore/QMetaProperty>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslSocket>
#include <QtTest/QTest>

#include <unistd.h>

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QString debugText(const MqttTlsOptions &options)
{
    QString text;
    QDebug(&text) << options;
    return text;
}

QString debugText(const MqttWebSocketOptions &options)
{
    QString text;
    QDebug(&text) << options;
    return text;
}

} // namespace

class tst_TransportOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tlsDefaultsAreThoseOfTlsSet();
    void caCertificatesFile_data();
    void caCertificatesFile();
    void localCertificateFiles_data();
    void localCertificateFiles();
    void localCertificateFromMemory();
    void ciphers_data();
    void ciphers();
    void alpnProtocols_data();
    void alpnProtocols();
    void fromSslConfiguration_data();
    void fromSslConfiguration();
    void tlsOptionsAreValuesComparedAndPrinted();
    void webSocketPath_data();
    void webSocketPath();
    void webSocketHeaders_data();
    void webSocketHeaders();
    void webSocketOptionsAreValuesComparedAndPrinted();
    void defaultPorts_data();
    void defaultPorts();

private:
    QString pki(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    bool openssl(const QStringList &arguments);

    QTemporaryDir m_dir;
};

bool tst_TransportOptions::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStandardPaths::findExecutable(QStringLiteral("openssl")), arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), process.readAll().constData());
        return false;
    }
    return true;
}

void tst_TransportOptions::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend");
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QSKIP("openssl is not installed");
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(MosquittoBroker::generateCertificates(m_dir.path(), &error), qPrintable(error));
    // More key forms: a traditionally encrypted EC key, an RSA pair, and combined files.
    const QString pass = QStringLiteral("pass:") + QString::fromLatin1(MosquittoBroker::clientKeyPassphrase());
    QVERIFY(openssl({QStringLiteral("ec"), QStringLiteral("-in"), QStringLiteral("client.key"), QStringLiteral("-aes256"),
                     QStringLiteral("-passout"), pass, QStringLiteral("-out"), QStringLiteral("client-traditional.key")}));
    for (const char *name : {"rsa-a", "rsa-b"}) {
        const QString n = QString::fromLatin1(name);
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"), n + QStringLiteral(".key"),
                         QStringLiteral("-out"), n + QStringLiteral(".crt"), QStringLiteral("-days"), QStringLiteral("2"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=") + n}));
    }
    QVERIFY(writeFile(pki("client-combined.pem"), readAll(pki("client.crt")) + readAll(pki("client.key"))));
    QVERIFY(writeFile(pki("bundle.pem"), readAll(pki("ca.crt")) + readAll(pki("other-ca.crt"))));
    QByteArray broken = readAll(pki("ca.crt"));
    broken.replace(40, 20, QByteArray(20, '!'));
    QVERIFY(writeFile(pki("broken.pem"), readAll(pki("other-ca.crt")) + broken));
    QVERIFY(writeFile(pki("text.txt"), "not a certificate\n"));
    QVERIFY(writeFile(pki("empty.pem"), QByteArray()));
    QVERIFY(writeFile(pki("ca.der"), QSslCertificate(readAll(pki("ca.crt")), QSsl::Pem).toDer()));
    QVERIFY(writeFile(pki("unreadable.pem"), readAll(pki("ca.crt"))));
    QFile::setPermissions(pki("unreadable.pem"), QFileDevice::WriteOwner);
}

void tst_TransportOptions::tlsDefaultsAreThoseOfTlsSet()
{
    const MqttTlsOptions tls;
    QVERIFY(tls.usesSystemCaCertificates());
    QVERIFY(tls.caCertificates().isEmpty());
    QVERIFY(tls.caCertificatesFile().isEmpty());
    QVERIFY(tls.localCertificateChain().isEmpty());
    QVERIFY(tls.privateKey().isNull());
    QCOMPARE(tls.certificateRequirement(), MqttTlsOptions::CertificateRequirement::CertRequired);
    QVERIFY(tls.isHostNameVerificationEnabled());
    QCOMPARE(tls.minimumTlsVersion(), MqttTlsOptions::TlsVersion::TlsV1_2);
    QVERIFY(tls.ciphers().isEmpty());
    QVERIFY(tls.alpnProtocols().isEmpty());
    const QSslConfiguration configuration = tls.sslConfiguration();
    QCOMPARE(configuration.peerVerifyMode(), QSslSocket::VerifyPeer);
    QCOMPARE(configuration.ciphers(), QSslConfiguration::defaultConfiguration().ciphers());

    // Gadget properties, for QML.
    const QMetaObject &mo = MqttTlsOptions::staticMetaObject;
    const int requirement = mo.indexOfProperty("certificateRequirement");
    QVERIFY(requirement >= 0);
    QCOMPARE(mo.property(requirement).readOnGadget(&tls).value<MqttTlsOptions::CertificateRequirement>(),
             MqttTlsOptions::CertificateRequirement::CertRequired);
    QVERIFY(mo.property(mo.indexOfProperty("hostNameVerificationEnabled")).readOnGadget(&tls).toBool());
}

void tst_TransportOptions::caCertificatesFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("certificates"); // -1: refused
    QTest::addColumn<QString>("error");
    QTest::newRow("one PEM certificate") << QStringLiteral("ca.crt") << 1 << QString();
    QTest::newRow("PEM bundle") << QStringLiteral("bundle.pem") << 2 << QString();
    QTest::newRow("DER certificate") << QStringLiteral("ca.der") << 1 << QString();
    QTest::newRow("missing file") << QStringLiteral("missing.crt") << -1 << QStringLiteral("does not exist");
    QTest::newRow("directory") << QStringLiteral(".") << -1 << QStringLiteral("is a directory");
    QTest::newRow("unreadable file") << QStringLiteral("unreadable.pem") << -1 << QStringLiteral("Cannot read");
    QTest::newRow("text file") << QStringLiteral("text.txt") << -1 << QStringLiteral("holds no certificate");
    QTest::newRow("empty file") << QStringLiteral("empty.pem") << -1 << QStringLiteral("holds no certificate");
    QTest::newRow("a key, not a certificate") << QStringLiteral("ca.key") << -1 << QStringLiteral("holds no certificate");
    QTest::newRow("damaged PEM block") << QStringLiteral("broken.pem") << -1
                                       << QStringLiteral("holds 2 PEM certificates, of which 1 could be read");
}

void tst_TransportOptions::caCertificatesFile()
{
    QFETCH(QString, file);
    QFETCH(int, certificates);
    QFETCH(QString, error);
    if (file == QLatin1String("unreadable.pem") && ::geteuid() == 0)
        QSKIP("root reads files without read permission");
    const QString path = file == QLatin1String(".") ? m_dir.path() : m_dir.filePath(file);
    MqttTlsOptions tls;
    const MqttTlsOptions before = tls;
    QString why;
    const bool ok = tls.setCaCertificatesFile(path, &why);
    QCOMPARE(ok, certificates >= 0);
    if (!ok) {
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY2(why.contains(path), qPrintable(why)); // the file is named
        QVERIFY(tls == before);                         // and nothing changed
        QVERIFY(tls.usesSystemCaCertificates());
        return;
    }
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(tls.caCertificates().size(), certificates);
    QCOMPARE(tls.sslConfiguration().caCertificates(), tls.caCertificates());
    QCOMPARE(tls.caCertificatesFile(), path);
    QVERIFY(!tls.usesSystemCaCertificates());
    QVERIFY(tls != before);
    // An empty path trusts the system store again.
    QVERIFY(tls.setCaCertificatesFile(QString(), &why));
    QVERIFY(tls.usesSystemCaCertificates());
    QVERIFY(tls.caCertificatesFile().isEmpty());
    QCOMPARE(tls.sslConfiguration().caCertificates(), QSslConfiguration::systemCaCertificates());
}

void tst_TransportOptions::localCertificateFiles_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QString>("error"); // empty: accepted
    const QByteArray pass = MosquittoBroker::clientKeyPassphrase();
    QTest::newRow("EC key, PKCS#8") << QStringLiteral("client.crt") << QStringLiteral("client.key") << QByteArray() << QString();
    QTest::newRow("EC key, encrypted PKCS#8") << QStringLiteral("client.crt") << QStringLiteral("client-encrypted.key") << pass << QString();
    QTest::newRow("EC key, encrypted traditional PEM") << QStringLiteral("client.crt") << QStringLiteral("client-traditional.key") << pass << QString();
    QTest::newRow("RSA key") << QStringLiteral("rsa-a.crt") << QStringLiteral("rsa-a.key") << QByteArray() << QString();
    QTest::newRow("key in the certificate file") << QStringLiteral("client-combined.pem") << QString() << QByteArray() << QString();
    QTest::newRow("passphrase for a plain key is ignored") << QStringLiteral("client.crt") << QStringLiteral("client.key") << pass << QString();
    QTest::newRow("encrypted key, no passphrase") << QStringLiteral("client.crt") << QStringLiteral("client-encrypted.key") << QByteArray()
                                                  << QStringLiteral("is encrypted: a passphrase is needed");
    QTest::newRow("encrypted key, wrong passphrase") << QStringLiteral("client.crt") << QStringLiteral("client-encrypted.key")
                                                     << QByteArray("wrong") << QStringLiteral("The passphrase does not decrypt the private key in");
    QTest::newRow("traditional encrypted key, wrong passphrase") << QStringLiteral("client.crt") << QStringLiteral("client-traditional.key")
                                                                 << QByteArray("wrong") << QStringLiteral("The passphrase does not decrypt");
    QTest::newRow("EC key of another certificate") << QStringLiteral("client.crt") << QStringLiteral("server.key") << QByteArray()
                                                   << QStringLiteral("does not belong to the certificate \"mqttqt-test-client\"");
    QTest::newRow("RSA key of another certificate") << QStringLiteral("rsa-a.crt") << QStringLiteral("rsa-b.key") << QByteArray()
                                                    << QStringLiteral("does not belong to the certificate \"rsa-a\"");
    QTest::newRow("RSA key for an EC certificate") << QStringLiteral("client.crt") << QStringLiteral("rsa-a.key") << QByteArray()
                                                   << QStringLiteral("does not belong to the certificate");
    QTest::newRow("missing certificate file") << QStringLiteral("missing.crt") << QStringLiteral("client.key") << QByteArray()
                                              << QStringLiteral("does not exist");
    QTest::newRow("missing key file") << QStringLiteral("client.crt") << QStringLiteral("missing.key") << QByteArray()
                                      << QStringLiteral("does not exist");
    QTest::newRow("key given as certificate") << QStringLiteral("client.key") << QStringLiteral("client.key") << QByteArray()
                                              << QStringLiteral("holds no certificate");
    QTest::newRow("certificate given as key") << QStringLiteral("client.crt") << QStringLiteral("client.crt") << QByteArray()
                                              << QStringLiteral("holds no private key");
    QTest::newRow("no key in the certificate file") << QStringLiteral("client.crt") << QString() << QByteArray()
                                                    << QStringLiteral("holds no private key");
    QTest::newRow("key without certificate") << QString() << QStringLiteral("client.key") << QByteArray()
                                             << QStringLiteral("needs a certificate file");
    QTest::newRow("text as key") << QStringLiteral("client.crt") << QStringLiteral("text.txt") << QByteArray()
                                 << QStringLiteral("cannot be read");
}

void tst_TransportOptions::localCertificateFiles()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QByteArray, passphrase);
    QFETCH(QString, error);
    const QString certificatePath = certificate.isEmpty() ? QString() : m_dir.filePath(certificate);
    const QString keyPath = key.isEmpty() ? QString() : m_dir.filePath(key);
    MqttTlsOptions tls;
    const MqttTlsOptions before = tls;
    QString why;
    const bool ok = tls.setLocalCertificateFiles(certificatePath, keyPath, passphrase, &why);
    if (!error.isEmpty()) {
        QVERIFY2(!ok, "accepted");
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY2(why.contains(m_dir.path()) || key.isEmpty() || certificate.isEmpty(), qPrintable(why));
        QVERIFY(tls == before);
        QVERIFY(tls.privateKey().isNull());
        return;
    }
    QVERIFY2(ok, qPrintable(why));
    QCOMPARE(tls.localCertificateChain().size(), 1);
    QCOMPARE(tls.localCertificateChain().first(), QSslCertificate(readAll(certificatePath), QSsl::Pem));
    QVERIFY(!tls.privateKey().isNull());
    QCOMPARE(tls.sslConfiguration().privateKey(), tls.privateKey());
    QCOMPARE(tls.sslConfiguration().localCertificate(), tls.localCertificateChain().first());
    QCOMPARE(tls.certificateFile(), certificatePath);
    QCOMPARE(tls.privateKeyFile(), key.isEmpty() ? certificatePath : keyPath);
    // The passphrase is not kept and the key is never printed.
    const QString printed = debugText(tls);
    QVERIFY2(!printed.contains(QString::fromLatin1(MosquittoBroker::clientKeyPassphrase())), qPrintable(printed));
    QVERIFY2(!printed.contains(QLatin1String("PRIVATE KEY")), qPrintable(printed));
    tls.clearLocalCertificate();
    QVERIFY(tls.localCertificateChain().isEmpty());
    QVERIFY(tls.privateKey().isNull());
    QVERIFY(tls == before);
}

void tst_TransportOptions::localCertificateFromMemory()
{
    const QSslCertificate client(readAll(pki("client.crt")), QSsl::Pem);
    const QSslKey clientKey(readAll(pki("client.key")), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    const QSslKey serverKey(readAll(pki("server.key")), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    MqttTlsOptions tls;
    QString why;
    QVERIFY(!tls.setLocalCertificate({}, clientKey, &why));
    QCOMPARE(why, QStringLiteral("The client certificate chain is empty"));
    QVERIFY(!tls.setLocalCertificate({QSslCertificate()}, clientKey, &why));
    QCOMPARE(why, QStringLiteral("The client certificate chain holds a null certificate"));
    QVERIFY(!tls.setLocalCertificate({client}, QSslKey(), &why));
    QCOMPARE(why, QStringLiteral("The client certificate needs a private key"));
    QVERIFY(!tls.setLocalCertificate({client}, serverKey, &why));
    QCOMPARE(why, QStringLiteral("The private key does not belong to the certificate \"mqttqt-test-client\""));
    QVERIFY(tls.localCertificateChain().isEmpty());
    QVERIFY2(tls.setLocalCertificate({client}, clientKey, &why), qPrintable(why));
    QCOMPARE(tls.privateKey(), clientKey);
    QVERIFY(tls.certificateFile().isEmpty());
}

void tst_TransportOptions::ciphers_data()
{
    QTest::addColumn<QString>("ciphers");
    QTest::addColumn<int>("count"); // -1: refused
    QTest::addColumn<QString>("error");
    QTest::newRow("TLS 1.2 names") << QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384") << 2 << QString();
    QTest::newRow("TLS 1.3 suite") << QStringLiteral("TLS_AES_256_GCM_SHA384") << 1 << QString();
    QTest::newRow("spaces around names") << QStringLiteral(" TLS_AES_256_GCM_SHA384 : ECDHE-ECDSA-AES128-GCM-SHA256") << 2 << QString();
    QTest::newRow("empty: Qt's defaults") << QString() << 0 << QString();
    QTest::newRow("unknown name") << QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256:NO-SUCH-CIPHER") << -1
                                  << QStringLiteral("Unknown cipher name(s) in \"ECDHE-ECDSA-AES128-GCM-SHA256:NO-SUCH-CIPHER\": NO-SUCH-CIPHER");
    QTest::newRow("OpenSSL expression") << QStringLiteral("HIGH:!aNULL") << -1 << QStringLiteral("HIGH, !aNULL");
    QTest::newRow("empty element") << QStringLiteral("TLS_AES_256_GCM_SHA384::") << -1 << QStringLiteral("(empty name)");
}

void tst_TransportOptions::ciphers()
{
    QFETCH(QString, ciphers);
    QFETCH(int, count);
    QFETCH(QString, error);
    MqttTlsOptions tls;
    QString why;
    QVERIFY(tls.setCiphers(QStringLiteral("TLS_AES_128_GCM_SHA256"), &why));
    const MqttTlsOptions before = tls;
    const bool ok = tls.setCiphers(ciphers, &why);
    QCOMPARE(ok, count >= 0);
    if (!ok) {
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY(tls == before);
        return;
    }
    if (count == 0) {
        QCOMPARE(tls.sslConfiguration().ciphers(), QSslConfiguration::defaultConfiguration().ciphers());
        QVERIFY(tls.ciphers().isEmpty());
    } else {
        QCOMPARE(tls.sslConfiguration().ciphers().size(), count);
        QCOMPARE(tls.ciphers(), ciphers);
    }
}

void tst_TransportOptions::alpnProtocols_data()
{
    QTest::addColumn<QStringList>("protocols");
    QTest::addColumn<QString>("error");
    QTest::newRow("mqtt") << QStringList{QStringLiteral("mqtt")} << QString();
    QTest::newRow("two") << QStringList{QStringLiteral("mqtt"), QStringLiteral("x-amzn-mqtt-ca")} << QString();
    QTest::newRow("none") << QStringList() << QString();
    QTest::newRow("empty name") << QStringList{QString()} << QStringLiteral("is 0 bytes long; ALPN needs 1 to 255");
    QTest::newRow("256 bytes") << QStringList{QString(256, QLatin1Char('a'))} << QStringLiteral("is 256 bytes long");
}

void tst_TransportOptions::alpnProtocols()
{
    QFETCH(QStringList, protocols);
    QFETCH(QString, error);
    MqttTlsOptions tls;
    QString why;
    const bool ok = tls.setAlpnProtocols(protocols, &why);
    QCOMPARE(ok, error.isEmpty());
    if (!ok) {
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY(tls.alpnProtocols().isEmpty());
        return;
    }
    QCOMPARE(tls.alpnProtocols(), protocols);
    QCOMPARE(tls.sslConfiguration().allowedNextProtocols().size(), protocols.size());
}

void tst_TransportOptions::fromSslConfiguration_data()
{
    QTest::addColumn<QSslSocket::PeerVerifyMode>("mode");
    QTest::addColumn<MqttTlsOptions::CertificateRequirement>("requirement");
    QTest::newRow("VerifyNone") << QSslSocket::VerifyNone << MqttTlsOptions::CertificateRequirement::CertNone;
    QTest::newRow("QueryPeer") << QSslSocket::QueryPeer << MqttTlsOptions::CertificateRequirement::CertNone;
    QTest::newRow("VerifyPeer") << QSslSocket::VerifyPeer << MqttTlsOptions::CertificateRequirement::CertRequired;
    QTest::newRow("AutoVerifyPeer") << QSslSocket::AutoVerifyPeer << MqttTlsOptions::CertificateRequirement::CertRequired;
}

void tst_TransportOptions::fromSslConfiguration()
{
    QFETCH(QSslSocket::PeerVerifyMode, mode);
    QFETCH(MqttTlsOptions::CertificateRequirement, requirement);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(mode);
    configuration.setCaCertificates({QSslCertificate(readAll(pki("ca.crt")), QSsl::Pem)});
    configuration.setProtocol(QSsl::TlsV1_3OrLater);
    configuration.setAllowedNextProtocols({"mqtt"});
    const MqttTlsOptions tls = MqttTlsOptions::fromSslConfiguration(configuration);
    QCOMPARE(tls.sslConfiguration(), configuration); // used as it is
    QCOMPARE(tls.certificateRequirement(), requirement);
    QVERIFY(!tls.usesSystemCaCertificates());
    QCOMPARE(tls.caCertificates().size(), 1);
    QCOMPARE(tls.minimumTlsVersion(), MqttTlsOptions::TlsVersion::TlsV1_3);
    QCOMPARE(tls.alpnProtocols(), QStringList{QStringLiteral("mqtt")});
    QVERIFY(tls.isHostNameVerificationEnabled());

    // Setters change that configuration, as tls_insecure_set() follows tls_set_context().
    MqttTlsOptions changed = tls;
    changed.setCertificateRequirement(MqttTlsOptions::CertificateRequirement::CertOptional);
    QCOMPARE(changed.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyPeer);
    changed.setCertificateRequirement(MqttTlsOptions::CertificateRequirement::CertNone);
    QCOMPARE(changed.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyNone);
    changed.setMinimumTlsVersion(MqttTlsOptions::TlsVersion::TlsV1_2);
    QCOMPARE(changed.sslConfiguration().protocol(), QSsl::TlsV1_2OrLater);
    QCOMPARE(tls.sslConfiguration(), configuration); // the original is untouched
}

void tst_TransportOptions::tlsOptionsAreValuesComparedAndPrinted()
{
    MqttTlsOptions a;
    MqttTlsOptions b;
    QVERIFY(a == b);
    QString why;
    QVERIFY(a.setCaCertificatesFile(pki("ca.crt"), &why));
    QVERIFY(a != b);
    b = a;
    QVERIFY(a == b);
    b.setHostNameVerificationEnabled(false);
    QVERIFY(a != b);
    QVERIFY(a.isHostNameVerificationEnabled()); // copies detach
    MqttTlsOptions moved = std::move(b);
    QVERIFY(!moved.isHostNameVerificationEnabled());
    a.swap(moved);
    QVERIFY(!a.isHostNameVerificationEnabled());

    QVERIFY(a.setLocalCertificateFiles(pki("client.crt"), pki("client-encrypted.key"), MosquittoBroker::clientKeyPassphrase(), &why));
    QVERIFY(a.setAlpnProtocols({QStringLiteral("mqtt")}, &why));
    const QString printed = debugText(a);
    QVERIFY2(printed.contains(QLatin1String("ca.crt")), qPrintable(printed));
    QVERIFY2(printed.contains(QLatin1String("client certificate \"mqttqt-test-client\"")), qPrintable(printed));
    QVERIFY2(printed.contains(QLatin1String("host name verification off")), qPrintable(printed));
    QVERIFY2(printed.contains(QLatin1String("ALPN mqtt")), qPrintable(printed));
    QVERIFY2(printed.contains(QLatin1String("CertRequired")), qPrintable(printed));
    QVERIFY2(!printed.contains(QString::fromLatin1(MosquittoBroker::clientKeyPassphrase())), qPrintable(printed));

    const QVariant variant = QVariant::fromValue(a);
    QVERIFY(variant.value<MqttTlsOptions>() == a);
}

void tst_TransportOptions::webSocketPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("/") << QStringLiteral("/") << true;
    QTest::newRow("with query") << QStringLiteral("/mqtt?x-amz-signature=abc&token=%2F") << true;
    QTest::newRow("non-ASCII") << QStringLiteral("/br\u00fccke") << true;
    QTest::newRow("no leading slash") << QStringLiteral("mqtt") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << QStringLiteral("/a b") << false;
    QTest::newRow("line break") << QStringLiteral("/a\r\nHost: evil") << false;
    QTest::newRow("fragment") << QStringLiteral("/a#b") << false;
}

void tst_TransportOptions::webSocketPath()
{
    QFETCH(QString, path);
    QFETCH(bool, accepted);
    MqttWebSocketOptions ws;
    QCOMPARE(ws.path(), QStringLiteral("/mqtt"));
    QString why;
    QCOMPARE(ws.setPath(path, &why), accepted);
    QCOMPARE(ws.path(), accepted ? path : QStringLiteral("/mqtt"));
    QCOMPARE(why.isEmpty(), accepted);
    if (!accepted)
        QVERIFY2(why.contains(QStringLiteral("The WebSocket path \"%1\"").arg(path)), qPrintable(why));
}

void tst_TransportOptions::webSocketHeaders_data()
{
    QTest::addColumn<MqttWebSocketOptions::Headers>("headers");
    QTest::addColumn<QString>("error");
    QTest::newRow("authorization") << MqttWebSocketOptions::Headers{{"Authorization", "Bearer x"}} << QString();
    QTest::newRow("origin and tab") << MqttWebSocketOptions::Headers{{"Origin", "https://example"}, {"X-A", "a\tb"}} << QString();
    QTest::newRow("Host") << MqttWebSocketOptions::Headers{{"Host", "elsewhere"}}
                          << QStringLiteral("The WebSocket header \"Host\" belongs to the handshake and cannot be set");
    QTest::newRow("sec-websocket-key, lower case") << MqttWebSocketOptions::Headers{{"sec-websocket-key", "x"}}
                                                   << QStringLiteral("belongs to the handshake");
    QTest::newRow("Sec-WebSocket-Protocol") << MqttWebSocketOptions::Headers{{"Sec-WebSocket-Protocol", "mqttv3.1"}}
                                            << QStringLiteral("belongs to the handshake");
    QTest::newRow("name with a space") << MqttWebSocketOptions::Headers{{"X Header", "x"}}
                                       << QStringLiteral("The WebSocket header name \"X Header\" is not an HTTP token");
    QTest::newRow("empty name") << MqttWebSocketOptions::Headers{{"", "x"}} << QStringLiteral("is not an HTTP token");
    QTest::newRow("CR LF in value") << MqttWebSocketOptions::Headers{{"X-A", "a\r\nHost: evil"}}
                                    << QStringLiteral("The value of the WebSocket header \"X-A\" contains a control character");
    QTest::newRow("NUL in value") << MqttWebSocketOptions::Headers{{"X-A", QByteArray("a\0b", 3)}}
                                  << QStringLiteral("contains a control character");
    QTest::newRow("same name twice") << MqttWebSocketOptions::Headers{{"X-A", "1"}, {"x-a", "2"}}
                                     << QStringLiteral("is given twice (names ignore case)");
}

void tst_TransportOptions::webSocketHeaders()
{
    QFETCH(MqttWebSocketOptions::Headers, headers);
    QFETCH(QString, error);
    MqttWebSocketOptions ws;
    QVERIFY(ws.setHeaders({{"X-Before", "1"}}));
    QString why;
    const bool ok = ws.setHeaders(headers, &why);
    QCOMPARE(ok, error.isEmpty());
    if (!ok) {
        QVERIFY2(why.contains(error), qPrintable(why));
        QCOMPARE(ws.headers(), (MqttWebSocketOptions::Headers{{"X-Before", "1"}}));
        return;
    }
    QCOMPARE(ws.headers(), headers);
}

void tst_TransportOptions::webSocketOptionsAreValuesComparedAndPrinted()
{
    MqttWebSocketOptions a;
    MqttWebSocketOptions b;
    QVERIFY(a == b);
    QVERIFY(a.setHeaders({{"Authorization", "Bearer secret-token"}}));
    QVERIFY(a != b);
    b = a;
    QVERIFY(a == b);
    auto callback = [](const MqttWebSocketOptions::Headers &headers) { return headers; };
    a.setHeadersCallback(callback);
    QVERIFY(a.hasHeadersCallback());
    QVERIFY(a != b);
    b = a;
    QVERIFY(a == b); // copies share the callback
    MqttWebSocketOptions c = b;
    c.setHeadersCallback(callback);
    QVERIFY(c != a); // set separately: not known to be the same
    c.setHeadersCallback({});
    QVERIFY(!c.hasHeadersCallback());
    QVERIFY(a.hasHeadersCallback());

    const QString printed = debugText(a);
    QVERIFY2(printed.contains(QLatin1String("/mqtt")), qPrintable(printed));
    QVERIFY2(printed.contains(QLatin1String("Authorization")), qPrintable(printed));
    QVERIFY2(printed.contains(QLatin1String("header callback")), qPrintable(printed));
    QVERIFY2(!printed.contains(QLatin1String("secret-token")), qPrintable(printed));
    QCOMPARE(MqttWebSocketOptions::staticMetaObject.property(MqttWebSocketOptions::staticMetaObject.indexOfProperty("path"))
                     .readOnGadget(&a)
                     .toString(),
             QStringLiteral("/mqtt"));
}

void tst_TransportOptions::defaultPorts_data()
{
    QTest::addColumn<Mqtt::Transport>("transport");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<int>("port");
    QTest::newRow("tcp") << Mqtt::Transport::Tcp << false << 1883;
    QTest::newRow("tls") << Mqtt::Transport::Tcp << true << 8883;
    QTest::newRow("ws") << Mqtt::Transport::WebSockets << false << 80;
    QTest::newRow("wss") << Mqtt::Transport::WebSockets << true << 443;
    QTest::newRow("unix socket") << Mqtt::Transport::LocalSocket << false << 0;
    QTest::newRow("device") << Mqtt::Transport::Device << false << 0;
}

void tst_TransportOptions::defaultPorts()
{
    QFETCH(Mqtt::Transport, transport);
    QFETCH(bool, tls);
    QFETCH(int, port);
    QCOMPARE(int(Mqtt::defaultPort(transport, tls)), port);
    MqttTransportConfig config;
    config.transport = transport;
    if (tls)
        config.tls = MqttTlsOptions();
    QCOMPARE(int(config.defaultPort()), port);
    QCOMPARE(config.proxy.type(), QNetworkProxy::NoProxy); // never a system proxy by default
}

QTEST_MAIN(tst_TransportOptions)
#include "tst_transportoptions.moc"
