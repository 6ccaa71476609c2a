// Test support, not API: SOCKS5 and HTTP CONNECT proxies on loopback for proxied connections.
#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtNetwork/QNetworkProxy>

#include <memory>

class FixtureThread;
class TunnelProxyWorker;

/*!
    What Socks5Proxy and HttpConnectProxy share: a proxy server on 127.0.0.1 (a free port)
    that opens TCP tunnels on request, counts them and records every request.

    Only loopback targets are ever served: 127.0.0.0/8, ::1 and the name "localhost" (which
    the proxy maps to 127.0.0.1 itself, without a DNS lookup). Any other target is refused
    with the protocol's answer for "not allowed".

    With setCredentials() the proxy requires them (SOCKS5 username/password, RFC 1929; HTTP
    Basic proxy authentication); without, it requires none. The proxy runs in a thread of
    its own, so a blocking QTcpSocket::waitForConnected() through it works; every public
    method is thread-safe.

    \code
    Socks5Proxy proxy;
    proxy.setCredentials(QStringLiteral("user"), QStringLiteral("secret"));
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    QTcpSocket socket;
    socket.setProxy(proxy.networkProxy(QStringLiteral("user"), QStringLiteral("secret")));
    socket.connectToHost(QStringLiteral("localhost"), broker.tcpPort());
    \endcode
*/
class TunnelProxy
{
public:
    /*! The protocol a proxy speaks. */
    enum class Protocol : int {
        /*! SOCKS5, RFC 1928 (Socks5Proxy). */
        Socks5,
        /*! HTTP CONNECT tunnels (HttpConnectProxy). */
        HttpConnect,
    };

    /*! One tunnel request as the proxy understood it. */
    struct Request
    {
        /*! The requested host, as sent: an IPv4 address or a domain name. */
        QString host;
        /*! The requested port. */
        quint16 port = 0;
        /*! The username the client authenticated with; empty without authentication. */
        QString username;
        /*! True when the tunnel was opened. */
        bool granted = false;
        /*! Why the request was refused, empty when granted. */
        QString refusal;
    };

    /*! Closes every tunnel, stops listening and ends the thread. */
    virtual ~TunnelProxy();

    TunnelProxy(const TunnelProxy &) = delete;
    TunnelProxy &operator=(const TunnelProxy &) = delete;

    /*! Returns the protocol this proxy speaks. */
    Protocol protocol() const;

    /*!
        Requires \a username and \a password from now on; an empty username requires no
        authentication (the default). Takes effect for new connections. Both must be at most
        255 bytes in UTF-8 for SOCKS5 (RFC 1929); longer ones make start() fail.
    */
    void setCredentials(const QString &username, const QString &password);

    /*! Listens on 127.0.0.1 on a free port. Returns false with errorString() set when that
        fails, the proxy already listens, or the credentials are too long. */
    bool start();
    /*! Stops listening and aborts every connection and tunnel. Counters and records stay. */
    void stop();
    /*! Returns the listening address: always "127.0.0.1". */
    QString host() const;
    /*! Returns the listening port, or 0 when not listening. */
    quint16 port() const;
    /*! Returns why the last start() failed. */
    QString errorString() const;

    /*! Returns a QNetworkProxy of the right type for host():port(), with \a username and
        \a password (which may be wrong, for tests of refusal). */
    QNetworkProxy networkProxy(const QString &username = {}, const QString &password = {}) const;

    /*! Returns how many client connections reached the proxy. */
    int connectionsAccepted() const;
    /*! Returns how many tunnels were opened. */
    int tunnelsOpened() const;
    /*! Returns how many tunnels are open now. */
    int openTunnels() const;
    /*! Returns how many authentication attempts failed (missing or wrong credentials). */
    int authenticationFailures() const;
    /*! Returns every tunnel request (refused ones included), oldest first. */
    QList<Request> requests() const;
    /*! Returns the bytes relayed through tunnels from clients to targets. */
    qint64 bytesToTargets() const;
    /*! Returns the bytes relayed through tunnels from targets to clients. */
    qint64 bytesFromTargets() const;

protected:
    /*! Creates a proxy speaking \a protocol; its thread starts at once. */
    explicit TunnelProxy(Protocol protocol);

private:
    std::unique_ptr<FixtureThread> m_thread;
    TunnelProxyWorker *m_worker = nullptr;
};

/*!
    A SOCKS5 proxy (RFC 1928): the "no authentication" method, or username/password
    (RFC 1929) after setCredentials(); the CONNECT command; IPv4 and domain name address
    types. Replies: 0x02 (not allowed) for targets off loopback, 0x05 (refused) when the
    target refuses, 0x07 for other commands, 0x08 for IPv6 addresses; method 0xFF when the
    client offers no acceptable method; status 0x01 for failed authentication. The
    connection is closed after each refusal.
*/
class Socks5Proxy : public TunnelProxy
{
public:
    /*! Creates a SOCKS5 proxy that is not listening yet. */
    Socks5Proxy();
};

/*!
    An HTTP proxy that serves the CONNECT method ("CONNECT host:port HTTP/1.1"), with Basic
    proxy authentication after setCredentials(). Answers: 200 when the tunnel is open, 407
    with "Proxy-Authenticate: Basic" when credentials are missing or wrong (the connection
    stays open for another request), 400 for a malformed request, 405 for other methods,
    403 for targets off loopback, 502 when the target refuses, 431 for a request head over
    16 KiB. Other refusals close the connection.
*/
class HttpConnectProxy : public TunnelProxy
{
public:
    /*! Creates an HTTP CONNECT proxy that is not listening yet. */
    HttpConnectProxy();
};
