// Test support, not API: a TCP relay that injects network faults between a client and a broker.
#pragma once

#include <QtCore/QList>
#include <QtCore/QString>

#include <memory>

class FaultProxyWorker;
class FixtureThread;

/*!
    A TCP relay on 127.0.0.1 (a free port) to a target, normally the MosquittoBroker fixture,
    that injects network faults on command: abrupt or graceful disconnection (now, or after
    N more bytes so the cut lands mid-packet), stalls, throttling, single-byte writes,
    refused connections, and a seeded random schedule of these.

    The client under test connects to host():port() instead of the broker; every accepted
    connection opens its own connection to the target and relays both directions. The relay
    runs in a thread of its own with its own event loop, so it keeps working while the
    test's thread is blocked. Every public method is thread-safe and takes effect before it
    returns.

    Relaying is flow-controlled: the proxy reads from one side only as fast as the other side
    accepts (at most 256 KiB waiting per direction), so a stalled or throttled direction
    pushes back on the sender's TCP window instead of filling memory. Both sockets of a
    connection have TCP_NODELAY set.

    Faults are per direction where that makes sense, apply to every connection (current and
    future) unless stated otherwise, and are recorded in events() with timestamps, along with
    connections opened and closed, so that a failing test can print eventLog().

    When one side closes its connection, the bytes it sent are still delivered (after any
    stall) and then the other side is closed gracefully.

    \code
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));
    client.connectToHost(proxy.host(), proxy.port());
    ...
    proxy.stall(FaultProxy::Direction::BrokerToClient, 3000);   // longer than the keep alive
    proxy.dropAfterBytes(FaultProxy::Direction::ClientToBroker, 5); // cut inside the next packet
    QVERIFY2(ok, qPrintable(proxy.eventLog()));
    \endcode
*/
class FaultProxy
{
public:
    /*! A direction of the relay; Both for faults that apply to the two at once. */
    enum class Direction : int {
        /*! Bytes the client sends, relayed to the target. */
        ClientToBroker = 1,
        /*! Bytes the target sends, relayed to the client. */
        BrokerToClient = 2,
        /*! Both of the above. */
        Both = ClientToBroker | BrokerToClient,
    };

    /*! How the proxy closes a connection it drops. */
    enum class CloseMode : int {
        /*! TCP RST (zero linger): the peer reads an error, unsent data is discarded. */
        Reset,
        /*! FIN after the bytes already relayed are written: the peer reads end of stream.
            Bytes the peer is still sending are discarded; if some are still arriving in
            the kernel at that moment, TCP itself answers them with RST after the FIN. */
        Graceful,
    };

    /*! What an entry of events() records. */
    enum class EventKind : int {
        /*! dropConnections(): amount is the number of connections closed. A fault. */
        DropConnections,
        /*! dropAfterBytes() armed a cut after amount bytes. A fault. */
        DropAfterBytes,
        /*! stall() began: amount is the duration in ms, -1 until resume(). A fault. */
        Stall,
        /*! setThrottle() with amount bytes/s (> 0). A fault. */
        Throttle,
        /*! setSingleByteWrites() turned single-byte writes on. A fault. */
        SingleByteWrites,
        /*! singleByteBurst() of amount bytes. A fault. */
        SingleByteBurst,
        /*! refuseConnections() for amount ms, -1 until acceptConnections(). A fault. */
        RefuseConnections,
        /*! A stall ended (its time was up, resume() or clearFaults()). */
        StallEnded,
        /*! setThrottle() with 0: full speed again. */
        ThrottleOff,
        /*! setSingleByteWrites() turned single-byte writes off. */
        SingleByteWritesOff,
        /*! Refusing ended (its time was up, acceptConnections() or clearFaults()). */
        AcceptingAgain,
        /*! A client connection was accepted (connection holds its number). */
        ConnectionOpened,
        /*! A connection ended; the text says who closed it. */
        ConnectionClosed,
        /*! An armed dropAfterBytes() cut a connection after amount bytes in direction. */
        ConnectionCut,
        /*! A connection was accepted and closed at once while refusing. */
        ConnectionRefused,
        /*! The connection to the target failed; the client connection was reset. */
        TargetUnreachable,
    };

