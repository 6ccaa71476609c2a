// Test support, not API.
#include "tunnelproxy.h"

#include "fixturethread_p.h"

#include <QtCore/QPointer>
#include <QtCore/QtEndian>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

namespace {

using Protocol = TunnelProxy::Protocol;

constexpr qint64 ReadBufferSize = 64 * 1024;
constexpr qint64 HighWaterBytes = 256 * 1024;
constexpr qsizetype MaxHttpHeadBytes = 16 * 1024;

// RFC 1928 constants.
constexpr char Socks5Version = 0x05;
constexpr quint8 MethodNoAuthentication = 0x00;
constexpr quint8 MethodUsernamePassword = 0x02;
constexpr quint8 MethodNoneAcceptable = 0xff;
constexpr quint8 CommandConnect = 0x01;
constexpr quint8 AddressIPv4 = 0x01;
constexpr quint8 AddressDomainName = 0x03;
constexpr quint8 AddressIPv6 = 0x04;
constexpr quint8 ReplySucceeded = 0x00;
constexpr quint8 ReplyGeneralFailure = 0x01;
constexpr quint8 ReplyNotAllowed = 0x02;
constexpr quint8 ReplyHostUnreachable = 0x04;
constexpr quint8 ReplyConnectionRefused = 0x05;
constexpr quint8 ReplyCommandNotSupported = 0x07;
constexpr quint8 ReplyAddressTypeNotSupported = 0x08;
// RFC 1929.
constexpr char PasswordAuthVersion = 0x01;

// Only loopback targets: "localhost" is mapped here, without asking DNS.
bool loopbackTarget(const QString &host, QHostAddress *address)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    QHostAddress parsed;
    if (!parsed.setAddress(host) || !parsed.isLoopback())
        return false;
    *address = parsed;
    return true;
}

QByteArray socksReply(quint8 code, const QHostAddress &bound = {}, quint16 port = 0)
{
    QByteArray reply;
    reply.append(Socks5Version).append(char(code)).append('\0').append(char(AddressIPv4));
    const quint32 ipv4 = bound.protocol() == QAbstractSocket::IPv4Protocol ? bound.toIPv4Address() : 0;
    reply.append(char(ipv4 >> 24)).append(char(ipv4 >> 16)).append(char(ipv4 >> 8)).append(char(ipv4));
    reply.append(char(port >> 8)).append(char(port & 0xff));
    return reply;
}

QByteArray httpResponse(int status, const QByteArray &reason, const QByteArray &extraHeaders, bool close)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += extraHeaders;
    if (status != 200) {
        response += "Content-Length: 0\r\n";
        response += close ? "Connection: close\r\nProxy-Connection: close\r\n"
                          : "Proxy-Connection: keep-alive\r\n";
    }
    return response + "\r\n";
}

class Tunnel : public QObject
{
public:
    enum class State { Greeting, Authenticating, Requesting, Connecting, Relaying, Closing };

    explicit Tunnel(QObject *parent) : QObject(parent) { }

    QTcpSocket *client = nullptr;
    QTcpSocket *target = nullptr;
    State state = State::Greeting;
    QByteArray buffer; // handshake bytes not consumed yet
    QString requiredUser;
    QString requiredPassword;
    QString username;
    qsizetype request = -1; // index into the worker's requests
    bool opened = false;
    bool finished = false;
};

} // namespace

class TunnelProxyWorker : public QObject
{
public:
    TunnelProxyWorker(Protocol protocol, QObject *parent)
        : QObject(parent)
        , protocol(protocol)
        , server(new QTcpServer(this))
    {
        connect(server, &QTcpServer::pendingConnectionAvailable, this, &TunnelProxyWorker::onNewConnection);
    }

    bool start();
    void stop();

    const Protocol protocol;
    QTcpServer *server;
    QString username;
    QString password;
    QString errorString;
    int accepted = 0;
    int opened = 0;
    int authFailures = 0;
    qint64 bytesToTargets = 0;
    qint64 bytesFromTargets = 0;
    QList<TunnelProxy::Request> requests;
    QList<QPointer<Tunnel>> tunnels;

private:
    void onNewConnection();
    void onClientData(Tunnel *t);
    bool socksStep(Tunnel *t);
    bool httpStep(Tunnel *t);
    void openTunnel(Tunnel *t, const QString &host, quint16 port);
    void refuse(Tunnel *t, const QByteArray &answer, const QString &why);
    void relay(Tunnel *t, QTcpSocket *from, QTcpSocket *to, qint64 *counter);
    void onUnconnected(Tunnel *t);

