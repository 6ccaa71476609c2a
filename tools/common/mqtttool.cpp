// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttool.h"

#include <MqttQt/MqttQtGlobal>

#include <QtCore/QCoreApplication>
#include <QtNetwork/QSslCertificate>
#include <QtCore/QUrl>

#include <cstdio>

namespace MqttTool {

namespace {

bool quiet = false; // --quiet: no messages on stderr

QCommandLineOption option(const QStringList &names, const QString &description, const QString &valueName = {})
{
    return QCommandLineOption(names, description, valueName);
}

// MQTT 5 property names as mosquitto's -D spells them.
struct PropertyName
{
    const char *name;
    Mqtt::PropertyId id;
};
constexpr PropertyName PropertyNames[] = {
    { "payload-format-indicator", Mqtt::PropertyId::PayloadFormatIndicator },
    { "message-expiry-interval", Mqtt::PropertyId::MessageExpiryInterval },
    { "content-type", Mqtt::PropertyId::ContentType },
    { "response-topic", Mqtt::PropertyId::ResponseTopic },
    { "correlation-data", Mqtt::PropertyId::CorrelationData },
    { "subscription-identifier", Mqtt::PropertyId::SubscriptionIdentifier },
    { "session-expiry-interval", Mqtt::PropertyId::SessionExpiryInterval },
    { "authentication-method", Mqtt::PropertyId::AuthenticationMethod },
    { "authentication-data", Mqtt::PropertyId::AuthenticationData },
    { "request-problem-information", Mqtt::PropertyId::RequestProblemInformation },
    { "will-delay-interval", Mqtt::PropertyId::WillDelayInterval },
    { "request-response-information", Mqtt::PropertyId::RequestResponseInformation },
    { "receive-maximum", Mqtt::PropertyId::ReceiveMaximum },
    { "topic-alias-maximum", Mqtt::PropertyId::TopicAliasMaximum },
    { "user-property", Mqtt::PropertyId::UserProperty },
    { "maximum-packet-size", Mqtt::PropertyId::MaximumPacketSize },
};

// Which properties each -D command may set (what a client may send in that packet).
QStringList allowedFor(const QString &command)
{
    if (command == QLatin1String("connect"))
        return { QStringLiteral("session-expiry-interval"), QStringLiteral("receive-maximum"),
                 QStringLiteral("maximum-packet-size"), QStringLiteral("topic-alias-maximum"),
                 QStringLiteral("request-response-information"), QStringLiteral("request-problem-information"),
                 QStringLiteral("authentication-method"), QStringLiteral("authentication-data"),
                 QStringLiteral("user-property") };
    if (command == QLatin1String("publish"))
        return { QStringLiteral("payload-format-indicator"), QStringLiteral("message-expiry-interval"),
                 QStringLiteral("content-type"), QStringLiteral("response-topic"), QStringLiteral("correlation-data"),
                 QStringLiteral("user-property") };
    if (command == QLatin1String("subscribe"))
        return { QStringLiteral("subscription-identifier"), QStringLiteral("user-property") };
    if (command == QLatin1String("will"))
        return { QStringLiteral("payload-format-indicator"), QStringLiteral("message-expiry-interval"),
                 QStringLiteral("content-type"), QStringLiteral("response-topic"), QStringLiteral("correlation-data"),
                 QStringLiteral("will-delay-interval"), QStringLiteral("user-property") };
    return {};
}

// Sets one -D property; returns an empty string or why it cannot be set.
QString setProperty(MqttProperties *props, const QString &identifier, const QStringList &values)
{
    Mqtt::PropertyId id{};
    bool known = false;
    for (const PropertyName &p : PropertyNames) {
        if (identifier == QLatin1String(p.name)) {
            id = p.id;
            known = true;
        }
    }
    if (!known)
        return QStringLiteral("unknown property \"%1\"").arg(identifier);
    if (id == Mqtt::PropertyId::UserProperty) {
        if (!props->addUserProperty(values.at(0), values.at(1)))
            return QStringLiteral("user-property name or value is longer than 65,535 bytes");
        return {};
    }
    const QString &value = values.at(0);
    switch (Mqtt::propertyType(id)) {
    case Mqtt::PropertyType::Byte:
    case Mqtt::PropertyType::TwoByteInteger:
    case Mqtt::PropertyType::FourByteInteger:
    case Mqtt::PropertyType::VariableByteInteger: {
        bool ok = false;
        const quint32 n = value.toUInt(&ok);
        if (!ok)
            return QStringLiteral("%1 needs a whole number, not \"%2\"").arg(identifier, value);
        const bool set = id == Mqtt::PropertyId::SubscriptionIdentifier ? props->addSubscriptionIdentifier(n)
                                                                          : props->setInteger(id, n);
        if (!set)
            return QStringLiteral("%1 %2 is out of range").arg(identifier, value);
        return {};
    }
    case Mqtt::PropertyType::Utf8String:
        if (!props->setString(id, value))
            return QStringLiteral("%1 is longer than 65,535 bytes").arg(identifier);
        return {};
    case Mqtt::PropertyType::BinaryData:
        if (!props->setBinary(id, value.toUtf8()))
            return QStringLiteral("%1 is longer than 65,535 bytes").arg(identifier);
        return {};
    default:
        return QStringLiteral("property \"%1\" cannot be set").arg(identifier);
    }
}

bool parseInt(const QString &text, int low, int high, int *out)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < low || n > high)
        return false;
    *out = n;
    return true;
}

} // namespace

