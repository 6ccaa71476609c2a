// Test support, not API: a scripted in-process MQTT broker for byte-exact transcripts.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <functional>
#include <vector>

class QTcpServer;
class QTcpSocket;

/*!
    A scripted MQTT broker on 127.0.0.1 that plays one side of a protocol transcript.

    A test builds a script of steps (what the client must send, what the broker answers,
    pauses, closes, new connections) and runs the client under test on the same event loop.
    The script runs asynchronously, driven by socket and timer events; waitForScript() spins
    the event loop until every step has passed, a step has failed, or time is up. The first
    failure stops the script and failure() tells which step failed, what was expected and
    what arrived, in hex.

    The script always begins by accepting the first client connection: when the first step
    added is not acceptConnection(), an acceptConnection() is inserted before it. Add
    acceptConnection() again for each reconnection the script expects; accepting a new
    connection drops the previous one. Connections made before the script reaches
    acceptConnection() wait in a queue, with whatever they send.

    Bytes the client sends after the last step are kept but not judged; add
    expectSilence() to require that nothing more arrives. Steps may be appended after
    waitForScript() returned, to continue the same transcript.

    \code
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect)
        .send(FakeBroker::hex("20 02 00 00"), QStringLiteral("CONNACK accepted"))
        .expect(FakeBroker::hex("c0 00"), QStringLiteral("PINGREQ"));
    client.connectToHost(broker.host(), broker.port());
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    \endcode
*/
class FakeBroker : public QObject
{
    Q_OBJECT

public:
    /*! MQTT control packet types (high nibble of the first byte). */
    enum PacketType : quint8 {
        Connect = 1,
        ConnAck = 2,
        Publish = 3,
        PubAck = 4,
        PubRec = 5,
        PubRel = 6,
        PubComp = 7,
        Subscribe = 8,
        SubAck = 9,
        Unsubscribe = 10,
        UnsubAck = 11,
        PingReq = 12,
        PingResp = 13,
        Disconnect = 14,
        Auth = 15,
    };

    /*!
        Checks one whole packet (fixed header included). Returns false and sets \a why to
        a readable reason when the packet is not acceptable.
    */
    using PacketCheck = std::function<bool(const QByteArray &packet, QString *why)>;

    /*! Creates a broker that is not listening yet, with an empty script. */
    explicit FakeBroker(QObject *parent = nullptr);
    /*! Closes every connection and the listening socket. */
    ~FakeBroker() override;

    /*!
        Starts listening on 127.0.0.1 on a free port. Returns false (with failure() set) if
        that is impossible. The script may be built before or after.
    */
    bool listen();
    /*! Returns the port listen() obtained, or 0 before. */
    quint16 port() const;
    /*! Returns the listening address: always "127.0.0.1". */
    QString host() const;

    /*!
        Waits for the next client connection and makes it the current one; the previous
        connection, if still open, is aborted. Bytes received, connection state and
        received() start afresh.
    */
    FakeBroker &acceptConnection(const QString &what = {});

    /*!
        The next bytes the client sends must be exactly \a bytes. They are compared as they
        arrive, so a wrong byte fails at once (the failure shows step, \a what, expected and
        received bytes in hex and the first differing offset). Fails if the client closes
        the connection before all of them arrived.
    */
    FakeBroker &expect(const QByteArray &bytes, const QString &what = {});

    /*!
        Reads one whole MQTT packet (fixed header with its variable byte integer remaining
        length, then the rest) and requires its type to be \a type. When \a check is set,
        it must accept the packet too. The packet is then available as lastPacket().
        Useful where bytes are not fully predictable, e.g. a generated client identifier.
    */
    FakeBroker &expectPacket(quint8 type, const PacketCheck &check = {}, const QString &what = {});

    /*! Reads one whole MQTT packet of any type, available afterwards as lastPacket(). */
    FakeBroker &expectAnyPacket(const QString &what = {});

    /*! Sends \a bytes to the client. Fails if the connection is closed. */
    FakeBroker &send(const QByteArray &bytes, const QString &what = {});

    /*!
        Sends the bytes \a make returns when the step runs, for replies that depend on
        earlier packets (see lastPacket()).
    */
    FakeBroker &sendWith(const std::function<QByteArray()> &make, const QString &what = {});

    /*!
        Calls \a action when the step runs, e.g. to make the client under test publish at
        an exact point of the transcript.
    */
    FakeBroker &run(const std::function<void()> &action, const QString &what = {});

