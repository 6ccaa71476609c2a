// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTLSOPTIONS_H
#define MQTTTLSOPTIONS_H

#include "mqttnamespace.h"

#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QSharedDataPointer>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>

class QDebug;
class MqttTlsOptionsPrivate;

/*!
    How MqttQt secures a connection with TLS: Paho's \c tls_set(), \c tls_set_context()
    and \c tls_insecure_set() as one implicitly shared value. It applies to MQTT over TCP
    (MQTT over TLS, port 8883) and to secure WebSockets (wss://, port 443).

    A default-constructed value is what Paho's \c tls_set() gives without arguments: the
    broker's certificate must verify against the system trust store
    (CertificateRequirement::CertRequired), its name must match the host connected to, TLS
    1.2 or later, Qt's default ciphers, no client certificate, no ALPN. It starts from
    QSslConfiguration::defaultConfiguration() as it is when the value is constructed.

    Files are read when they are set, never at connect time: a missing or unreadable file,
    a file without a certificate or key, a key the passphrase does not decrypt, or a key
    that does not belong to the certificate is refused there, with the file named in the
    error text, and the options stay as they were. The passphrase itself is not kept.

    \code
    MqttTlsOptions tls;                                     // tls_set()
    QString error;
    if (!tls.setCaCertificatesFile(QStringLiteral("ca.crt"), &error)
        || !tls.setLocalCertificateFiles(QStringLiteral("client.crt"),
                                         QStringLiteral("client.key"), "passphrase", &error))
        qWarning() << error;
    \endcode

    Verification failures at connect time are reported as Mqtt::ErrorCode::Tls with the
    certificate's subject and issuer and Qt's reasons, and nothing is written to a
    connection whose handshake did not succeed.
*/
class MQTTQT_CORE_EXPORT MqttTlsOptions
{
    Q_GADGET
    Q_PROPERTY(QString caCertificatesFile READ caCertificatesFile)
    Q_PROPERTY(bool systemCaCertificates READ usesSystemCaCertificates)
    Q_PROPERTY(QString certificateFile READ certificateFile)
    Q_PROPERTY(QString privateKeyFile READ privateKeyFile)
    Q_PROPERTY(CertificateRequirement certificateRequirement READ certificateRequirement
                       WRITE setCertificateRequirement)
    Q_PROPERTY(TlsVersion minimumTlsVersion READ minimumTlsVersion WRITE setMinimumTlsVersion)
    Q_PROPERTY(QString ciphers READ ciphers)
    Q_PROPERTY(QStringList alpnProtocols READ alpnProtocols)
    Q_PROPERTY(bool hostNameVerificationEnabled READ isHostNameVerificationEnabled
                       WRITE setHostNameVerificationEnabled)
public:
    /*! What the client requires of the broker's certificate (Paho's \c cert_reqs). */
    enum class CertificateRequirement {
        /*! \c ssl.CERT_NONE: the certificate is not verified, and neither is the host
            name. Encryption without authentication: anyone in the path can read along. */
        CertNone,
        /*! \c ssl.CERT_OPTIONAL: on the client side the same checks as CertRequired (a
            TLS server always presents a certificate, and it must verify), as in Python. */
        CertOptional,
        /*! \c ssl.CERT_REQUIRED, the default: the certificate must verify against the
            trusted CA certificates. */
        CertRequired,
    };
    Q_ENUM(CertificateRequirement)

    /*! The oldest TLS version accepted (Paho's \c tls_version). */
    enum class TlsVersion {
        TlsV1_2, //!< TLS 1.2 or 1.3, the default
        TlsV1_3, //!< TLS 1.3 only
    };
    Q_ENUM(TlsVersion)

    /*! Paho's \c tls_set() defaults, described above. */
    MqttTlsOptions();
    MqttTlsOptions(const MqttTlsOptions &other);
    MqttTlsOptions(MqttTlsOptions &&other) noexcept;
    MqttTlsOptions &operator=(const MqttTlsOptions &other);
    MqttTlsOptions &operator=(MqttTlsOptions &&other) noexcept;
    ~MqttTlsOptions();
    void swap(MqttTlsOptions &other) noexcept { d.swap(other.d); }

    /*!
        Paho's \c tls_set_context(): options that use \a configuration as it is (trusted
        CA certificates, local certificate and key, peer verify mode, protocol, ciphers,
        ALPN). certificateRequirement() reports CertNone for QSslSocket::VerifyNone and
        QSslSocket::QueryPeer, CertRequired otherwise; host name verification is on. The
        setters below then change that configuration.
    */
    static MqttTlsOptions fromSslConfiguration(const QSslConfiguration &configuration);

    /*!
        Returns the configuration the TLS handshake uses (QSslSocket or QWebSocket). Host
        name verification is not part of it: see isHostNameVerificationEnabled().
    */
    QSslConfiguration sslConfiguration() const;

    // ---- trusted CA certificates (Paho's ca_certs) ----

