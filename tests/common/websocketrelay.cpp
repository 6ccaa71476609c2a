// Test support, not API.
#include "websocketrelay.h"

#include "fixturethread_p.h"

#include <QtCore/QFile>
#include <QtCore/QPointer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketHandshakeOptions>
#include <QtWebSockets/QWebSocketServer>

namespace {

using Framing = WebSocketRelay::Framing;

// The relay reads from the target only while less than this waits to be sent to the client.
constexpr qint64 HighWaterBytes = 1024 * 1024;
constexpr qint64 ReadBufferSize = 64 * 1024;
// Large enough that QWebSocket never fragments one of our frames into continuation frames.
constexpr quint64 OutgoingFrameSize = 256 * 1024 * 1024;

// The whole length of the MQTT packet at the start of data (fixed header included), 0 when
// more bytes are needed, -1 when the remaining length is malformed [MQTT-1.5.5].
qsizetype packetLength(const char *data, qsizetype size)
{
    qsizetype remaining = 0;
    int shift = 0;
    for (qsizetype i = 1; i < size; ++i) {
        const auto byte = quint8(data[i]);
        remaining |= qsizetype(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0)
            return i + 1 + remaining;
        shift += 7;
        if (i == 4)
            return -1;
    }
    return 0;
}

QString checkOptions(const WebSocketRelay::Options &o)
{
    if (o.splitSize < 1)
        return QStringLiteral("splitSize must be at least 1, not %1").arg(o.splitSize);
    if (o.packCount < 1)
        return QStringLiteral("packCount must be at least 1, not %1").arg(o.packCount);
    if (o.packDelayMs < 1)
        return QStringLiteral("packDelayMs must be at least 1, not %1").arg(o.packDelayMs);
    if (o.maxRandomFrameSize < 1)
        return QStringLiteral("maxRandomFrameSize must be at least 1, not %1").arg(o.maxRandomFrameSize);
    if (o.certificatePath.isEmpty() != o.keyPath.isEmpty())
        return QStringLiteral("TLS needs both certificatePath and keyPath");
    return {};
}

class RelayConnection : public QObject
{
public:
    explicit RelayConnection(QObject *parent) : QObject(parent) { }

    QWebSocket *socket = nullptr;
    QTcpSocket *target = nullptr;
    QByteArray toTarget; // client bytes that arrived before the target connected
    QByteArray pending; // broker bytes not yet framed (SplitPackets, PackPackets)
    qsizetype packetLeft = 0; // SplitPackets: bytes of the current packet still to send
    QByteArray packed; // PackPackets: whole packets waiting for their frame
    int packedCount = 0;
    QTimer packTimer;
    QRandomGenerator generator;
    qint64 cutLeft = 0; // RandomCuts: bytes of the drawn frame still to send
    bool targetConnected = false;
    bool targetClosed = false;
    bool closing = false;
    bool finished = false;
};

} // namespace

class WebSocketRelayWorker : public QObject
{
public:
    explicit WebSocketRelayWorker(QObject *parent) : QObject(parent) { }

    bool start(const QString &targetHost, quint16 targetPort, const WebSocketRelay::Options &options);
    void stop();

    QWebSocketServer *server = nullptr;
    WebSocketRelay::Options options;
    QString errorString;
    int accepted = 0;
    int refused = 0;
    QList<WebSocketRelay::Handshake> handshakes;
    qint64 framesFromClients = 0;
    qint64 framesToClients = 0;
    qint64 bytesFromClients = 0;
    qint64 bytesToClients = 0;
    qint64 targetReads = 0;
    QList<int> frameSizes;
    QStringList problems;
    QList<QPointer<RelayConnection>> connections;

private:
    void onNewConnection();
    void pumpToClient(RelayConnection *c);
    void frame(RelayConnection *c, const QByteArray &chunk);
    void sendFrame(RelayConnection *c, const QByteArray &bytes);
    void flushPacked(RelayConnection *c);
    void closeClient(RelayConnection *c, QWebSocketProtocol::CloseCode code, const QString &reason);
    void checkFinished(RelayConnection *c);

    QString m_targetHost;
    quint16 m_targetPort = 0;
};

