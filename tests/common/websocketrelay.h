// Test support, not API: a WebSocket server that relays MQTT to a TCP broker, re-cutting frames.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QPair>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <memory>

class FixtureThread;
class WebSocketRelayWorker;

/*!
    A WebSocket server on 127.0.0.1 (a free port, ws:// or wss://) that accepts MQTT over
    WebSocket clients and relays their byte stream to a TCP target, normally the
    MosquittoBroker fixture's tcpPort(), re-cutting the broker's stream into binary frames on
    purpose (see Framing) so that tests can prove a client does not assume MQTT packets are
    aligned on frame boundaries [MQTT-6.0.0-2].

    It negotiates the subprotocol with QWebSocketServer::setSupportedSubprotocols() (Qt 6.4):
    the first subprotocol the client offers that is in Options::subprotocols is accepted.
    Every handshake is recorded (path, headers, offered and accepted subprotocols). Frames
    are counted both ways; the size of every frame sent to clients is kept too.

    Client to broker, each binary frame's payload is written to the target as it arrives; a
    text frame is refused with close code 1003 [MQTT-6.0.0-1]. Broker to client, frames are
    cut as Options::framing says; every frame is a message of its own (FIN set, no
    continuation frames). When one side closes, the other is closed: the WebSocket with
    close code 1000 after pending frames are sent, the TCP connection gracefully.

    Like FaultProxy the relay runs in a thread of its own; every public method is
    thread-safe.

    \code
    WebSocketRelay relay;
    WebSocketRelay::Options options;
    options.framing = WebSocketRelay::Framing::SplitPackets;
    options.splitSize = 3;
    QVERIFY2(relay.start(broker.host(), broker.tcpPort(), options), qPrintable(relay.errorString()));
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({QStringLiteral("mqtt")});
    socket.open(relay.url(), handshake);
    \endcode
*/
class WebSocketRelay
{
public:
    /*! How the broker's byte stream is cut into frames for the client. */
    enum class Framing : int {
        /*! One frame per read from the target socket, as the bytes arrived. */
        PerChunk,
        /*! Every MQTT packet is sent in frames of Options::splitSize bytes (the last frame
            of a packet may be shorter); no frame holds bytes of two packets. */
        SplitPackets,
        /*! Whole MQTT packets are packed into frames: a frame is sent when it holds
            Options::packCount packets, or Options::packDelayMs after its first packet
            arrived, whichever is first. */
        PackPackets,
        /*! The stream is cut at offsets drawn from QRandomGenerator(Options::seed): frame
            sizes are drawn with bounded(1, maxRandomFrameSize + 1) in order, per
            connection. When the broker pauses before a drawn size is complete, the bytes
            so far go out as a frame and the rest of that drawn size follows in the next,
            so every drawn offset is a frame boundary. */
        RandomCuts,
    };

    /*! What start() configures. */
    struct Options
    {
        /*! How broker-to-client frames are cut. */
        Framing framing = Framing::PerChunk;
        /*! SplitPackets: bytes per frame (at least 1). */
        int splitSize = 16;
        /*! PackPackets: packets per frame (at least 1). */
        int packCount = 4;
        /*! PackPackets: the longest time a packet waits for company, in ms (at least 1). */
        int packDelayMs = 20;
        /*! RandomCuts: the generator's seed. */
        quint32 seed = 1;
        /*! RandomCuts: the largest frame (at least 1). */
        int maxRandomFrameSize = 512;
        /*! Subprotocols the server supports, in no particular order. */
        QStringList subprotocols = {QStringLiteral("mqtt")};
        /*! When true, a client that offers none of subprotocols is closed right after the
            handshake with close code 1002 (protocol error) and a reason saying so; when
            false it is served without a subprotocol. */
        bool strictSubprotocol = false;
        /*! PEM certificate for wss://; with keyPath set, the server speaks TLS. */
        QString certificatePath;
        /*! PEM private key (RSA or EC, unencrypted) matching certificatePath. */
        QString keyPath;
    };

    /*! What a client's opening handshake looked like. */
    struct Handshake
    {
        /*! The request's path, e.g. "/mqtt". */
        QString path;
        /*! The request's full URL as the server saw it. */
        QUrl url;
        /*! Every request header, in the order received (names as Qt reports them). */
        QList<QPair<QByteArray, QByteArray>> headers;
        /*! The subprotocols the client offered, in its order of preference. */
        QStringList offeredSubprotocols;
        /*! The subprotocol the server accepted, empty when none. */
        QString acceptedSubprotocol;
        /*! True when strict mode closed the connection for want of a subprotocol. */
        bool refused = false;

        /*! Returns the value of header \a name (case-insensitive), or a null QByteArray. */
        QByteArray header(const QByteArray &name) const;
    };

    /*! Creates a relay that is not listening yet; its thread starts at once. */
    WebSocketRelay();
    /*! Closes every connection, stops listening and ends the thread. */
    ~WebSocketRelay();

    WebSocketRelay(const WebSocketRelay &) = delete;
    WebSocketRelay &operator=(const WebSocketRelay &) = delete;

    /*!
        Validates \a options, loads the certificate and key when given, listens on
        127.0.0.1 on a free port and relays each client to \a targetHost:\a targetPort.
        Returns false with errorString() set on invalid options, unreadable certificate or
        key, or when listening fails or the relay is already listening.
    */
    bool start(const QString &targetHost, quint16 targetPort, const Options &options);
    /*! Starts with default Options: one frame per chunk, plain ws://, lenient
        subprotocol. */
    bool start(const QString &targetHost, quint16 targetPort);
    /*! Stops listening and aborts every connection. Counters and records stay. */
    void stop();
    /*! Returns the listening address: always "127.0.0.1". */
    QString host() const;
    /*! Returns the listening port, or 0 when not listening. */
    quint16 port() const;
    /*! Returns true when the relay speaks TLS (wss://). */
    bool isSecure() const;
    /*! Returns "ws://127.0.0.1:port" or "wss://..." followed by \a path. */
    QUrl url(const QString &path = QStringLiteral("/mqtt")) const;
    /*! Returns the options of the last successful start(). */
    Options options() const;
    /*! Returns why the last start() failed. */
    QString errorString() const;

    /*! Returns how many WebSocket clients completed the handshake. */
    int connectionsAccepted() const;
    /*! Returns how many of them strict mode refused. */
    int connectionsRefused() const;
    /*! Returns how many client connections are open now. */
    int openConnections() const;
    /*! Returns every handshake so far, oldest first. */
    QList<Handshake> handshakes() const;
    /*! Returns the binary frames received from clients. */
    qint64 framesFromClients() const;
    /*! Returns the binary frames sent to clients. */
    qint64 framesToClients() const;
    /*! Returns the payload bytes received from clients. */
    qint64 bytesFromClients() const;
    /*! Returns the payload bytes sent to clients. */
    qint64 bytesToClients() const;
    /*! Returns how many reads from the target delivered bytes (PerChunk sends exactly this
        many frames). */
    qint64 targetReads() const;
    /*! Returns the payload size of every frame sent to clients, in order over all
        connections. */
    QList<int> frameSizesToClients() const;
    /*! Returns problems met while relaying (text frames, malformed MQTT from the target,
        unreachable target), one line each. */
    QStringList problems() const;

private:
    std::unique_ptr<FixtureThread> m_thread;
    WebSocketRelayWorker *m_worker = nullptr;
};