    /*!
        Reads the CA certificates to trust from \a path (PEM, one or more certificates, or
        one DER certificate) and trusts only those. An empty \a path trusts the system
        trust store again (the default). Returns false, setting \a errorString if not
        null, when the file is missing, unreadable or holds no certificate; the options
        are then unchanged.
    */
    bool setCaCertificatesFile(const QString &path, QString *errorString = nullptr);
    /*! The file given to setCaCertificatesFile(), or empty. */
    QString caCertificatesFile() const;
    /*!
        Trusts only \a certificates (empty: the system trust store again). Returns false,
        setting \a errorString, if one of them is null; the options are then unchanged.
    */
    bool setCaCertificates(const QList<QSslCertificate> &certificates, QString *errorString = nullptr);
    /*! The CA certificates set explicitly; empty while the system trust store is used. */
    QList<QSslCertificate> caCertificates() const;
    /*! True while the system trust store decides (no CA certificates set). */
    bool usesSystemCaCertificates() const;

    // ---- client certificate (Paho's certfile, keyfile, keyfile_password) ----

    /*!
        Reads the client certificate for mutual TLS from \a certificateFile (PEM; further
        certificates in the file are sent as its chain) and its private key from
        \a privateKeyFile (PEM or DER; RSA, EC or DSA; PKCS#1, SEC 1 or PKCS#8, encrypted
        or not), decrypting it with \a passphrase. An empty \a privateKeyFile looks for
        the key in \a certificateFile, as Python's \c load_cert_chain() does. Returns
        false, setting \a errorString, and leaves the options unchanged when a file is
        missing or unreadable, holds no certificate or no key, the key is encrypted and
        \a passphrase is empty or does not decrypt it, or the key does not belong to the
        certificate. Both empty: no client certificate (the default).
    */
    bool setLocalCertificateFiles(const QString &certificateFile, const QString &privateKeyFile,
                                  const QByteArray &passphrase = {}, QString *errorString = nullptr);
    /*!
        Sets the client certificate chain (leaf first) and its private key from memory.
        Returns false, setting \a errorString, when the chain is empty, a certificate or
        the key is null, or the key does not belong to the leaf certificate.
    */
    bool setLocalCertificate(const QList<QSslCertificate> &chain, const QSslKey &privateKey,
                             QString *errorString = nullptr);
    /*! Removes the client certificate and key. */
    void clearLocalCertificate();
    /*! The client certificate chain, leaf first; empty without client certificate. */
    QList<QSslCertificate> localCertificateChain() const;
    /*! The client's private key (decrypted), or a null key. */
    QSslKey privateKey() const;
    /*! The file given to setLocalCertificateFiles(), or empty. */
    QString certificateFile() const;
    /*! The key file given to setLocalCertificateFiles() (the certificate file when the
        key was read from there), or empty. */
    QString privateKeyFile() const;

    // ---- verification (Paho's cert_reqs and tls_insecure_set()) ----

    /*! Default CertificateRequirement::CertRequired. */
    CertificateRequirement certificateRequirement() const;
    void setCertificateRequirement(CertificateRequirement requirement);

    /*!
        True (the default) if the broker's certificate must name the host connected to.
        Paho's \c tls_insecure_set(true) is setHostNameVerificationEnabled(false): the
        certificate must still verify, but may belong to any host, so anyone holding a
        certificate from a trusted CA can impersonate the broker. For tests only.
    */
    bool isHostNameVerificationEnabled() const;
    void setHostNameVerificationEnabled(bool enabled);

    // ---- protocol (Paho's tls_version, ciphers, alpn_protocols) ----

    /*! Default TlsVersion::TlsV1_2 (TLS 1.2 or later). */
    TlsVersion minimumTlsVersion() const;
    void setMinimumTlsVersion(TlsVersion version);

    /*!
        Restricts the ciphers to \a ciphers, names separated by ':' as
        QSslConfiguration::supportedCiphers() lists them (OpenSSL's names for TLS 1.2,
        e.g. "ECDHE-ECDSA-AES128-GCM-SHA256", and the TLS 1.3 suites, e.g.
        "TLS_AES_128_GCM_SHA256"). Empty restores Qt's defaults. OpenSSL cipher
        expressions such as "HIGH:!aNULL" are not understood by Qt and are refused, as is
        any unknown name: returns false, setting \a errorString with the unknown names,
        and leaves the options unchanged.
    */
    bool setCiphers(const QString &ciphers, QString *errorString = nullptr);
    /*! The cipher list given to setCiphers(), or empty for Qt's defaults. */
    QString ciphers() const;

    /*!
        Offers \a protocols by ALPN in this order (e.g. "mqtt" for brokers behind an ALPN
        router such as AWS IoT on port 443). Each must be 1 to 255 bytes of UTF-8: returns
        false, setting \a errorString, and leaves the options unchanged otherwise. Default:
        none offered.
    */
    bool setAlpnProtocols(const QStringList &protocols, QString *errorString = nullptr);
    QStringList alpnProtocols() const;

    /*! Equal when the configurations, file names, requirement and host name verification
        are equal. */
    friend MQTTQT_CORE_EXPORT bool operator==(const MqttTlsOptions &a, const MqttTlsOptions &b);
    friend bool operator!=(const MqttTlsOptions &a, const MqttTlsOptions &b) { return !(a == b); }

private:
    QSharedDataPointer<MqttTlsOptionsPrivate> d;
};

Q_DECLARE_SHARED(MqttTlsOptions)

/*! Prints the trust source, client certificate subject, requirement, version, host name
    verification, ciphers and ALPN; never key material. */
MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttTlsOptions &options);

Q_DECLARE_METATYPE(MqttTlsOptions)

#endif // MQTTTLSOPTIONS_H