bool WebSocketRelayWorker::start(const QString &targetHost, quint16 targetPort,
                                 const WebSocketRelay::Options &newOptions)
{
    if (server && server->isListening()) {
        errorString = QStringLiteral("the relay is already listening on port %1").arg(server->serverPort());
        return false;
    }
    if (targetHost.isEmpty() || targetPort == 0) {
        errorString = QStringLiteral("invalid target \"%1:%2\"").arg(targetHost).arg(targetPort);
        return false;
    }
    const QString problem = checkOptions(newOptions);
    if (!problem.isEmpty()) {
        errorString = QStringLiteral("invalid options: ") + problem;
        return false;
    }

    const bool secure = !newOptions.certificatePath.isEmpty();
    QSslConfiguration tls;
    if (secure) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(newOptions.certificatePath);
        if (certificates.isEmpty()) {
            errorString = QStringLiteral("no PEM certificate could be read from %1").arg(newOptions.certificatePath);
            return false;
        }
        QFile keyFile(newOptions.keyPath);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            errorString = QStringLiteral("cannot read the key %1: %2").arg(newOptions.keyPath, keyFile.errorString());
            return false;
        }
        const QByteArray pem = keyFile.readAll();
        QSslKey key(pem, QSsl::Ec);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Rsa);
        if (key.isNull()) {
            errorString = QStringLiteral("%1 holds no unencrypted PEM EC or RSA private key").arg(newOptions.keyPath);
            return false;
        }
        tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(certificates.first());
        tls.setPrivateKey(key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    }

    delete server;
    server = new QWebSocketServer(QStringLiteral("MqttQt test relay"),
                                  secure ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (secure)
        server->setSslConfiguration(tls);
    server->setSupportedSubprotocols(newOptions.subprotocols);
    connect(server, &QWebSocketServer::newConnection, this, &WebSocketRelayWorker::onNewConnection);
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        errorString = QStringLiteral("cannot listen on 127.0.0.1: %1").arg(server->errorString());
        return false;
    }
    options = newOptions;
    m_targetHost = targetHost;
    m_targetPort = targetPort;
    errorString.clear();
    return true;
}

void WebSocketRelayWorker::stop()
{
    if (server)
        server->close();
    const QList<QPointer<RelayConnection>> open = connections;
    for (const QPointer<RelayConnection> &c : open) {
        if (!c || c->finished)
            continue;
        c->closing = true;
        c->packTimer.stop();
        c->socket->abort();
        c->target->abort();
        checkFinished(c);
    }
}

void WebSocketRelayWorker::onNewConnection()
{
    while (QWebSocket *socket = server->nextPendingConnection()) {
        ++accepted;
        WebSocketRelay::Handshake handshake;
        handshake.url = socket->requestUrl();
        handshake.path = handshake.url.path();
        const QNetworkRequest request = socket->request();
        for (const QByteArray &name : request.rawHeaderList())
            handshake.headers.append({name, request.rawHeader(name)});
        handshake.offeredSubprotocols = socket->handshakeOptions().subprotocols();
        handshake.acceptedSubprotocol = socket->subprotocol();

        auto *c = new RelayConnection(this);
        connections.append(c);
        socket->setParent(c);
        c->socket = socket;
        c->target = new QTcpSocket(c);
        c->target->setReadBufferSize(ReadBufferSize);
        c->socket->setOutgoingFrameSize(OutgoingFrameSize);
        c->generator.seed(options.seed);
        c->packTimer.setSingleShot(true);
        c->packTimer.setTimerType(Qt::PreciseTimer);
        connect(&c->packTimer, &QTimer::timeout, c, [this, c] { flushPacked(c); });

        connect(socket, &QWebSocket::binaryFrameReceived, c, [this, c](const QByteArray &bytes, bool) {
            ++framesFromClients;
            bytesFromClients += bytes.size();
            if (c->targetConnected)
                c->target->write(bytes);
            else
                c->toTarget += bytes;
        });
        connect(socket, &QWebSocket::textFrameReceived, c, [this, c](const QString &, bool) {
            const QString reason = QStringLiteral("MQTT over WebSocket needs binary frames, a text frame arrived [MQTT-6.0.0-1]");
            problems << reason;
            closeClient(c, QWebSocketProtocol::CloseCodeDatatypeNotSupported, reason);
        });
        connect(socket, &QWebSocket::bytesWritten, c, [this, c] { pumpToClient(c); });
        connect(socket, &QWebSocket::disconnected, c, [this, c] {
            c->closing = true;
            c->packTimer.stop();
            if (c->targetConnected)
                c->target->disconnectFromHost();
            else
                c->target->abort();
            checkFinished(c);
        });
        connect(c->target, &QTcpSocket::connected, c, [c] {
            c->targetConnected = true;
            c->target->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (!c->toTarget.isEmpty()) {
                c->target->write(c->toTarget);
                c->toTarget.clear();
            }
        });
        connect(c->target, &QTcpSocket::readyRead, c, [this, c] { pumpToClient(c); });
        connect(c->target, &QTcpSocket::stateChanged, c, [this, c](QAbstractSocket::SocketState state) {
            if (state != QAbstractSocket::UnconnectedState)
                return;
            if (c->closing) {
                checkFinished(c);
            } else if (!c->targetConnected) {
                const QString reason = QStringLiteral("cannot connect to the target %1:%2: %3")
                                           .arg(m_targetHost)
                                           .arg(m_targetPort)
                                           .arg(c->target->errorString());
                problems << reason;
                closeClient(c, QWebSocketProtocol::CloseCodeBadOperation, reason);
            } else {
                c->targetClosed = true;
                pumpToClient(c);
            }
        });

        const QStringList &offered = handshake.offeredSubprotocols;
        const bool offersSupported = std::any_of(offered.cbegin(), offered.cend(), [this](const QString &p) {
            return options.subprotocols.contains(p);
        });
        if (options.strictSubprotocol && !offersSupported) {
            ++refused;
            handshake.refused = true;
            handshakes.append(handshake);
            closeClient(c, QWebSocketProtocol::CloseCodeProtocolError,
                        QStringLiteral("no supported subprotocol offered (this server needs one of: %1)")
                            .arg(options.subprotocols.join(QStringLiteral(", "))));
            continue;
        }
        handshakes.append(handshake);
        c->target->connectToHost(m_targetHost, m_targetPort);
    }
}

