// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttlsoptions.h"

#include <QtCore/QByteArrayView>
#include <QtCore/QDebug>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QMetaEnum>
#include <QtCore/QSharedData>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslSocket>

#include <optional>
#include <vector>

class MqttTlsOptionsPrivate : public QSharedData
{
public:
    QSslConfiguration configuration;
    bool caExplicit = false;
    QString caFile;
    QString certificateFile;
    QString privateKeyFile;
    QString ciphers;
    MqttTlsOptions::CertificateRequirement requirement = MqttTlsOptions::CertificateRequirement::CertRequired;
    bool hostNameVerification = true;
};

namespace {

// Certificate and key files are small; anything larger is not one and is not read whole.
constexpr qint64 MaxFileSize = 16 * 1024 * 1024;

bool fail(QString *errorString, const QString &text)
{
    if (errorString)
        *errorString = text;
    return false;
}

std::optional<QByteArray> readFile(const QString &path, const QString &what, QString *errorString)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        fail(errorString, QStringLiteral("The %1 file \"%2\" does not exist").arg(what, path));
        return std::nullopt;
    }
    if (info.isDir()) {
        fail(errorString, QStringLiteral("The %1 file \"%2\" is a directory").arg(what, path));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(errorString, QStringLiteral("Cannot read the %1 file \"%2\": %3").arg(what, path, file.errorString()));
        return std::nullopt;
    }
    if (file.size() > MaxFileSize) {
        fail(errorString, QStringLiteral("The %1 file \"%2\" is %3 bytes long, more than a certificate or key file can be")
                                  .arg(what, path)
                                  .arg(file.size()));
        return std::nullopt;
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        fail(errorString, QStringLiteral("Cannot read the %1 file \"%2\": %3").arg(what, path, file.errorString()));
        return std::nullopt;
    }
    return data;
}

// Certificates in PEM (any number) or one in DER. A PEM file whose blocks do not all parse
// is refused rather than trusted in part.
std::optional<QList<QSslCertificate>> parseCertificates(const QByteArray &data, const QString &what,
                                                        const QString &path, QString *errorString)
{
    const qsizetype pemBlocks = data.count("-----BEGIN CERTIFICATE-----")
            + data.count("-----BEGIN TRUSTED CERTIFICATE-----")
            + data.count("-----BEGIN X509 CERTIFICATE-----");
    QList<QSslCertificate> certificates;
    if (pemBlocks > 0) {
        certificates = QSslCertificate::fromData(data, QSsl::Pem);
        if (certificates.size() != pemBlocks) {
            fail(errorString, QStringLiteral("The %1 file \"%2\" holds %3 PEM certificates, of which %4 could be read")
                                      .arg(what, path)
                                      .arg(pemBlocks)
                                      .arg(certificates.size()));
            return std::nullopt;
        }
    } else if (!data.contains("-----BEGIN")) {
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    }
    if (certificates.isEmpty()) {
        fail(errorString, QStringLiteral("The %1 file \"%2\" holds no certificate (PEM or DER)").arg(what, path));
        return std::nullopt;
    }
    for (const QSslCertificate &certificate : std::as_const(certificates)) {
        if (certificate.isNull()) {
            fail(errorString, QStringLiteral("The %1 file \"%2\" holds a certificate that cannot be read").arg(what, path));
            return std::nullopt;
        }
    }
    return certificates;
}

// The first PEM block whose label ends in "PRIVATE KEY", from BEGIN to END line inclusive.
QByteArray pemPrivateKeyBlock(const QByteArray &data)
{
    qsizetype from = 0;
    for (;;) {
        const qsizetype begin = data.indexOf("-----BEGIN ", from);
        if (begin < 0)
            return {};
        const qsizetype labelEnd = data.indexOf("-----", begin + 11);
        if (labelEnd < 0)
            return {};
        const QByteArray label = data.mid(begin + 11, labelEnd - begin - 11);
        if (label.endsWith("PRIVATE KEY")) {
            const QByteArray endMarker = "-----END " + label + "-----";
            const qsizetype end = data.indexOf(endMarker, labelEnd);
            if (end < 0)
                return {};
            return data.mid(begin, end + endMarker.size() - begin) + '\n';
        }
        from = labelEnd + 5;
    }
}