CommandLine::CommandLine(Tool tool, const QString &description)
    : m_tool(tool),
      m_help(QStringList{ QStringLiteral("help") }, QStringLiteral("Show this help and exit.")),
      m_version(QStringList{ QStringLiteral("version") }, QStringLiteral("Show the version and exit.")),
      m_host(option({ QStringLiteral("h"), QStringLiteral("host") }, QStringLiteral("Broker host. Default localhost."),
                    QStringLiteral("host"))),
      m_port(option({ QStringLiteral("p"), QStringLiteral("port") }, QStringLiteral("Broker port. Default 1883, 8883 with TLS."),
                    QStringLiteral("port"))),
      m_id(option({ QStringLiteral("i"), QStringLiteral("id") },
                  QStringLiteral("Client id. Default: a generated one."), QStringLiteral("id"))),
      m_idPrefix(option({ QStringLiteral("I"), QStringLiteral("id-prefix") },
                        QStringLiteral("Client id made of <prefix> and the process id."), QStringLiteral("prefix"))),
      m_keepAlive(option({ QStringLiteral("k"), QStringLiteral("keepalive") },
                         QStringLiteral("Keepalive in seconds, 0 for none. Default 60."), QStringLiteral("seconds"))),
      m_qos(option({ QStringLiteral("q"), QStringLiteral("qos") },
                   tool == Tool::Publish ? QStringLiteral("QoS of the messages: 0, 1 or 2. Default 0.")
                                         : QStringLiteral("QoS of the subscriptions: 0, 1 or 2. Default 0."),
                   QStringLiteral("qos"))),
      m_topic(option({ QStringLiteral("t"), QStringLiteral("topic") },
                     tool == Tool::Publish ? QStringLiteral("Topic to publish to.")
                                           : QStringLiteral("Topic filter to subscribe to; repeat for several."),
                     QStringLiteral("topic"))),
      m_username(option({ QStringLiteral("u"), QStringLiteral("username") }, QStringLiteral("User name."),
                        QStringLiteral("username"))),
      m_password(option({ QStringLiteral("P"), QStringLiteral("pw") }, QStringLiteral("Password."),
                        QStringLiteral("password"))),
      m_protocol(option({ QStringLiteral("V"), QStringLiteral("protocol-version") },
                        QStringLiteral("MQTT version: 31, 311 or 5 (also mqttv31, mqttv311, mqttv5). Default 311."),
                        QStringLiteral("version"))),
      m_debug(option({ QStringLiteral("d"), QStringLiteral("debug") },
                     QStringLiteral("Print what the client does on stderr."))),
      m_quiet(option({ QStringLiteral("quiet") }, QStringLiteral("Print no error messages (the exit code remains)."))),
      m_url(option({ QStringLiteral("L"), QStringLiteral("url") },
                   QStringLiteral("Broker URL instead of -h, -p, -u, -P: mqtt://[user[:password]@]host[:port]/topic; "
                                  "mqtts:// (TLS), ws:// and wss:// (WebSocket, the path is the WebSocket path) "
                                  "need transports this version does not have (exit code 4)."),
                   QStringLiteral("url"))),
      m_bind(option({ QStringLiteral("A") }, QStringLiteral("Local address to bind to."), QStringLiteral("address"))),
      m_property(option({ QStringLiteral("D"), QStringLiteral("property") },
                        tool == Tool::Publish
                                ? QStringLiteral("MQTT 5 property (needs -V 5): connect, publish or will, then the "
                                                 "property name and value, e.g. -D publish user-property name value. "
                                                 "Repeat for several.")
                                : QStringLiteral("MQTT 5 property (needs -V 5): connect, subscribe or will, then the "
                                                 "property name and value, e.g. -D subscribe subscription-identifier 7. "
                                                 "Repeat for several."),
                        QStringLiteral("command> <name> <value"))),
      m_willTopic(option({ QStringLiteral("will-topic") }, QStringLiteral("Topic of the last will."),
                         QStringLiteral("topic"))),
      m_willPayload(option({ QStringLiteral("will-payload") }, QStringLiteral("Payload of the last will."),
                           QStringLiteral("payload"))),
      m_willQos(option({ QStringLiteral("will-qos") }, QStringLiteral("QoS of the last will. Default 0."),
                       QStringLiteral("qos"))),
      m_willRetain(option({ QStringLiteral("will-retain") }, QStringLiteral("Retain the last will."))),
      m_caFile(option({ QStringLiteral("cafile") }, QStringLiteral("TLS: CA certificates file."),
                      QStringLiteral("file"))),
      m_caPath(option({ QStringLiteral("capath") }, QStringLiteral("TLS: CA certificates directory."),
                      QStringLiteral("dir"))),
      m_cert(option({ QStringLiteral("cert") }, QStringLiteral("TLS: client certificate."),
                    QStringLiteral("file"))),
      m_key(option({ QStringLiteral("key") }, QStringLiteral("TLS: client private key."),
                   QStringLiteral("file"))),
      m_insecure(option({ QStringLiteral("insecure") },
                        QStringLiteral("TLS: do not check the server's host name."))),
      m_tlsVersion(option({ QStringLiteral("tls-version") }, QStringLiteral("TLS: protocol version."),
                          QStringLiteral("version")))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    for (const QCommandLineOption *o :
         { &m_help, &m_version, &m_host, &m_port, &m_id, &m_idPrefix, &m_keepAlive, &m_qos, &m_topic, &m_username,
           &m_password, &m_protocol, &m_debug, &m_quiet, &m_url, &m_bind, &m_property, &m_willTopic, &m_willPayload,
           &m_willQos, &m_willRetain, &m_caFile, &m_caPath, &m_cert, &m_key, &m_insecure, &m_tlsVersion }) {
        addOption(*o);
    }
}