void WebSocketRelayWorker::pumpToClient(RelayConnection *c)
{
    if (c->closing)
        return;
    while (c->target->bytesAvailable() > 0 && c->socket->bytesToWrite() < HighWaterBytes) {
        const QByteArray chunk = c->target->readAll();
        ++targetReads;
        frame(c, chunk);
        if (c->closing)
            return;
    }
    if (c->targetClosed && c->target->bytesAvailable() == 0) {
        flushPacked(c);
        if (!c->pending.isEmpty()) {
            problems << QStringLiteral("the broker closed the connection inside a packet; %1 bytes were sent unframed")
                            .arg(c->pending.size());
            sendFrame(c, c->pending);
            c->pending.clear();
        }
        closeClient(c, QWebSocketProtocol::CloseCodeNormal, QStringLiteral("the broker closed the connection"));
    }
}

void WebSocketRelayWorker::frame(RelayConnection *c, const QByteArray &chunk)
{
    switch (options.framing) {
    case Framing::PerChunk:
        sendFrame(c, chunk);
        return;
    case Framing::RandomCuts: {
        qsizetype at = 0;
        while (at < chunk.size()) {
            if (c->cutLeft == 0)
                c->cutLeft = c->generator.bounded(1, options.maxRandomFrameSize + 1);
            const qsizetype n = qMin(qsizetype(c->cutLeft), chunk.size() - at);
            sendFrame(c, chunk.mid(at, n));
            at += n;
            c->cutLeft -= n;
        }
        return;
    }
    case Framing::SplitPackets:
    case Framing::PackPackets:
        break;
    }

    c->pending += chunk;
    const char *data = c->pending.constData();
    const qsizetype size = c->pending.size();
    qsizetype at = 0;
    for (;;) {
        if (options.framing == Framing::SplitPackets && c->packetLeft > 0) {
            const qsizetype n = qMin(qsizetype(options.splitSize), c->packetLeft);
            if (size - at < n)
                break;
            sendFrame(c, c->pending.mid(at, n));
            at += n;
            c->packetLeft -= n;
            continue;
        }
        const qsizetype length = packetLength(data + at, size - at);
        if (length < 0) {
            const QString reason = QStringLiteral("malformed remaining length from the broker at stream offset %1: %2")
                                       .arg(bytesToClients)
                                       .arg(QString::fromLatin1(c->pending.mid(at, 5).toHex(' ')));
            problems << reason;
            closeClient(c, QWebSocketProtocol::CloseCodeBadOperation, reason);
            return;
        }
        if (length == 0)
            break;
        if (options.framing == Framing::SplitPackets) {
            c->packetLeft = length;
            continue;
        }
        if (size - at < length)
            break;
        c->packed += c->pending.mid(at, length);
        at += length;
        if (++c->packedCount == 1)
            c->packTimer.start(options.packDelayMs);
        if (c->packedCount >= options.packCount)
            flushPacked(c);
    }
    c->pending.remove(0, at);
}

void WebSocketRelayWorker::sendFrame(RelayConnection *c, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    c->socket->sendBinaryMessage(bytes);
    ++framesToClients;
    bytesToClients += bytes.size();
    frameSizes.append(int(bytes.size()));
}

void WebSocketRelayWorker::flushPacked(RelayConnection *c)
{
    c->packTimer.stop();
    if (c->packedCount == 0 || c->closing)
        return;
    sendFrame(c, c->packed);
    c->packed.clear();
    c->packedCount = 0;
}