    /*! One entry of the event log. */
    struct Event
    {
        /*! Milliseconds since the proxy was created (for plannedRandomFaults(): since
            startRandomFaults()). */
        qint64 timeMs = 0;
        /*! What happened. */
        EventKind kind = EventKind::DropConnections;
        /*! The direction concerned; Both when the event has none. */
        Direction direction = Direction::Both;
        /*! Bytes, milliseconds or bytes per second, depending on kind; 0 when unused. */
        qint64 amount = 0;
        /*! For DropConnections, DropAfterBytes, ConnectionCut and RefuseConnections. */
        CloseMode closeMode = CloseMode::Reset;
        /*! The connection's number (1 for the first accepted), 0 when not about one. */
        int connection = 0;
        /*! True when the random schedule injected this fault. */
        bool random = false;
        /*! A readable line, e.g. "1234 ms: stall client->broker for 500 ms (random)". */
        QString text;

        /*! Returns true when kind is one of the faults (counted by faultsInjected()). */
        bool isFault() const;
        /*! Returns true when kind, direction, amount and closeMode are equal: the same
            fault, whenever and wherever it happened. */
        bool sameFault(const Event &other) const;
    };

    /*!
        The random fault schedule: after a delay drawn in [minIntervalMs, maxIntervalMs] the
        proxy injects one fault drawn among the enabled kinds, then draws the next delay,
        and so on. Every draw comes from QRandomGenerator(seed) in a fixed order, so one seed
        always gives the same sequence of faults (see plannedRandomFaults()); what a fault
        then does depends on the traffic.
    */
    struct RandomFaults
    {
        /*! Seeds the generator. */
        quint32 seed = 1;
        /*! Shortest delay between two faults, in ms (at least 1). */
        int minIntervalMs = 50;
        /*! Longest delay between two faults, in ms. */
        int maxIntervalMs = 300;
        /*! dropAfterBytes() in a random direction after 1 to maxDropAfterBytes bytes,
            reset or graceful at random: a cut that most likely lands mid-packet. */
        bool dropMidPacket = true;
        /*! stall() of one direction or both for minStallMs to maxStallMs. */
        bool stalls = true;
        /*! singleByteBurst() of minBurstBytes to maxBurstBytes in a random direction. */
        bool singleByteBursts = true;
        /*! dropConnections(), reset or graceful at random. Off by default. */
        bool dropNow = false;
        /*! refuseConnections() for minRefuseMs to maxRefuseMs, reset or graceful at random.
            Off by default. */
        bool refusals = false;
        /*! Upper bound of a mid-packet cut, in bytes (at least 1). */
        qint64 maxDropAfterBytes = 64;
        /*! Shortest stall, in ms. */
        int minStallMs = 500;
        /*! Longest stall, in ms. */
        int maxStallMs = 2000;
        /*! Smallest single-byte burst, in bytes (at least 1). */
        qint64 minBurstBytes = 16;
        /*! Largest single-byte burst, in bytes. */
        qint64 maxBurstBytes = 256;
        /*! Shortest refusal period, in ms. */
        int minRefuseMs = 100;
        /*! Longest refusal period, in ms. */
        int maxRefuseMs = 1000;
    };

    /*! Creates a proxy that is not listening yet; its thread starts at once. */
    FaultProxy();
    /*! Closes every connection abruptly, stops listening and ends the thread. */
    ~FaultProxy();

    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    /*!
        Listens on 127.0.0.1 on a free port and relays each accepted connection to
        \a targetHost:\a targetPort. Returns false with errorString() set when listening is
        impossible or the proxy is already listening. The target is only contacted when a
        client connects.
    */
    bool start(const QString &targetHost, quint16 targetPort);
    /*! Stops listening and resets every open connection. Faults, counters and events stay.
        Does nothing when not listening. */
    void stop();
    /*! Returns true between a successful start() and stop(). */
    bool isListening() const;
    /*! Returns the listening address: always "127.0.0.1". */
    QString host() const;
    /*! Returns the listening port, or 0 when not listening. */
    quint16 port() const;
    /*! Returns why the last start() or startRandomFaults() failed. */
    QString errorString() const;

