// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTOOL_H
#define MQTTTOOL_H

// What mqtt-pub and mqtt-sub share: the mosquitto-style connection options, -D
// properties, -L URLs, the TLS options (one place: applyTransport()), exit codes and
// messages. Not a library API: the tools' own code.

#include <MqttQt/MqttClient>
#include <MqttQt/MqttConnectOptions>

#include <QtCore/QCommandLineOption>
#include <QtCore/QCommandLineParser>
#include <QtCore/QHash>
#include <QtCore/QSet>
#include <QtCore/QStringList>

namespace MqttTool {

// Exit codes, the same for both tools (listed in --help).
enum ExitCode : int {
    ExitSuccess = 0,
    ExitFailed = 1,       // could not connect, refused, connection lost, message refused
    ExitUsage = 2,        // bad, missing or conflicting options or values
    ExitInput = 3,        // the file or stdin cannot be read, or is too large
    ExitNotSupported = 4, // TLS or WebSocket options: this MqttQt version has no such transport
    ExitTimedOut = 27,    // mqtt-sub -W passed before -C messages arrived (as mosquitto_sub)
};

enum class Tool { Publish, Subscribe };

// -L, -h/-p and the TLS options as given; applyTransport() turns them into connect options.
struct TransportRequest
{
    QString scheme = QStringLiteral("mqtt"); // mqtt, mqtts, ws or wss
    QString path;                            // WebSocket path from -L
    QString caFile, caPath, certFile, keyFile, tlsVersion;
    bool insecure = false;
};

// The MQTT 5 properties given with -D, by the packet they go into.
struct PropertySet
{
    MqttProperties connect;
    MqttProperties publish;
    MqttProperties subscribe;
    MqttProperties will;
    bool any = false;
};

struct Settings
{
    MqttConnectOptions connect;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    QStringList topics; // -t, in order, with -L's topic first
    bool debug = false;
    bool quiet = false;
    PropertySet properties;
    TransportRequest transport;
};

// The command line of one tool: the common options plus the tool's own, -D taken out
// before QCommandLineParser sees the rest (it takes two or three values).
class CommandLine
{
public:
    CommandLine(Tool tool, const QString &description);

    // Registers one of the tool's own options.
    void addOption(const QCommandLineOption &option);
    // Parses \a arguments (argv as QStrings). Returns -1 to go on, or the exit code after
    // printing help, the version, or the error.
    int parse(const QStringList &arguments);
    // Fills \a settings from the common options; returns ExitSuccess or the exit code after
    // printing the reason.
    int readCommon(Settings *settings);

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }

private:
    int takeProperties(QStringList *arguments);
    QString helpText() const;

    Tool m_tool;
    QCommandLineParser m_parser;
    QSet<QString> m_takesValue;     // "-x" and "--xyz" spellings of options with a value
    QList<QStringList> m_properties; // each -D: command, identifier, value(s)

    QCommandLineOption m_help;
    QCommandLineOption m_version;
    QCommandLineOption m_host;
    QCommandLineOption m_port;
    QCommandLineOption m_id;
    QCommandLineOption m_idPrefix;
    QCommandLineOption m_keepAlive;
    QCommandLineOption m_qos;
    QCommandLineOption m_topic;
    QCommandLineOption m_username;
    QCommandLineOption m_password;
    QCommandLineOption m_protocol;
    QCommandLineOption m_debug;
    QCommandLineOption m_quiet;
    QCommandLineOption m_url;
    QCommandLineOption m_bind;
    QCommandLineOption m_property;
    QCommandLineOption m_willTopic;
    QCommandLineOption m_willPayload;
    QCommandLineOption m_willQos;
    QCommandLineOption m_willRetain;
    QCommandLineOption m_caFile;
    QCommandLineOption m_caPath;
    QCommandLineOption m_cert;
    QCommandLineOption m_key;
    QCommandLineOption m_insecure;
    QCommandLineOption m_tlsVersion;
};

// The one place where transports are chosen: TLS and WebSocket requests become connect
// options once MqttQt has those transports; this version refuses them (ExitNotSupported).
int applyTransport(const TransportRequest &request, MqttConnectOptions *options, QString *why);

// Prints "<tool>: message" on stderr and returns \a code.
int fail(int code, const QString &message);
// Prints a line on stderr (for -d).
void debugLine(const QString &line);

// The exit code for a failure the client reported (NotSupported: 4, Invalid: 2, others 1).
int exitCodeFor(Mqtt::ErrorCode error);

// Writes bytes to stdout and flushes them.
void writeOut(const QByteArray &bytes);

} // namespace MqttTool

#endif // MQTTTOOL_H
