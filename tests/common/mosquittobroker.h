// Test support, not API: a real mosquitto broker run as a child process for integration tests.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QMap>
#include <QtCore/QString>

#include <memory>

class QProcess;
class QTemporaryDir;

/*!
    Runs a real mosquitto broker (2.x) as a child process on free loopback ports.

    Everything the broker needs lives in a private temporary directory (dataDir()): the
    generated configuration, TLS certificates, password file, persistence database and log.
    The directory survives stop() and kill() so that restart() can bring the same broker back
    on the same ports with the same persisted state; it is removed with the object.

    Every listener binds 127.0.0.1 only. A plain TCP listener is always present; TLS,
    WebSocket and secure WebSocket listeners are added on request. The destructor kills the
    broker, and on Linux the child also dies with the test process if that crashes.

    \code
    MosquittoBroker broker;
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto is not installed");
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    client.connectToHost(broker.host(), broker.tcpPort());
    \endcode
*/
class MosquittoBroker
{
public:
    /*!
        What start() configures. The defaults give an anonymous broker with only the plain
        TCP listener, no persistence and mosquitto's default limits.
    */
    /*! Which certificate the TLS and secure WebSocket listeners present; all are signed
        by the generated CA and use the server key. */
    enum class ServerCertificate {
        Valid,     //!< server.crt: CN localhost, subjectAltName 127.0.0.1 and localhost
        Expired,   //!< expired-server.crt: as Valid, but its validity ended yesterday
        OtherHost, //!< other-host-server.crt: CN and subjectAltName "other-host.invalid" only
    };

    struct Options
    {
        /*! Adds a TLS listener (tlsPort()) with the generated server certificate. */
        bool tls = false;
        /*! The TLS and secure WebSocket listeners require a client certificate signed by
            the generated CA (require_certificate). Implies tls. */
        bool mutualTls = false;
        /*! With mutualTls: the client certificate's common name becomes the username. */
        bool useIdentityAsUsername = false;
        /*! Adds a WebSocket listener (wsPort()). */
        bool websockets = false;
        /*! Adds a WebSocket listener over TLS (wssPort()). */
        bool secureWebsockets = false;
        /*! The certificate of the TLS and secure WebSocket listeners. */
        ServerCertificate serverCertificate = ServerCertificate::Valid;
        /*! Adds a listener on a Unix domain socket (unixSocketPath(); mosquitto's
            "listener 0 PATH"). */
        bool unixSocket = false;
        /*! Username to password. When not empty a password file is made with
            mosquitto_passwd and used by the broker. */
        QMap<QString, QString> users;
        /*! Written explicitly as allow_anonymous (mosquitto 2 refuses anonymous clients
            when it is absent). */
        bool allowAnonymous = true;
        /*! Enables persistence to dataDir()/mosquitto.db; the database is written when
            the broker is stopped with stop() (not with kill()). */
        bool persistence = false;
        /*! max_queued_messages per client: -1 leaves mosquitto's default (1000), 0 means
            unlimited. */
        int maxQueuedMessages = -1;
        /*! max_inflight_messages per client: -1 leaves the default (20), 0 means
            unlimited. */
        int maxInflightMessages = -1;
        /*! max_queued_bytes per client: -1 leaves the default (unlimited), 0 means
            unlimited. */
        qint64 maxQueuedBytes = -1;
        /*! Logs every packet (log_type all) instead of connections, subscriptions,
            notices, warnings and errors. Slows the broker down: not for benchmarks. */
        bool verboseLog = false;
        /*! Appended verbatim at the end of the configuration file. Use it for general
            options only: listener options there would apply to the last listener. */
        QString extraConfig;
        /*! Appended verbatim inside every listener block, e.g. "max_topic_alias 5". */
        QString listenerConfig;
    };

    /*! Creates a stopped broker. */
    MosquittoBroker();
    /*! Kills the broker if it is running and removes dataDir(). */
    ~MosquittoBroker();

    MosquittoBroker(const MosquittoBroker &) = delete;
    MosquittoBroker &operator=(const MosquittoBroker &) = delete;

    /*!
        Returns true when a mosquitto executable is found on PATH or as /usr/sbin/mosquitto,
        and mosquitto_passwd and openssl are on PATH. Tests that cannot run without it
        should QSKIP with a clear message when this is false.
    */
    static bool mosquittoAvailable();

    /*!
        Returns the path of the mosquitto executable, or an empty string when none is found.
    */
    static QString mosquittoExecutable();