    /*! Pauses the script for \a ms milliseconds. Bytes arriving meanwhile are kept for the
        next steps. */
    FakeBroker &wait(int ms);

    /*! Closes the current connection gracefully (FIN after pending data is written). */
    FakeBroker &closeConnection(const QString &what = {});

    /*! Resets the current connection (TCP RST, pending data discarded): an abrupt
        network failure as the client sees it. */
    FakeBroker &resetConnection(const QString &what = {});

    /*!
        The client must close the current connection within \a timeoutMs milliseconds,
        without sending anything more first (expect its DISCONNECT in an earlier step).
    */
    FakeBroker &expectClosed(int timeoutMs = 5000, const QString &what = {});

    /*!
        Nothing may arrive on the current connection for \a ms milliseconds, and the
        client must not close it; bytes already received but not yet consumed by a step
        fail this step too.
    */
    FakeBroker &expectSilence(int ms, const QString &what = {});

    /*!
        Spins the event loop until the script has finished or failed, at most \a timeoutMs
        milliseconds. Returns true only if every step passed. A timeout fails the script
        with a message that tells which step was waiting for what.
    */
    bool waitForScript(int timeoutMs = 10000);

    /*! Returns true when every step has passed. */
    bool isFinished() const;
    /*! Returns true once a step has failed (or waitForScript() timed out). */
    bool hasFailed() const;
    /*! Returns the first failure message, or an empty string. */
    QString failure() const;
    /*! Returns the index of the step the script is at (the number of steps passed). */
    int currentStep() const;
    /*! Returns the number of steps in the script. */
    int stepCount() const;
    /*! Returns every byte received on the current connection, consumed or not. */
    QByteArray received() const;
    /*! Returns the packet read by the last expectPacket() or expectAnyPacket() step. */
    QByteArray lastPacket() const;
    /*! Returns how many client connections have arrived, accepted by the script or not. */
    int connectionCount() const;
    /*! Returns true while the current connection is open. */
    bool isClientConnected() const;

    /*!
        Turns a hex string such as "10 0c 00 04 4d 51 54 54" into bytes. Whitespace is
        ignored; any other non-hex character or an odd number of digits is a programming
        error and aborts the test with a message.
    */
    static QByteArray hex(const QByteArray &text);
    /*! Returns the name of a packet type, e.g. "CONNECT" for 1. */
    static QString packetTypeName(quint8 type);

Q_SIGNALS:
    /*! Emitted when the last step of the script has passed. */
    void scriptFinished();
    /*! Emitted once when a step fails, with the same text as failure(). */
    void scriptFailed(const QString &failure);

private:
    enum class StepKind {
        Accept,
        Expect,
        ExpectPacket,
        Send,
        SendWith,
        Run,
        Wait,
        Close,
        Reset,
        ExpectClosed,
        ExpectSilence,
    };
    enum class Progress { Done, Waiting, Failed };

    struct Step
    {
        Step(StepKind kind, const QString &what) : kind(kind), what(what) { }

        StepKind kind;
        QString what;
        QByteArray bytes;
        quint8 packetType = 0;
        PacketCheck check;
        std::function<QByteArray()> make;
        std::function<void()> action;
        int ms = 0;
    };

    FakeBroker &addStep(Step step);
    void scheduleAdvance();
    void advance();
    Progress runStep(Step &step);
    Progress acceptNext();
    Progress expectBytes(const Step &step);
    Progress expectPacketStep(const Step &step);
    Progress sendBytes(const QByteArray &bytes);
    void armTimer(int ms);
    Progress fail(const QString &problem);
    QString describe(int index) const;
    void onReadyRead();
    void onDisconnected();
    void dropConnection();

    QTcpServer *m_server = nullptr;
    QPointer<QTcpSocket> m_socket;
    QTimer m_timer;
    std::vector<Step> m_steps;
    int m_current = 0;
    QByteArray m_received;
    QByteArray m_pending;
    QByteArray m_lastPacket;
    QString m_failure;
    int m_connectionCount = 0;
    int m_scriptConnections = 0;
    bool m_peerClosed = false;
    bool m_closedByBroker = false;
    bool m_timerArmed = false;
    bool m_timerExpired = false;
    bool m_advancing = false;
    bool m_advanceAgain = false;
    bool m_advanceQueued = false;
    bool m_finishedEmitted = false;
};