    /*! Closes every open connection now (both sides) with \a mode. Data held by a stall is
        discarded. */
    void dropConnections(CloseMode mode = CloseMode::Reset);
    /*!
        Arms a cut: each open connection is closed with \a mode (both sides) as soon as
        \a bytes more bytes have been relayed on it in \a direction (for Both: in whichever
        direction reaches the count first, counted separately). The \a bytes are written
        and flushed first, so the receiver gets exactly those bytes and then the close.
        When no connection is open, the next accepted connection is armed instead. 0 cuts
        at once. A new call replaces an armed cut in the same direction.
    */
    void dropAfterBytes(Direction direction, qint64 bytes, CloseMode mode = CloseMode::Reset);
    /*!
        Stops relaying in \a direction for \a durationMs milliseconds, or until resume()
        when negative: bytes are held and the sockets stay open. A stall of a direction
        that is already stalled replaces its end time.
    */
    void stall(Direction direction, int durationMs = -1);
    /*! Ends a stall of \a direction now; held bytes flow again. */
    void resume(Direction direction = Direction::Both);
    /*! Limits every connection to \a bytesPerSecond in \a direction (bursts of at most
        1/20 s worth of bytes); 0 removes the limit. */
    void setThrottle(Direction direction, qint64 bytesPerSecond);
    /*! While \a enabled, writes every byte in \a direction with a write and flush of its
        own, each in its own event loop pass, so the receiver sees many tiny TCP
        segments. */
    void setSingleByteWrites(Direction direction, bool enabled);
    /*! Writes the next \a bytes bytes of every open connection in \a direction one at a
        time, as setSingleByteWrites() does, then goes back to normal. */
    void singleByteBurst(Direction direction, qint64 bytes);
    /*!
        For \a durationMs milliseconds (or until acceptConnections() when negative), every
        new connection is accepted and closed at once with \a mode, before anything is
        relayed. Open connections are left alone.
    */
    void refuseConnections(int durationMs = -1, CloseMode mode = CloseMode::Reset);
    /*! Ends refuseConnections(). */
    void acceptConnections();
    /*! Removes every fault in effect: ends stalls and refusals, removes throttling and
        single-byte writes, disarms dropAfterBytes(). The random schedule keeps running. */
    void clearFaults();

    /*! Starts (or restarts from its seed) the random fault schedule. Returns false with
        errorString() set, and changes nothing, when no fault kind is enabled or a range is
        empty or negative. */
    bool startRandomFaults(const RandomFaults &options);
    /*! Stops the random schedule and then calls clearFaults(), so the link is clean. */
    void stopRandomFaults();
    /*! Returns true while the random schedule runs. */
    bool isRandomFaultsRunning() const;
    /*!
        Returns the first \a count faults the schedule injects for \a options, in order,
        without running anything: timeMs is the planned time since startRandomFaults().
        The random entries of events() match these with Event::sameFault().
    */
    static QList<Event> plannedRandomFaults(const RandomFaults &options, int count);

    /*! Returns how many connections were accepted, refused ones included. */
    int connectionsAccepted() const;
    /*! Returns how many connections were refused by refuseConnections(). */
    int connectionsRefused() const;
    /*! Returns how many relayed connections are open now. */
    int openConnections() const;
    /*! Returns the bytes relayed in \a direction over all connections (Both: the sum). */
    qint64 bytesRelayed(Direction direction) const;
    /*! Returns the write calls made in \a direction over all connections (Both: the
        sum). In single-byte mode each byte is one write. */
    qint64 writeCount(Direction direction) const;
    /*! Returns how many faults were injected (events() entries with isFault()). */
    int faultsInjected() const;
    /*! Returns the event log, oldest first; at most the last 100000 entries are kept. */
    QList<Event> events() const;
    /*! Returns the event log as text, one Event::text per line. */
    QString eventLog() const;

    /*! Returns "client->broker", "broker->client" or "both". */
    static QString directionName(Direction direction);

private:
    std::unique_ptr<FixtureThread> m_thread;
    FaultProxyWorker *m_worker = nullptr;
};