    /*!
        Writes a test PKI into \a directory with the openssl command line: ca.crt/ca.key
        (the CA), server.crt/server.key (signed by the CA, subjectAltName IP:127.0.0.1 and
        DNS:localhost, CN "localhost"), client.crt/client.key (signed by the CA, CN
        "mqttqt-test-client") and other-ca.crt/other-ca.key (an unrelated CA). Keys are
        EC prime256v1 in PEM (PKCS#8, unencrypted); certificates are valid for two days.
        Also client-encrypted.key (client.key as encrypted PKCS#8, AES-256-CBC, passphrase
        clientKeyPassphrase()), and two more certificates for server.key:
        expired-server.crt (expired yesterday) and other-host-server.crt (CN and
        subjectAltName "other-host.invalid").
        Returns false and sets \a errorString (if not null) with openssl's output on
        failure.
    */
    static bool generateCertificates(const QString &directory, QString *errorString = nullptr);

    /*!
        Picks free loopback ports, writes the configuration, starts mosquitto and waits up
        to \a timeoutMs until every listener accepts TCP connections. Returns false with
        errorString() set (including mosquitto's own output) on failure; in that case no
        process is left behind. Kills a broker that is already running first and starts
        afresh in a new dataDir().
    */
    bool start(const Options &options, int timeoutMs = 10000);
    /*! Starts an anonymous broker with only the plain TCP listener: start(Options()). */
    bool start();

    /*!
        Stops the broker gracefully (SIGTERM) and waits for it to exit, which writes the
        persistence database. Falls back to SIGKILL after 5 seconds. Keeps dataDir() and
        the ports for restart(). Does nothing when the broker is not running.
    */
    void stop();

    /*!
        Kills the broker abruptly (SIGKILL): connections break without a DISCONNECT and
        nothing more is persisted. Keeps dataDir() and the ports for restart().
    */
    void kill();

    /*!
        Starts the broker again with the same options, ports and dataDir() after stop() or
        kill(). Retries for up to \a timeoutMs while a port is still held by the previous
        process or in TIME_WAIT. Returns false with errorString() set on failure, or when
        start() never succeeded.
    */
    bool restart(int timeoutMs = 10000);

    /*! Returns true while the mosquitto process is running. */
    bool isRunning() const;
    /*! Returns the process id of the running broker, or 0 when it is not running. */
    qint64 processId() const;

    /*! Returns the address of every listener: always "127.0.0.1". */
    QString host() const;
    /*! Returns the plain MQTT over TCP port, or 0 before start(). */
    quint16 tcpPort() const;
    /*! Returns the MQTT over TLS port, or 0 when Options::tls was not set. */
    quint16 tlsPort() const;
    /*! Returns the MQTT over WebSocket port, or 0 when Options::websockets was not set. */
    quint16 wsPort() const;
    /*! Returns the MQTT over secure WebSocket port, or 0 when Options::secureWebsockets
        was not set. */
    quint16 wssPort() const;

    /*! Returns the options of the last start(). */
    Options options() const;

    /*! Returns the PEM file of the CA that signed the server and client certificates.
        The certificate files are present after start(), with or without TLS listeners. */
    QString caCertificatePath() const;
    /*! Returns the PEM file of the server certificate. */
    QString serverCertificatePath() const;
    /*! Returns the PEM file of the server's private key. */
    QString serverKeyPath() const;
    /*! Returns the PEM file of the client certificate for mutual TLS. */
    QString clientCertificatePath() const;
    /*! Returns the PEM file of the client's private key (EC, unencrypted). */
    QString clientKeyPath() const;
    /*! Returns the PEM file of an unrelated CA, for handshakes that must fail. */
    QString otherCaCertificatePath() const;
    /*! Returns the client's private key encrypted with clientKeyPassphrase() (PKCS#8). */
    QString encryptedClientKeyPath() const;
    /*! Returns the passphrase of encryptedClientKeyPath(). */
    static QByteArray clientKeyPassphrase();
    /*! Returns the expired server certificate (see ServerCertificate::Expired). */
    QString expiredServerCertificatePath() const;
    /*! Returns the server certificate for "other-host.invalid" (ServerCertificate::OtherHost). */
    QString otherHostServerCertificatePath() const;
    /*! Returns the path of the Unix socket listener, or an empty string when
        Options::unixSocket was not set. */
    QString unixSocketPath() const;

    /*! Returns the broker's log file so far (mosquitto.log in dataDir()). */
    QString log() const;
    /*! Returns the generated mosquitto configuration of the last start(). */
    QString configuration() const;
    /*! Returns the directory holding configuration, certificates, database and log, or an
        empty string before start(). */
    QString dataDir() const;
    /*! Returns what went wrong in the last failed start() or restart(). */
    QString errorString() const;

private:
    bool generateConfiguration();
    bool launch(int timeoutMs, bool *bindFailed);
    QString filePath(const QString &name) const;

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_configuration;
    QString m_errorString;
    quint16 m_tcpPort = 0;
    quint16 m_tlsPort = 0;
    quint16 m_wsPort = 0;
    quint16 m_wssPort = 0;
    QString m_unixSocketPath;
};