    qsizetype record(Tunnel *t, const QString &host, quint16 port)
    {
        TunnelProxy::Request r;
        r.host = host;
        r.port = port;
        r.username = t->username;
        requests << r;
        t->request = requests.size() - 1;
        return t->request;
    }
};

bool TunnelProxyWorker::start()
{
    if (server->isListening()) {
        errorString = QStringLiteral("the proxy is already listening on port %1").arg(server->serverPort());
        return false;
    }
    if (protocol == Protocol::Socks5 && (username.toUtf8().size() > 255 || password.toUtf8().size() > 255)) {
        errorString = QStringLiteral("SOCKS5 credentials are limited to 255 bytes each (RFC 1929)");
        return false;
    }
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        errorString = QStringLiteral("cannot listen on 127.0.0.1: %1").arg(server->errorString());
        return false;
    }
    errorString.clear();
    return true;
}

void TunnelProxyWorker::stop()
{
    server->close();
    const QList<QPointer<Tunnel>> open = tunnels;
    for (const QPointer<Tunnel> &t : open) {
        if (!t || t->finished)
            continue;
        t->state = Tunnel::State::Closing;
        t->client->abort();
        if (t->target)
            t->target->abort();
        onUnconnected(t);
    }
}

void TunnelProxyWorker::onNewConnection()
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        ++accepted;
        auto *t = new Tunnel(this);
        tunnels << t;
        socket->setParent(t);
        t->client = socket;
        t->requiredUser = username;
        t->requiredPassword = password;
        socket->setReadBufferSize(ReadBufferSize);
        connect(socket, &QTcpSocket::readyRead, t, [this, t] { onClientData(t); });
        connect(socket, &QTcpSocket::bytesWritten, t, [this, t] {
            if (t->state == Tunnel::State::Relaying)
                relay(t, t->target, t->client, &bytesFromTargets);
        });
        connect(socket, &QTcpSocket::stateChanged, t, [this, t](QAbstractSocket::SocketState state) {
            if (state == QAbstractSocket::UnconnectedState)
                onUnconnected(t);
        });
    }
}

void TunnelProxyWorker::onClientData(Tunnel *t)
{
    switch (t->state) {
    case Tunnel::State::Relaying:
        relay(t, t->client, t->target, &bytesToTargets);
        return;
    case Tunnel::State::Connecting:
        return; // kept in the socket until the tunnel is open
    case Tunnel::State::Closing:
        t->client->readAll();
        return;
    default:
        break;
    }
    t->buffer += t->client->readAll();
    // Each step consumes one handshake message; stop when more bytes are needed.
    while (t->state != Tunnel::State::Closing && t->state != Tunnel::State::Connecting) {
        const bool progressed = protocol == Protocol::Socks5 ? socksStep(t) : httpStep(t);
        if (!progressed)
            break;
    }
}