void CommandLine::addOption(const QCommandLineOption &option)
{
    m_parser.addOption(option);
    if (option.valueName().isEmpty())
        return;
    for (const QString &name : option.names())
        m_takesValue.insert(name.size() == 1 ? QString(QLatin1Char('-') + name) : QString(QStringLiteral("--") + name));
}

int CommandLine::takeProperties(QStringList *arguments)
{
    QStringList rest;
    for (qsizetype i = 0; i < arguments->size(); ++i) {
        const QString &a = arguments->at(i);
        if (i == 0 || a == QLatin1String("--")) {
            rest.append(a);
            if (a == QLatin1String("--")) {
                rest.append(arguments->mid(i + 1));
                break;
            }
            continue;
        }
        if (a == QLatin1String("-D") || a == QLatin1String("--property")) {
            if (i + 2 >= arguments->size())
                return fail(ExitUsage, QStringLiteral("%1 needs a command, a property name and a value").arg(a));
            const QString identifier = arguments->at(i + 2);
            const int values = identifier == QLatin1String("user-property") ? 2 : 1;
            if (i + 2 + values >= arguments->size())
                return fail(ExitUsage, QStringLiteral("%1 %2 %3 needs %4")
                                               .arg(a, arguments->at(i + 1), identifier,
                                                    values == 2 ? QStringLiteral("a name and a value")
                                                                : QStringLiteral("a value")));
            m_properties.append(arguments->mid(i + 1, 2 + values));
            i += 2 + values;
            continue;
        }
        rest.append(a);
        if (m_takesValue.contains(a) && i + 1 < arguments->size())
            rest.append(arguments->at(++i));
    }
    *arguments = rest;
    return -1;
}