std::optional<QSslKey> parsePrivateKey(const QByteArray &data, const QString &path,
                                       const QByteArray &passphrase, QString *errorString)
{
    static constexpr QSsl::KeyAlgorithm Algorithms[] = {QSsl::Rsa, QSsl::Ec, QSsl::Dsa};
    const QByteArray block = pemPrivateKeyBlock(data);
    bool encrypted = false;
    if (!block.isEmpty()) {
        encrypted = block.contains("ENCRYPTED PRIVATE KEY") || block.contains("Proc-Type: 4,ENCRYPTED");
        // Without a passphrase OpenSSL would ask for one on the terminal.
        if (encrypted && passphrase.isEmpty()) {
            fail(errorString, QStringLiteral("The private key in \"%1\" is encrypted: a passphrase is needed").arg(path));
            return std::nullopt;
        }
        for (QSsl::KeyAlgorithm algorithm : Algorithms) {
            const QSslKey key(block, algorithm, QSsl::Pem, QSsl::PrivateKey, encrypted ? passphrase : QByteArray());
            if (!key.isNull())
                return key;
        }
    } else if (data.contains("-----BEGIN")) {
        fail(errorString, QStringLiteral("The file \"%1\" holds no private key (no PEM \"PRIVATE KEY\" block)").arg(path));
        return std::nullopt;
    } else {
        for (QSsl::KeyAlgorithm algorithm : Algorithms) {
            const QSslKey key(data, algorithm, QSsl::Der, QSsl::PrivateKey);
            if (!key.isNull())
                return key;
        }
    }
    if (encrypted)
        fail(errorString, QStringLiteral("The passphrase does not decrypt the private key in \"%1\"").arg(path));
    else
        fail(errorString, QStringLiteral("The private key in \"%1\" cannot be read (RSA, EC and DSA keys in PEM or DER are supported)").arg(path));
    return std::nullopt;
}

// ---- does a private key belong to a certificate? ------------------------------------
// Qt has no API for it, so the public part is found inside the private key's DER and
// looked for in the certificate's SubjectPublicKeyInfo: the modulus and exponent of an
// RSA key, the public point of an EC key (SEC 1 [1]), the public value y of a DSA key.

struct DerElement
{
    uchar tag = 0;
    QByteArrayView content;
    QByteArrayView whole;
};

// Reads the element at \a pos and advances past it; false if malformed.
bool readDer(QByteArrayView data, qsizetype &pos, DerElement &out)
{
    const qsizetype start = pos;
    if (data.size() - pos < 2)
        return false;
    out.tag = uchar(data[pos++]);
    qsizetype length = uchar(data[pos++]);
    if (length & 0x80) {
        const int bytes = int(length & 0x7f);
        if (bytes == 0 || bytes > 4 || data.size() - pos < bytes)
            return false;
        length = 0;
        for (int i = 0; i < bytes; ++i)
            length = (length << 8) | uchar(data[pos++]);
    }
    if (length > data.size() - pos)
        return false;
    out.content = data.sliced(pos, length);
    out.whole = data.sliced(start, pos + length - start);
    pos += length;
    return true;
}

std::vector<DerElement> derChildren(QByteArrayView content)
{
    std::vector<DerElement> children;
    qsizetype pos = 0;
    DerElement element;
    while (pos < content.size()) {
        if (!readDer(content, pos, element))
            return {};
        children.push_back(element);
    }
    return children;
}

// The bytes that must appear in the certificate's public key DER, or empty if the key's
// structure is not one this check knows.
QByteArray publicPartOf(const QSslKey &key)
{
    const QByteArray der = key.toDer();
    qsizetype pos = 0;
    DerElement top;
    if (!readDer(der, pos, top) || top.tag != 0x30)
        return {};
    std::vector<DerElement> fields = derChildren(top.content);
    // PKCS#8 wraps the traditional structure: version, AlgorithmIdentifier, OCTET STRING.
    if (fields.size() >= 3 && fields[1].tag == 0x30 && fields[2].tag == 0x04) {
        qsizetype inner = 0;
        DerElement wrapped;
        if (!readDer(fields[2].content, inner, wrapped) || wrapped.tag != 0x30)
            return {};
        fields = derChildren(wrapped.content);
    }
    switch (key.algorithm()) {
    case QSsl::Rsa: // RSAPrivateKey: version, n, e, ...
        if (fields.size() >= 3 && fields[1].tag == 0x02 && fields[2].tag == 0x02)
            return fields[1].whole.toByteArray() + fields[2].whole.toByteArray();
        return {};
    case QSsl::Ec: // ECPrivateKey: version, privateKey, [0] parameters, [1] publicKey
        for (const DerElement &field : fields) {
            if (field.tag == 0xa1) {
                qsizetype inner = 0;
                DerElement bits;
                if (readDer(field.content, inner, bits) && bits.tag == 0x03)
                    return bits.whole.toByteArray();
            }
        }
        return {};
    case QSsl::Dsa: // DSAPrivateKey: version, p, q, g, y, x
        if (fields.size() >= 6 && fields[4].tag == 0x02)
            return fields[4].whole.toByteArray();
        return {};
    default:
        return {};
    }
}