bool TunnelProxyWorker::socksStep(Tunnel *t)
{
    const QByteArray &b = t->buffer;
    switch (t->state) {
    case Tunnel::State::Greeting: {
        if (b.size() < 2)
            return false;
        if (b.at(0) != Socks5Version) {
            refuse(t, {}, QStringLiteral("not a SOCKS5 greeting (version byte 0x%1)").arg(quint8(b.at(0)), 2, 16, QLatin1Char('0')));
            return false;
        }
        const int count = quint8(b.at(1));
        if (b.size() < 2 + count)
            return false;
        const QByteArray methods = b.mid(2, count);
        t->buffer.remove(0, 2 + count);
        const bool needAuth = !t->requiredUser.isEmpty();
        const quint8 wanted = needAuth ? MethodUsernamePassword : MethodNoAuthentication;
        if (!methods.contains(char(wanted))) {
            if (needAuth)
                ++authFailures;
            refuse(t, QByteArray(1, Socks5Version) + char(MethodNoneAcceptable),
                   QStringLiteral("the client offers no acceptable method (needs 0x%1)").arg(wanted, 2, 16, QLatin1Char('0')));
            return false;
        }
        t->client->write(QByteArray(1, Socks5Version) + char(wanted));
        t->state = needAuth ? Tunnel::State::Authenticating : Tunnel::State::Requesting;
        return true;
    }
    case Tunnel::State::Authenticating: {
        // RFC 1929: VER ULEN UNAME PLEN PASSWD.
        if (b.size() < 2)
            return false;
        const int userLength = quint8(b.at(1));
        if (b.size() < 3 + userLength)
            return false;
        const int passwordLength = quint8(b.at(2 + userLength));
        if (b.size() < 3 + userLength + passwordLength)
            return false;
        const QString user = QString::fromUtf8(b.mid(2, userLength));
        const QString pass = QString::fromUtf8(b.mid(3 + userLength, passwordLength));
        const bool versionOk = b.at(0) == PasswordAuthVersion;
        t->buffer.remove(0, 3 + userLength + passwordLength);
        if (!versionOk || user != t->requiredUser || pass != t->requiredPassword) {
            ++authFailures;
            refuse(t, QByteArray(1, PasswordAuthVersion) + char(0x01),
                   versionOk ? QStringLiteral("wrong username or password for \"%1\"").arg(user)
                             : QStringLiteral("bad username/password negotiation version"));
            return false;
        }
        t->username = user;
        t->client->write(QByteArray(1, PasswordAuthVersion) + char(0x00));
        t->state = Tunnel::State::Requesting;
        return true;
    }
    case Tunnel::State::Requesting: {
        if (b.size() < 5)
            return false;
        const bool versionOk = b.at(0) == Socks5Version;
        const quint8 command = quint8(b.at(1));
        const quint8 type = quint8(b.at(3));
        qsizetype addressLength = 0;
        if (type == AddressIPv4)
            addressLength = 4;
        else if (type == AddressDomainName)
            addressLength = 1 + quint8(b.at(4));
        else if (type == AddressIPv6)
            addressLength = 16;
        else {
            refuse(t, socksReply(ReplyAddressTypeNotSupported),
                   QStringLiteral("unknown address type 0x%1").arg(type, 2, 16, QLatin1Char('0')));
            return false;
        }
        const qsizetype total = 4 + addressLength + 2;
        if (b.size() < total)
            return false;
        QString host;
        if (type == AddressIPv4)
            host = QHostAddress(qFromBigEndian<quint32>(b.constData() + 4)).toString();
        else if (type == AddressDomainName)
            host = QString::fromLatin1(b.mid(5, addressLength - 1));
        else
            host = QHostAddress(reinterpret_cast<const quint8 *>(b.constData() + 4)).toString();
        const quint16 port = qFromBigEndian<quint16>(b.constData() + 4 + addressLength);
        t->buffer.remove(0, total);
        record(t, host, port);
        if (!versionOk) {
            refuse(t, socksReply(ReplyGeneralFailure), QStringLiteral("request with version byte other than 0x05"));
            return false;
        }
        if (command != CommandConnect) {
            refuse(t, socksReply(ReplyCommandNotSupported),
                   QStringLiteral("command 0x%1 is not supported (only CONNECT)").arg(command, 2, 16, QLatin1Char('0')));
            return false;
        }
        if (type == AddressIPv6) {
            refuse(t, socksReply(ReplyAddressTypeNotSupported), QStringLiteral("IPv6 addresses are not supported"));
            return false;
        }
        openTunnel(t, host, port);
        return false;
    }
    default:
        return false;
    }
}

bool TunnelProxyWorker::httpStep(Tunnel *t)
{
    const qsizetype end = t->buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (t->buffer.size() > MaxHttpHeadBytes) {
            refuse(t, httpResponse(431, "Request Header Fields Too Large", {}, true),
                   QStringLiteral("request head larger than %1 bytes").arg(MaxHttpHeadBytes));
        }
        return false;
    }
    const QByteArray head = t->buffer.left(end);
    t->buffer.remove(0, end + 4);
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        refuse(t, httpResponse(400, "Bad Request", {}, true),
               QStringLiteral("malformed request line \"%1\"").arg(QString::fromLatin1(lines.first().trimmed())));
        return false;
    }
    if (requestLine.at(0) != "CONNECT") {
        refuse(t, httpResponse(405, "Method Not Allowed", "Allow: CONNECT\r\n", true),
               QStringLiteral("method %1 is not supported (only CONNECT)").arg(QString::fromLatin1(requestLine.at(0))));
        return false;
    }
    QByteArray proxyAuthorization;
    bool clientCloses = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "proxy-authorization")
            proxyAuthorization = value;
        else if ((name == "connection" || name == "proxy-connection") && value.toLower() == "close")
            clientCloses = true;
    }

    // The authority form: host:port or [IPv6]:port.
    const QByteArray authority = requestLine.at(1);
    const qsizetype colon = authority.lastIndexOf(':');
    bool portOk = false;
    const uint portValue = colon > 0 ? authority.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = QString::fromLatin1(colon > 0 ? authority.left(colon) : authority);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (!portOk || portValue == 0 || portValue > 65535 || host.isEmpty()) {
        refuse(t, httpResponse(400, "Bad Request", {}, true),
               QStringLiteral("the target \"%1\" is not host:port").arg(QString::fromLatin1(authority)));
        return false;
    }
    const auto port = quint16(portValue);

    if (!t->requiredUser.isEmpty()) {
        QString user;
        QString pass;
        bool present = false;
        if (proxyAuthorization.left(6).toLower() == "basic ") {
            const QByteArray decoded = QByteArray::fromBase64(proxyAuthorization.mid(6).trimmed());
            const qsizetype separator = decoded.indexOf(':');
            if (separator >= 0) {
                present = true;
                user = QString::fromUtf8(decoded.left(separator));
                pass = QString::fromUtf8(decoded.mid(separator + 1));
            }
        }
        if (!present || user != t->requiredUser || pass != t->requiredPassword) {
            ++authFailures;
            const qsizetype index = record(t, host, port);
            requests[index].refusal = present ? QStringLiteral("wrong username or password for \"%1\"").arg(user)
                                              : QStringLiteral("no Basic Proxy-Authorization");
            t->client->write(httpResponse(407, "Proxy Authentication Required",
                                          "Proxy-Authenticate: Basic realm=\"MqttQt test proxy\"\r\n", clientCloses));
            if (clientCloses) {
                t->state = Tunnel::State::Closing;
                t->client->disconnectFromHost();
                return false;
            }
            return true; // the client may try again on this connection
        }
        t->username = user;
    }
    record(t, host, port);
    openTunnel(t, host, port);
    return false;
}