QString CommandLine::helpText() const
{
    QString text = m_parser.helpText();
    text += QStringLiteral(
            "\nExit codes:\n"
            "  0   success\n"
            "  1   could not connect, the broker refused the connection, a message or a\n"
            "      subscription, or the connection was lost\n"
            "  2   bad, missing or conflicting options or values\n"
            "  3   a file (message, certificate, key) or stdin cannot be read, or the\n"
            "      message is too large\n"
            "  4   not supported: -D disconnect properties\n");
    if (m_tool == Tool::Subscribe)
        text += QStringLiteral("  27  -W seconds passed before -C messages arrived\n");
    return text;
}

int CommandLine::parse(const QStringList &arguments)
{
    quiet = arguments.contains(QStringLiteral("--quiet"));
    QStringList args = arguments;
    const int taken = takeProperties(&args);
    if (taken >= 0)
        return taken;
    if (!m_parser.parse(args))
        return fail(ExitUsage, m_parser.errorText() + QStringLiteral(" (see --help)"));
    if (m_parser.isSet(m_help)) {
        writeOut(helpText().toUtf8());
        return ExitSuccess;
    }
    if (m_parser.isSet(m_version)) {
        writeOut(QStringLiteral("%1 (MqttQt %2, Qt %3)\n")
                         .arg(QCoreApplication::applicationName(), QStringLiteral(MQTTQT_VERSION_STR),
                              QString::fromLatin1(qVersion()))
                         .toUtf8());
        return ExitSuccess;
    }
    if (m_parser.isSet(m_property)) // a form the -D scan does not take, e.g. --property=connect
        return fail(ExitUsage, QStringLiteral("-D takes the command, the property name and the value as separate "
                                              "arguments: -D publish user-property name value"));
    if (!m_parser.positionalArguments().isEmpty())
        return fail(ExitUsage, QStringLiteral("unexpected argument \"%1\" (see --help)")
                                       .arg(m_parser.positionalArguments().first()));
    return -1;
}