void WebSocketRelayWorker::closeClient(RelayConnection *c, QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (c->closing)
        return;
    c->closing = true;
    c->packTimer.stop();
    // A close reason longer than 123 bytes does not fit in a control frame (RFC 6455, 5.5).
    c->socket->close(code, reason.left(120));
    if (c->targetConnected)
        c->target->disconnectFromHost();
    else
        c->target->abort();
    checkFinished(c);
}

void WebSocketRelayWorker::checkFinished(RelayConnection *c)
{
    if (c->finished || c->socket->state() != QAbstractSocket::UnconnectedState
        || c->target->state() != QAbstractSocket::UnconnectedState) {
        return;
    }
    c->finished = true;
    connections.removeAll(c);
    c->deleteLater();
}

// WebSocketRelay::Handshake

QByteArray WebSocketRelay::Handshake::header(const QByteArray &name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return entry.second;
    }
    return {};
}

// WebSocketRelay

WebSocketRelay::WebSocketRelay()
    : m_thread(std::make_unique<FixtureThread>(QStringLiteral("WebSocketRelay")))
{
    m_thread->call([this] { m_worker = new WebSocketRelayWorker(m_thread->context()); });
}

WebSocketRelay::~WebSocketRelay()
{
    m_thread->call([this] { m_worker->stop(); });
    m_thread.reset();
}

bool WebSocketRelay::start(const QString &targetHost, quint16 targetPort, const Options &options)
{
    bool ok = false;
    m_thread->call([&] { ok = m_worker->start(targetHost, targetPort, options); });
    return ok;
}

bool WebSocketRelay::start(const QString &targetHost, quint16 targetPort)
{
    return start(targetHost, targetPort, Options());
}

void WebSocketRelay::stop()
{
    m_thread->call([this] { m_worker->stop(); });
}

QString WebSocketRelay::host() const
{
    return QStringLiteral("127.0.0.1");
}

quint16 WebSocketRelay::port() const
{
    quint16 port = 0;
    m_thread->call([&] {
        if (m_worker->server && m_worker->server->isListening())
            port = m_worker->server->serverPort();
    });
    return port;
}

bool WebSocketRelay::isSecure() const
{
    bool secure = false;
    m_thread->call([&] {
        secure = m_worker->server && m_worker->server->secureMode() == QWebSocketServer::SecureMode;
    });
    return secure;
}

QUrl WebSocketRelay::url(const QString &path) const
{
    QUrl url;
    url.setScheme(isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(host());
    url.setPort(port());
    url.setPath(path);
    return url;
}

WebSocketRelay::Options WebSocketRelay::options() const
{
    Options copy;
    m_thread->call([&] { copy = m_worker->options; });
    return copy;
}

QString WebSocketRelay::errorString() const
{
    QString text;
    m_thread->call([&] { text = m_worker->errorString; });
    return text;
}

int WebSocketRelay::connectionsAccepted() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->accepted; });
    return n;
}

int WebSocketRelay::connectionsRefused() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->refused; });
    return n;
}

int WebSocketRelay::openConnections() const
{
    int n = 0;
    m_thread->call([&] { n = int(m_worker->connections.size()); });
    return n;
}

QList<WebSocketRelay::Handshake> WebSocketRelay::handshakes() const
{
    QList<Handshake> list;
    m_thread->call([&] { list = m_worker->handshakes; });
    return list;
}

qint64 WebSocketRelay::framesFromClients() const
{
    qint64 n = 0;
    m_thread->call([&] { n = m_worker->framesFromClients; });
    return n;
}

qint64 WebSocketRelay::framesToClients() const
{
    qint64 n = 0;
    m_thread->call([&] { n = m_worker->framesToClients; });
    return n;
}

qint64 WebSocketRelay::bytesFromClients() const
{
    qint64 n = 0;
    m_thread->call([&] { n = m_worker->bytesFromClients; });
    return n;
}

qint64 WebSocketRelay::bytesToClients() const
{
    qint64 n = 0;
    m_thread->call([&] { n = m_worker->bytesToClients; });
    return n;
}

qint64 WebSocketRelay::targetReads() const
{
    qint64 n = 0;
    m_thread->call([&] { n = m_worker->targetReads; });
    return n;
}

QList<int> WebSocketRelay::frameSizesToClients() const
{
    QList<int> list;
    m_thread->call([&] { list = m_worker->frameSizes; });
    return list;
}

QStringList WebSocketRelay::problems() const
{
    QStringList list;
    m_thread->call([&] { list = m_worker->problems; });
    return list;
}