void TunnelProxyWorker::openTunnel(Tunnel *t, const QString &host, quint16 port)
{
    QHostAddress address;
    if (!loopbackTarget(host, &address)) {
        const QByteArray answer = protocol == Protocol::Socks5
            ? socksReply(ReplyNotAllowed)
            : httpResponse(403, "Forbidden", {}, true);
        refuse(t, answer, QStringLiteral("target %1:%2 is not on loopback").arg(host).arg(port));
        return;
    }
    t->state = Tunnel::State::Connecting;
    t->target = new QTcpSocket(t);
    t->target->setReadBufferSize(ReadBufferSize);
    connect(t->target, &QTcpSocket::connected, t, [this, t] {
        ++opened;
        t->opened = true;
        requests[t->request].granted = true;
        t->state = Tunnel::State::Relaying;
        t->client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        t->target->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (protocol == Protocol::Socks5)
            t->client->write(socksReply(ReplySucceeded, t->target->localAddress(), t->target->localPort()));
        else
            t->client->write(httpResponse(200, "Connection established", {}, false));
        // Bytes the client sent right after its request.
        if (!t->buffer.isEmpty()) {
            bytesToTargets += t->buffer.size();
            t->target->write(t->buffer);
            t->buffer.clear();
        }
        relay(t, t->client, t->target, &bytesToTargets);
    });
    connect(t->target, &QTcpSocket::readyRead, t, [this, t] { relay(t, t->target, t->client, &bytesFromTargets); });
    connect(t->target, &QTcpSocket::bytesWritten, t, [this, t] { relay(t, t->client, t->target, &bytesToTargets); });
    connect(t->target, &QTcpSocket::stateChanged, t, [this, t](QAbstractSocket::SocketState state) {
        if (state != QAbstractSocket::UnconnectedState)
            return;
        if (t->state == Tunnel::State::Connecting) {
            const bool refused = t->target->error() == QAbstractSocket::ConnectionRefusedError;
            const QByteArray answer = protocol == Protocol::Socks5
                ? socksReply(refused ? ReplyConnectionRefused : ReplyHostUnreachable)
                : httpResponse(502, "Bad Gateway", {}, true);
            refuse(t, answer, QStringLiteral("cannot connect to the target: %1").arg(t->target->errorString()));
            return;
        }
        onUnconnected(t);
    });
    t->target->connectToHost(address, port);
}

void TunnelProxyWorker::refuse(Tunnel *t, const QByteArray &answer, const QString &why)
{
    if (t->request >= 0 && requests[t->request].refusal.isEmpty() && !requests[t->request].granted)
        requests[t->request].refusal = why;
    t->state = Tunnel::State::Closing;
    // Unread input at close() would make the kernel answer with RST, which may overtake
    // the answer.
    t->client->readAll();
    if (!answer.isEmpty())
        t->client->write(answer);
    t->client->disconnectFromHost();
    onUnconnected(t);
}