int CommandLine::readCommon(Settings *s)
{
    s->debug = m_parser.isSet(m_debug);
    s->quiet = m_parser.isSet(m_quiet);
    MqttConnectOptions &c = s->connect;

    // Where: -L, or -h and -p.
    if (m_parser.isSet(m_url)) {
        for (const QCommandLineOption *o : { &m_host, &m_port, &m_username, &m_password }) {
            if (m_parser.isSet(*o))
                return fail(ExitUsage, QStringLiteral("-L cannot be combined with -%1").arg(o->names().first()));
        }
        const QUrl url(m_parser.value(m_url), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty())
            return fail(ExitUsage, QStringLiteral("-L: \"%1\" is not a broker URL").arg(m_parser.value(m_url)));
        if (scheme != QLatin1String("mqtt") && scheme != QLatin1String("mqtts") && scheme != QLatin1String("ws")
            && scheme != QLatin1String("wss")) {
            return fail(ExitUsage, QStringLiteral("-L: the scheme must be mqtt, mqtts, ws or wss, not \"%1\"").arg(scheme));
        }
        s->transport.scheme = scheme;
        const int defaultPort = scheme == QLatin1String("mqtt") ? 1883
                : scheme == QLatin1String("mqtts")             ? 8883
                : scheme == QLatin1String("ws")                ? 80
                                                               : 443;
        c.setHost(url.host());
        c.setPort(url.port(defaultPort));
        if (!url.userName().isEmpty())
            c.setUsername(url.userName());
        if (!url.password().isEmpty())
            c.setPassword(url.password().toUtf8());
        const QString path = url.path(QUrl::FullyDecoded);
        if (scheme.startsWith(QLatin1String("ws"))) {
            s->transport.path = path.isEmpty() ? QStringLiteral("/") : path;
        } else if (path.size() > 1) {
            s->topics.append(path.mid(1));
        }
    } else {
        c.setHost(m_parser.isSet(m_host) ? m_parser.value(m_host) : QStringLiteral("localhost"));
        if (c.host().isEmpty())
            return fail(ExitUsage, QStringLiteral("-h: the host is empty"));
        // As mosquitto_pub: 8883 when a TLS option is given.
        const bool tls = m_parser.isSet(m_caFile) || m_parser.isSet(m_caPath) || m_parser.isSet(m_cert)
                || m_parser.isSet(m_insecure) || m_parser.isSet(m_tlsVersion);
        int port = tls ? 8883 : 1883;
        if (m_parser.isSet(m_port) && !parseInt(m_parser.value(m_port), 1, 65535, &port))
            return fail(ExitUsage, QStringLiteral("-p: the port must be 1..65535, not \"%1\"").arg(m_parser.value(m_port)));
        c.setPort(port);
        if (m_parser.isSet(m_username))
            c.setUsername(m_parser.value(m_username));
        if (m_parser.isSet(m_password))
            c.setPassword(m_parser.value(m_password).toUtf8());
    }
    s->transport.caFile = m_parser.value(m_caFile);
    s->transport.caPath = m_parser.value(m_caPath);
    s->transport.certFile = m_parser.value(m_cert);
    s->transport.keyFile = m_parser.value(m_key);
    s->transport.tlsVersion = m_parser.value(m_tlsVersion);
    s->transport.insecure = m_parser.isSet(m_insecure);

    // Who and how.
    if (m_parser.isSet(m_id) && m_parser.isSet(m_idPrefix))
        return fail(ExitUsage, QStringLiteral("-i and -I cannot be combined"));
    if (m_parser.isSet(m_id)) {
        if (m_parser.value(m_id).isEmpty())
            return fail(ExitUsage, QStringLiteral("-i: the client id is empty"));
        c.setClientId(m_parser.value(m_id));
    } else if (m_parser.isSet(m_idPrefix)) {
        c.setClientId(m_parser.value(m_idPrefix) + QString::number(QCoreApplication::applicationPid()));
    }
    if (m_parser.isSet(m_keepAlive)) {
        int keepAlive = 0;
        if (!parseInt(m_parser.value(m_keepAlive), 0, 65535, &keepAlive))
            return fail(ExitUsage, QStringLiteral("-k: keepalive must be 0..65535 seconds, not \"%1\"")
                                           .arg(m_parser.value(m_keepAlive)));
        c.setKeepAlive(keepAlive);
    }
    if (m_parser.isSet(m_qos)) {
        int qos = 0;
        if (!parseInt(m_parser.value(m_qos), 0, 2, &qos))
            return fail(ExitUsage, QStringLiteral("-q: QoS must be 0, 1 or 2, not \"%1\"").arg(m_parser.value(m_qos)));
        s->qos = Mqtt::QoS(qos);
    }
    if (m_parser.isSet(m_protocol)) {
        const QString v = m_parser.value(m_protocol);
        if (v == QLatin1String("31") || v == QLatin1String("mqttv31"))
            c.setProtocolVersion(Mqtt::ProtocolVersion::V3_1);
        else if (v == QLatin1String("311") || v == QLatin1String("mqttv311"))
            c.setProtocolVersion(Mqtt::ProtocolVersion::V3_1_1);
        else if (v == QLatin1String("5") || v == QLatin1String("mqttv5"))
            c.setProtocolVersion(Mqtt::ProtocolVersion::V5);
        else
            return fail(ExitUsage, QStringLiteral("-V: the protocol version must be 31, 311 or 5, not \"%1\"").arg(v));
    }
    const bool v5 = c.protocolVersion() == Mqtt::ProtocolVersion::V5;
    if (!c.password().isNull() && c.username().isNull() && !v5)
        return fail(ExitUsage, QStringLiteral("-P needs -u: MQTT 3.x allows a password only with a user name"));
    if (m_parser.isSet(m_bind))
        c.setBindAddress(m_parser.value(m_bind));
    for (const QString &t : m_parser.values(m_topic))
        s->topics.append(t);

    // -D properties.
    PropertySet &props = s->properties;
    for (const QStringList &p : std::as_const(m_properties)) {
        const QString &command = p.at(0);
        const QString &identifier = p.at(1);
        const bool forTool = command == QLatin1String("connect") || command == QLatin1String("will")
                || command == QLatin1String(m_tool == Tool::Publish ? "publish" : "subscribe");
        if (command == QLatin1String("disconnect") || command == QLatin1String("auth")
            || (m_tool == Tool::Subscribe && command == QLatin1String("unsubscribe"))) {
            return fail(ExitNotSupported, QStringLiteral("-D %1 properties are not supported: the tools disconnect without properties").arg(command));
        }
        if (!forTool)
            return fail(ExitUsage, QStringLiteral("-D: the command must be connect, %1 or will, not \"%2\"")
                                           .arg(m_tool == Tool::Publish ? QStringLiteral("publish")
                                                                        : QStringLiteral("subscribe"),
                                                command));
        if (!allowedFor(command).contains(identifier)) {
            const bool known = std::any_of(std::begin(PropertyNames), std::end(PropertyNames),
                                           [&identifier](const PropertyName &n) { return identifier == QLatin1String(n.name); });
            if (!known)
                return fail(ExitUsage, QStringLiteral("-D %1: unknown property \"%2\"").arg(command, identifier));
            return fail(ExitUsage, QStringLiteral("-D %1: %2 cannot be sent in %3 (allowed: %4)")
                                           .arg(command, identifier, command.toUpper(),
                                                allowedFor(command).join(QStringLiteral(", "))));
        }
        MqttProperties *target = command == QLatin1String("connect") ? &props.connect
                : command == QLatin1String("will")                   ? &props.will
                : command == QLatin1String("publish")                ? &props.publish
                                                                     : &props.subscribe;
        const QString why = setProperty(target, identifier, p.mid(2));
        if (!why.isEmpty())
            return fail(ExitUsage, QStringLiteral("-D %1: %2").arg(command, why));
        props.any = true;
    }
    if (props.any && !v5)
        return fail(ExitUsage, QStringLiteral("-D: properties need MQTT 5 (-V 5)"));
    c.setConnectProperties(props.connect);

    // The last will.
    if (m_parser.isSet(m_willTopic)) {
        int willQos = 0;
        if (m_parser.isSet(m_willQos) && !parseInt(m_parser.value(m_willQos), 0, 2, &willQos))
            return fail(ExitUsage, QStringLiteral("--will-qos must be 0, 1 or 2, not \"%1\"").arg(m_parser.value(m_willQos)));
        c.setWill(MqttWill(m_parser.value(m_willTopic), m_parser.value(m_willPayload).toUtf8(), Mqtt::QoS(willQos),
                           m_parser.isSet(m_willRetain), props.will));
    } else if (m_parser.isSet(m_willPayload) || m_parser.isSet(m_willQos) || m_parser.isSet(m_willRetain)
               || !props.will.isEmpty()) {
        return fail(ExitUsage, QStringLiteral("a last will needs --will-topic"));
    }

    QString why;
    const int transport = applyTransport(s->transport, &c, &why);
    if (transport != ExitSuccess)
        return fail(transport, why);
    return ExitSuccess;
}