bool keyMatchesCertificate(const QSslKey &key, const QSslCertificate &certificate)
{
    const QSslKey publicKey = certificate.publicKey();
    if (publicKey.isNull() || publicKey.algorithm() != key.algorithm())
        return false;
    const QByteArray part = publicPartOf(key);
    // A key whose public part cannot be found (an EC key stored without its public point)
    // is left to the TLS handshake, which checks the pair again.
    return part.isEmpty() || publicKey.toDer().contains(part);
}

QString describeCertificate(const QSslCertificate &certificate)
{
    const QString subject = certificate.subjectDisplayName();
    return subject.isEmpty() ? QStringLiteral("(no subject)") : subject;
}

} // namespace

// ---- MqttTlsOptions ------------------------------------------------------------------

MqttTlsOptions::MqttTlsOptions() : d(new MqttTlsOptionsPrivate)
{
    d->configuration = QSslConfiguration::defaultConfiguration();
    d->configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

MqttTlsOptions::MqttTlsOptions(const MqttTlsOptions &other) = default;
MqttTlsOptions::MqttTlsOptions(MqttTlsOptions &&other) noexcept = default;
MqttTlsOptions &MqttTlsOptions::operator=(const MqttTlsOptions &other) = default;
MqttTlsOptions &MqttTlsOptions::operator=(MqttTlsOptions &&other) noexcept = default;
MqttTlsOptions::~MqttTlsOptions() = default;

MqttTlsOptions MqttTlsOptions::fromSslConfiguration(const QSslConfiguration &configuration)
{
    MqttTlsOptions options;
    options.d->configuration = configuration;
    options.d->caExplicit = !configuration.caCertificates().isEmpty();
    const auto mode = configuration.peerVerifyMode();
    options.d->requirement = mode == QSslSocket::VerifyNone || mode == QSslSocket::QueryPeer
            ? CertificateRequirement::CertNone
            : CertificateRequirement::CertRequired;
    return options;
}

QSslConfiguration MqttTlsOptions::sslConfiguration() const
{
    return d->configuration;
}

bool MqttTlsOptions::setCaCertificatesFile(const QString &path, QString *errorString)
{
    if (path.isEmpty())
        return setCaCertificates({}, errorString);
    const auto data = readFile(path, QStringLiteral("CA certificates"), errorString);
    if (!data)
        return false;
    const auto certificates = parseCertificates(*data, QStringLiteral("CA certificates"), path, errorString);
    if (!certificates)
        return false;
    d->configuration.setCaCertificates(*certificates);
    d->caExplicit = true;
    d->caFile = path;
    return true;
}

QString MqttTlsOptions::caCertificatesFile() const
{
    return d->caFile;
}

bool MqttTlsOptions::setCaCertificates(const QList<QSslCertificate> &certificates, QString *errorString)
{
    for (const QSslCertificate &certificate : certificates) {
        if (certificate.isNull())
            return fail(errorString, QStringLiteral("A null certificate cannot be trusted as a CA certificate"));
    }
    d->caFile.clear();
    if (certificates.isEmpty()) {
        if (d->caExplicit) {
            // Setting CA certificates turned off Qt's on-demand loading of the system
            // store for this configuration, so the store is loaded explicitly.
            d->configuration.setCaCertificates(QSslConfiguration::systemCaCertificates());
            d->caExplicit = false;
        }
        return true;
    }
    d->configuration.setCaCertificates(certificates);
    d->caExplicit = true;
    return true;
}

QList<QSslCertificate> MqttTlsOptions::caCertificates() const
{
    return d->caExplicit ? d->configuration.caCertificates() : QList<QSslCertificate>();
}

bool MqttTlsOptions::usesSystemCaCertificates() const
{
    return !d->caExplicit;
}

bool MqttTlsOptions::setLocalCertificateFiles(const QString &certificateFile, const QString &privateKeyFile,
                                              const QByteArray &passphrase, QString *errorString)
{
    if (certificateFile.isEmpty()) {
        if (!privateKeyFile.isEmpty())
            return fail(errorString, QStringLiteral("A private key file (\"%1\") needs a certificate file").arg(privateKeyFile));
        clearLocalCertificate();
        return true;
    }
    const auto certificateData = readFile(certificateFile, QStringLiteral("client certificate"), errorString);
    if (!certificateData)
        return false;
    const auto chain = parseCertificates(*certificateData, QStringLiteral("client certificate"), certificateFile, errorString);
    if (!chain)
        return false;
    const QString keyPath = privateKeyFile.isEmpty() ? certificateFile : privateKeyFile;
    std::optional<QByteArray> keyData = certificateData;
    if (!privateKeyFile.isEmpty()) {
        keyData = readFile(privateKeyFile, QStringLiteral("private key"), errorString);
        if (!keyData)
            return false;
    }
    const auto key = parsePrivateKey(*keyData, keyPath, passphrase, errorString);
    if (!key)
        return false;
    if (!keyMatchesCertificate(*key, chain->first())) {
        return fail(errorString, QStringLiteral("The private key in \"%1\" does not belong to the certificate \"%2\" in \"%3\"")
                                         .arg(keyPath, describeCertificate(chain->first()), certificateFile));
    }
    d->configuration.setLocalCertificateChain(*chain);
    d->configuration.setPrivateKey(*key);
    d->certificateFile = certificateFile;
    d->privateKeyFile = keyPath;
    return true;
}

bool MqttTlsOptions::setLocalCertificate(const QList<QSslCertificate> &chain, const QSslKey &privateKey,
                                         QString *errorString)
{
    if (chain.isEmpty())
        return fail(errorString, QStringLiteral("The client certificate chain is empty"));
    for (const QSslCertificate &certificate : chain) {
        if (certificate.isNull())
            return fail(errorString, QStringLiteral("The client certificate chain holds a null certificate"));
    }
    if (privateKey.isNull() || privateKey.type() != QSsl::PrivateKey)
        return fail(errorString, QStringLiteral("The client certificate needs a private key"));
    if (!keyMatchesCertificate(privateKey, chain.first())) {
        return fail(errorString, QStringLiteral("The private key does not belong to the certificate \"%1\"")
                                         .arg(describeCertificate(chain.first())));
    }
    d->configuration.setLocalCertificateChain(chain);
    d->configuration.setPrivateKey(privateKey);
    d->certificateFile.clear();
    d->privateKeyFile.clear();
    return true;
}

void MqttTlsOptions::clearLocalCertificate()
{
    d->configuration.setLocalCertificateChain({});
    d->configuration.setPrivateKey(QSslKey());
    d->certificateFile.clear();
    d->privateKeyFile.clear();
}

QList<QSslCertificate> MqttTlsOptions::localCertificateChain() const
{
    return d->configuration.localCertificateChain();
}

QSslKey MqttTlsOptions::privateKey() const
{
    return d->configuration.privateKey();
}

QString MqttTlsOptions::certificateFile() const
{
    return d->certificateFile;
}

QString MqttTlsOptions::privateKeyFile() const
{
    return d->privateKeyFile;
}

MqttTlsOptions::CertificateRequirement MqttTlsOptions::certificateRequirement() const
{
    return d->requirement;
}

void MqttTlsOptions::setCertificateRequirement(CertificateRequirement requirement)
{
    d->requirement = requirement;
    d->configuration.setPeerVerifyMode(requirement == CertificateRequirement::CertNone ? QSslSocket::VerifyNone
                                                                                      : QSslSocket::VerifyPeer);
}

bool MqttTlsOptions::isHostNameVerificationEnabled() const
{
    return d->hostNameVerification;
}

void MqttTlsOptions::setHostNameVerificationEnabled(bool enabled)
{
    d->hostNameVerification = enabled;
}

MqttTlsOptions::TlsVersion MqttTlsOptions::minimumTlsVersion() const
{
    const QSsl::SslProtocol protocol = d->configuration.protocol();
    return protocol == QSsl::TlsV1_3 || protocol == QSsl::TlsV1_3OrLater ? TlsVersion::TlsV1_3
                                                                         : TlsVersion::TlsV1_2;
}

void MqttTlsOptions::setMinimumTlsVersion(TlsVersion version)
{
    d->configuration.setProtocol(version == TlsVersion::TlsV1_3 ? QSsl::TlsV1_3OrLater : QSsl::TlsV1_2OrLater);
}

bool MqttTlsOptions::setCiphers(const QString &ciphers, QString *errorString)
{
    if (ciphers.trimmed().isEmpty()) {
        d->configuration.setCiphers(QSslConfiguration::defaultConfiguration().ciphers());
        d->ciphers.clear();
        return true;
    }
    QList<QSslCipher> list;
    QStringList unknown;
    const QStringList names = ciphers.split(QLatin1Char(':'));
    for (const QString &raw : names) {
        const QString name = raw.trimmed();
        const QSslCipher cipher(name);
        if (name.isEmpty() || cipher.isNull())
            unknown << (name.isEmpty() ? QStringLiteral("(empty name)") : name);
        else
            list << cipher;
    }
    if (!unknown.isEmpty()) {
        return fail(errorString, QStringLiteral("Unknown cipher name(s) in \"%1\": %2. Give names separated by ':' as "
                                                "QSslConfiguration::supportedCiphers() lists them; OpenSSL cipher "
                                                "expressions such as \"HIGH:!aNULL\" are not supported")
                                         .arg(ciphers, unknown.join(QStringLiteral(", "))));
    }
    d->configuration.setCiphers(list);
    d->ciphers = ciphers;
    return true;
}

QString MqttTlsOptions::ciphers() const
{
    return d->ciphers;
}

bool MqttTlsOptions::setAlpnProtocols(const QStringList &protocols, QString *errorString)
{
    QList<QByteArray> encoded;
    for (const QString &protocol : protocols) {
        const QByteArray bytes = protocol.toUtf8();
        if (bytes.isEmpty() || bytes.size() > 255) {
            return fail(errorString, QStringLiteral("The ALPN protocol \"%1\" is %2 bytes long; ALPN needs 1 to 255")
                                             .arg(protocol)
                                             .arg(bytes.size()));
        }
        encoded << bytes;
    }
    d->configuration.setAllowedNextProtocols(encoded);
    return true;
}

QStringList MqttTlsOptions::alpnProtocols() const
{
    QStringList protocols;
    const QList<QByteArray> encoded = d->configuration.allowedNextProtocols();
    for (const QByteArray &protocol : encoded)
        protocols << QString::fromUtf8(protocol);
    return protocols;
}

bool operator==(const MqttTlsOptions &a, const MqttTlsOptions &b)
{
    if (a.d == b.d)
        return true;
    return a.d->configuration == b.d->configuration && a.d->caExplicit == b.d->caExplicit
            && a.d->caFile == b.d->caFile && a.d->certificateFile == b.d->certificateFile
            && a.d->privateKeyFile == b.d->privateKeyFile && a.d->ciphers == b.d->ciphers
            && a.d->requirement == b.d->requirement
            && a.d->hostNameVerification == b.d->hostNameVerification;
}

QDebug operator<<(QDebug debug, const MqttTlsOptions &options)
{
    const QDebugStateSaver saver(debug);
    auto certificates = [](qsizetype n) {
        return QStringLiteral("%1 certificate%2").arg(n).arg(n == 1 ? QString() : QStringLiteral("s"));
    };
    debug.nospace().noquote() << "MqttTlsOptions(trust ";
    if (options.usesSystemCaCertificates())
        debug << "system store";
    else if (!options.caCertificatesFile().isEmpty())
        debug << '"' << options.caCertificatesFile() << "\" (" << certificates(options.caCertificates().size()) << ')';
    else
        debug << certificates(options.caCertificates().size());
    const QList<QSslCertificate> chain = options.localCertificateChain();
    if (!chain.isEmpty())
        debug << ", client certificate \"" << chain.first().subjectDisplayName() << '"';
    const QMetaEnum requirement = QMetaEnum::fromType<MqttTlsOptions::CertificateRequirement>();
    debug << ", " << requirement.valueToKey(int(options.certificateRequirement()))
          << (options.minimumTlsVersion() == MqttTlsOptions::TlsVersion::TlsV1_3 ? ", TLS 1.3" : ", TLS 1.2+")
          << ", host name verification " << (options.isHostNameVerificationEnabled() ? "on" : "off");
    if (!options.ciphers().isEmpty())
        debug << ", ciphers " << options.ciphers();
    if (!options.alpnProtocols().isEmpty())
        debug << ", ALPN " << options.alpnProtocols().join(QLatin1Char(','));
    debug << ')';
    return debug;
}