void TunnelProxyWorker::relay(Tunnel *t, QTcpSocket *from, QTcpSocket *to, qint64 *counter)
{
    if (t->state != Tunnel::State::Relaying || to->state() != QAbstractSocket::ConnectedState)
        return;
    const qint64 room = HighWaterBytes - to->bytesToWrite();
    if (room <= 0)
        return;
    const QByteArray data = from->read(qMin(room, from->bytesAvailable()));
    if (data.isEmpty())
        return;
    *counter += data.size();
    to->write(data);
}

void TunnelProxyWorker::onUnconnected(Tunnel *t)
{
    if (t->finished)
        return;
    const bool clientDone = t->client->state() == QAbstractSocket::UnconnectedState;
    const bool targetDone = !t->target || t->target->state() == QAbstractSocket::UnconnectedState;
    if (t->state == Tunnel::State::Relaying) {
        // Deliver what the closing side sent, then close the other side.
        if (clientDone && t->target && t->client->bytesAvailable() > 0)
            t->target->write(t->client->readAll());
        if (targetDone && t->target && t->target->bytesAvailable() > 0 && !clientDone)
            t->client->write(t->target->readAll());
        t->state = Tunnel::State::Closing;
    }
    if (clientDone && !targetDone)
        t->target->disconnectFromHost();
    else if (targetDone && !clientDone && t->state == Tunnel::State::Closing)
        t->client->disconnectFromHost();
    if (t->client->state() == QAbstractSocket::UnconnectedState
        && (!t->target || t->target->state() == QAbstractSocket::UnconnectedState)) {
        t->finished = true;
        tunnels.removeAll(t);
        t->deleteLater();
    }
}

// TunnelProxy

TunnelProxy::TunnelProxy(Protocol protocol)
    : m_thread(std::make_unique<FixtureThread>(protocol == Protocol::Socks5 ? QStringLiteral("Socks5Proxy")
                                                                           : QStringLiteral("HttpConnectProxy")))
{
    m_thread->call([this, protocol] { m_worker = new TunnelProxyWorker(protocol, m_thread->context()); });
}

TunnelProxy::~TunnelProxy()
{
    m_thread->call([this] { m_worker->stop(); });
    m_thread.reset();
}

TunnelProxy::Protocol TunnelProxy::protocol() const
{
    return m_worker->protocol;
}

void TunnelProxy::setCredentials(const QString &username, const QString &password)
{
    m_thread->call([&] {
        m_worker->username = username;
        m_worker->password = password;
    });
}

bool TunnelProxy::start()
{
    bool ok = false;
    m_thread->call([&] { ok = m_worker->start(); });
    return ok;
}

void TunnelProxy::stop()
{
    m_thread->call([this] { m_worker->stop(); });
}

QString TunnelProxy::host() const
{
    return QStringLiteral("127.0.0.1");
}

quint16 TunnelProxy::port() const
{
    quint16 port = 0;
    m_thread->call([&] { port = m_worker->server->isListening() ? m_worker->server->serverPort() : 0; });
    return port;
}

QString TunnelProxy::errorString() const
{
    QString text;
    m_thread->call([&] { text = m_worker->errorString; });
    return text;
}

QNetworkProxy TunnelProxy::networkProxy(const QString &username, const QString &password) const
{
    return QNetworkProxy(protocol() == Protocol::Socks5 ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                         host(), port(), username, password);
}

int TunnelProxy::connectionsAccepted() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->accepted; });
    return n;
}

int TunnelProxy::tunnelsOpened() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->opened; });
    return n;
}

int TunnelProxy::openTunnels() const
{
    int n = 0;
    m_thread->call([&] {
        for (const QPointer<Tunnel> &t : std::as_const(m_worker->tunnels))
            n += (t && t->opened && !t->finished) ? 1 : 0;
    });
    return n;
}

int TunnelProxy::authenticationFailures() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->authFailures; });
    return n;
}

QList<TunnelProxy::Request> TunnelProxy::requests() const
{
    QList<Request> list;
    m_thread->call([&] { list = m_worker->requests; });
    return list;
}

qint64 TunnelProxy::bytesToTargets() const
{
    qint64 n = 0;
    m_thread->call([&] { n = m_worker->bytesToTargets; });
    return n;
}

qint64 TunnelProxy::bytesFromTargets() const
{
    qint64 n = 0;
    m_thread->call([&] { n = m_worker->bytesFromTargets; });
    return n;
}

Socks5Proxy::Socks5Proxy()
    : TunnelProxy(Protocol::Socks5)
{
}

HttpConnectProxy::HttpConnectProxy()
    : TunnelProxy(Protocol::HttpConnect)
{
}