int applyTransport(const TransportRequest &request, MqttConnectOptions *options, QString *why)
{
    const bool webSocket = request.scheme == QLatin1String("ws") || request.scheme == QLatin1String("wss");
    const bool tls = request.scheme == QLatin1String("mqtts") || request.scheme == QLatin1String("wss")
            || !request.caFile.isEmpty() || !request.caPath.isEmpty() || !request.certFile.isEmpty()
            || !request.keyFile.isEmpty() || !request.tlsVersion.isEmpty() || request.insecure;
    if (webSocket) {
        MqttWebSocketOptions ws;
        if (!request.path.isEmpty() && !ws.setPath(request.path, why))
            return ExitUsage;
        options->setTransport(Mqtt::Transport::WebSockets);
        options->setWebSocketOptions(ws);
    }
    if (!tls) {
        options->clearTlsOptions();
        return ExitSuccess;
    }
    MqttTlsOptions t;
    if (!request.caFile.isEmpty() && !t.setCaCertificatesFile(request.caFile, why))
        return ExitInput;
    if (!request.caPath.isEmpty()) {
        // Every certificate file in the directory (mosquitto's --capath).
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(
                request.caPath + QStringLiteral("/*"), QSsl::Pem, QSslCertificate::PatternSyntax::Wildcard);
        if (certificates.isEmpty()) {
            *why = QStringLiteral("--capath: no PEM certificate in %1").arg(request.caPath);
            return ExitInput;
        }
        // Added to those of --cafile, as mosquitto_pub uses both.
        if (!t.setCaCertificates(t.caCertificates() + certificates, why))
            return ExitInput;
    }
    if (request.certFile.isEmpty() != request.keyFile.isEmpty()) {
        *why = QStringLiteral("--cert and --key go together");
        return ExitUsage;
    }
    if (!request.certFile.isEmpty() && !t.setLocalCertificateFiles(request.certFile, request.keyFile, {}, why))
        return ExitInput;
    if (request.tlsVersion == QLatin1String("tlsv1.3")) {
        t.setMinimumTlsVersion(MqttTlsOptions::TlsVersion::TlsV1_3);
    } else if (!request.tlsVersion.isEmpty() && request.tlsVersion != QLatin1String("tlsv1.2")) {
        *why = QStringLiteral("--tls-version must be tlsv1.2 or tlsv1.3, not %1").arg(request.tlsVersion);
        return ExitUsage;
    }
    if (request.insecure)
        t.setHostNameVerificationEnabled(false);
    options->setTlsOptions(t);
    return ExitSuccess;
}

int fail(int code, const QString &message)
{
    if (quiet)
        return code;
    const QByteArray line = QCoreApplication::applicationName().toUtf8() + ": " + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    return code;
}

void debugLine(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

int exitCodeFor(Mqtt::ErrorCode error)
{
    switch (error) {
    case Mqtt::ErrorCode::NoError:
        return ExitSuccess;
    case Mqtt::ErrorCode::Invalid:
        return ExitUsage;
    case Mqtt::ErrorCode::NotSupported:
        return ExitNotSupported;
    default:
        return ExitFailed;
    }
}

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace MqttTool
