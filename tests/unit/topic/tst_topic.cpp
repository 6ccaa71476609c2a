// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// The free functions of the Mqtt namespace (topic matching and validity, Paho's texts)
// and the refusals of MqttProperties' typed setters.

#include <MqttQt/Mqtt>
#include <MqttQt/MqttProperties>

#include <QtCore/QMetaEnum>
#include <QtTest/QTest>

#include <algorithm>

using Mqtt::ErrorCode;
using Mqtt::PropertyId;

namespace {

QString utf8(const char *s)
{
    return QString::fromUtf8(s);
}

// paho.mqtt.client.error_string() 1.6.1, word for word.
QList<QPair<ErrorCode, QString>> pahoErrorStrings()
{
    return {
        { ErrorCode::Again, utf8("Unknown error.") },
        { ErrorCode::NoError, utf8("No error.") },
        { ErrorCode::NoMemory, utf8("Out of memory.") },
        { ErrorCode::Protocol, utf8("A network protocol error occurred when communicating with the broker.") },
        { ErrorCode::Invalid, utf8("Invalid function arguments provided.") },
        { ErrorCode::NoConnection, utf8("The client is not currently connected.") },
        { ErrorCode::ConnectionRefused, utf8("The connection was refused.") },
        { ErrorCode::NotFound, utf8("Message not found (internal error).") },
        { ErrorCode::ConnectionLost, utf8("The connection was lost.") },
        { ErrorCode::Tls, utf8("A TLS error occurred.") },
        { ErrorCode::PayloadSize, utf8("Payload too large.") },
        { ErrorCode::NotSupported, utf8("This feature is not supported.") },
        { ErrorCode::Auth, utf8("Authorisation failed.") },
        { ErrorCode::AclDenied, utf8("Access denied by ACL.") },
        { ErrorCode::Unknown, utf8("Unknown error.") },
        { ErrorCode::Errno, utf8("Error defined by errno.") },
        { ErrorCode::QueueSize, utf8("Message queue full.") },
        { ErrorCode::KeepAlive, utf8("Client or broker did not communicate in the keepalive interval.") },
        // MqttQt's own codes
        { ErrorCode::Timeout, utf8("The operation timed out.") },
        { ErrorCode::HostNotFound, utf8("The host name could not be resolved.") },
        { ErrorCode::SessionStore, utf8("The session store could not be opened, read or written.") },
    };
}

enum class Setter { Integer, String, Binary, User, SubscriptionId };

} // namespace

Q_DECLARE_METATYPE(Setter)

class tst_Topic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topicMatchesSubFollowsPaho_data();
    void topicMatchesSubFollowsPaho();
    void isValidTopicName_data();
    void isValidTopicName();
    void isValidTopicFilter_data();
    void isValidTopicFilter();

    void errorStringGivesPahoText_data();
    void errorStringGivesPahoText();
    void errorStringTableCoversEveryErrorCode();
    void connackStringGivesPahoText_data();
    void connackStringGivesPahoText();
    void reasonCodeStringNamesCodes_data();
    void reasonCodeStringNamesCodes();

    void propertySettersRefuseWrongTypeOrRange_data();
    void propertySettersRefuseWrongTypeOrRange();
    void propertySetterReplacesSingleValueInPlace();
    void repeatablePropertiesKeepWireOrder();
    void propertiesCompareWhateverTheirOrder();
};

// ---- Topics --------------------------------------------------------------------------

void tst_Topic::topicMatchesSubFollowsPaho_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("matches");

    auto row = [](const char *filter, const char *topic, bool matches) {
        QTest::addRow("%s vs %s", filter, topic) << utf8(filter) << utf8(topic) << matches;
    };
    // paho.mqtt.python test/test_matching.py and mosquitto's topic tests
    row("foo/bar", "foo/bar", true);
    row("foo/+", "foo/bar", true);
    row("foo/+/baz", "foo/bar/baz", true);
    row("foo/+/#", "foo/bar/baz", true);
    row("A/B/+/#", "A/B/B/C", true);
    row("#", "foo/bar/baz", true);
    row("#", "/foo/bar", true);
    row("/#", "/foo/bar", true);
    row("$SYS/bar", "$SYS/bar", true);
    row("foo/#", "foo/$bar", true);
    row("foo/+/baz", "foo/$bar/baz", true);
    row("test/6/#", "test/3", false);
    row("foo/bar", "foo", false);
    row("foo/+", "foo/bar/baz", false);
    row("foo/+/baz", "foo/bar/bar", false);
    row("foo/+/#", "fo2/bar/baz", false);
    row("/#", "foo/bar", false);
    row("$BOB/bar", "$SYS/bar", false);
    // "#" also matches the parent level [MQTT-4.7.1-2]
    row("foo/#", "foo", true);
    row("foo/+/#", "foo/bar", true);
    // Wildcards at the first level do not match topics starting with $ [MQTT-4.7.2-1]
    row("#", "$SYS/bar", false);
    row("+/bar", "$SYS/bar", false);
    row("#", "$SYS", false);
    row("+", "$SYS", false);
    row("$SYS/#", "$SYS/bar", true);
    // Empty levels are levels
    row("+/+", "/finance", true);
    row("/+", "/finance", true);
    row("+", "/finance", false);
    row("a//b", "a//b", true);
    row("+/#", "/", true);
    row("#", "/", true);
    row("a/b", "a/b/", false);
    row("a/b/", "a/b", false);
    row("+/+/+", "a/b", false);
    row("a/b", "a/bc", false);
    row("a/bc", "a/b", false);
    row("sport/tennis/player1/#", "sport/tennis/player1/ranking", true);
    row("sport/+", "sport", false);
    row("sport/+", "sport/", true);
    row("\xC3\xBC/+", "\xC3\xBC/x", true);
    // Invalid filters never match
    row("foo/bar#", "foo/bar", false);
    row("foo+", "foo", false);
    row("foo/+bar", "foo/xbar", false);
    row("#/foo", "a/foo", false);
    row("foo/#/bar", "foo/x/bar", false);
    row("", "foo", false);
    // Invalid topic names never match. Paho says "+" matches ""; a topic name has at
    // least one character [MQTT-4.7.3-1], so here it does not.
    row("+", "", false);
    row("#", "", false);
    row("#", "a/+", false);
    row("a/#", "a/#", false);
    // A topic a broker delivers may hold characters this client refuses to send: it matches.
    row("a/+", "a/tab\there", true);
    row("a/#", "a/\x1b", true);
}

void tst_Topic::topicMatchesSubFollowsPaho()
{
    QFETCH(QString, filter);
    QFETCH(QString, topic);
    QFETCH(bool, matches);
    QCOMPARE(Mqtt::topicMatchesSub(filter, topic), matches);
}

void tst_Topic::isValidTopicName_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("valid");

    QTest::newRow("one level") << utf8("a") << true;
    QTest::newRow("levels") << utf8("a/b/c") << true;
    QTest::newRow("separator only") << utf8("/") << true;
    QTest::newRow("empty levels") << utf8("a//b/") << true;
    QTest::newRow("space") << utf8("a b") << true;
    QTest::newRow("dollar") << utf8("$SYS/broker") << true;
    QTest::newRow("non-ASCII") << utf8("\xE6\x97\xA5/\xF0\x9F\x98\x80") << true;
    QTest::newRow("65535 bytes") << QString(65535, QLatin1Char('t')) << true;
    QTest::newRow("21845 euro signs (65535 bytes)") << QString(21845, QChar(0x20AC)) << true;
    QTest::newRow("empty [MQTT-4.7.3-1]") << QString() << false;
    QTest::newRow("plus [MQTT-3.3.2-2]") << utf8("a/+") << false;
    QTest::newRow("hash") << utf8("a/#") << false;
    QTest::newRow("plus inside a level") << utf8("a+b") << false;
    QTest::newRow("U+0000 [MQTT-4.7.3-2]") << (utf8("a") + QChar(0) + utf8("b")) << false;
    QTest::newRow("65536 bytes") << QString(65536, QLatin1Char('t')) << false;
    QTest::newRow("21846 euro signs (65538 bytes)") << QString(21846, QChar(0x20AC)) << false;
    // What MQTT says should not be sent and mosquitto closes the connection for (1.5.4).
    QTest::newRow("U+0001") << (utf8("a") + QChar(0x01)) << false;
    QTest::newRow("tab") << utf8("a\tb") << false;
    QTest::newRow("escape") << utf8("sensors/\x1b[31m") << false;
    QTest::newRow("U+001F") << (utf8("a") + QChar(0x1F)) << false;
    QTest::newRow("U+007F") << (utf8("a") + QChar(0x7F)) << false;
    QTest::newRow("U+0085") << (utf8("a") + QChar(0x85)) << false;
    QTest::newRow("U+009F") << (utf8("a") + QChar(0x9F)) << false;
    QTest::newRow("U+00A0 is allowed") << (utf8("a") + QChar(0xA0)) << true;
    QTest::newRow("U+FDD0") << (utf8("a") + QChar(0xFDD0)) << false;
    QTest::newRow("U+FDEF") << (utf8("a") + QChar(0xFDEF)) << false;
    QTest::newRow("U+FDF0 is allowed") << (utf8("a") + QChar(0xFDF0)) << true;
    QTest::newRow("U+FFFD is allowed") << (utf8("a") + QChar(0xFFFD)) << true;
    QTest::newRow("U+FFFE") << (utf8("a") + QChar(0xFFFE)) << false;
    QTest::newRow("U+FFFF") << (utf8("a") + QChar(0xFFFF)) << false;
    QTest::newRow("U+1FFFE") << (utf8("a") + QChar(0xD83F) + QChar(0xDFFE)) << false;
    QTest::newRow("U+10FFFF") << (utf8("a") + QChar(0xDBFF) + QChar(0xDFFF)) << false;
    QTest::newRow("U+1FFFD is allowed") << (utf8("a") + QChar(0xD83F) + QChar(0xDFFD)) << true;
    QTest::newRow("lone high surrogate [MQTT-1.5.4-1]") << (utf8("a/") + QChar(0xD800)) << false;
    QTest::newRow("lone low surrogate") << (utf8("a/") + QChar(0xDC00) + utf8("b")) << false;
}

void tst_Topic::isValidTopicName()
{
    QFETCH(QString, topic);
    QFETCH(bool, valid);
    QCOMPARE(Mqtt::isValidTopicName(topic), valid);
}

void tst_Topic::isValidTopicFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("valid");

    QTest::newRow("plain") << utf8("a/b") << true;
    QTest::newRow("hash alone") << utf8("#") << true;
    QTest::newRow("plus alone") << utf8("+") << true;
    QTest::newRow("hash last") << utf8("a/#") << true;
    QTest::newRow("plus levels") << utf8("+/a/+") << true;
    QTest::newRow("plus then hash") << utf8("+/#") << true;
    QTest::newRow("leading separator and hash") << utf8("/#") << true;
    QTest::newRow("shared subscription") << utf8("$share/g/a/#") << true;
    QTest::newRow("65535 bytes") << QString(65535, QLatin1Char('f')) << true;
    QTest::newRow("empty [MQTT-4.7.3-1]") << QString() << false;
    QTest::newRow("hash inside level [MQTT-4.7.1-2]") << utf8("a#") << false;
    QTest::newRow("hash not last") << utf8("a/#/b") << false;
    QTest::newRow("hash twice") << utf8("##") << false;
    QTest::newRow("plus after text [MQTT-4.7.1-3]") << utf8("a+") << false;
    QTest::newRow("plus before text") << utf8("+a") << false;
    QTest::newRow("plus twice") << utf8("a/++") << false;
    QTest::newRow("U+0000") << (utf8("a/") + QChar(0)) << false;
    QTest::newRow("65536 bytes") << QString(65536, QLatin1Char('f')) << false;
    QTest::newRow("control character") << utf8("a/\x1b/#") << false;
    QTest::newRow("noncharacter") << (utf8("a/") + QChar(0xFFFF) + utf8("/+")) << false;
    // $share/{ShareName}/{filter} (MQTT 5 4.8.2; mosquitto applies it to every version).
    QTest::newRow("shared, plus filter") << utf8("$share/g/+") << true;
    QTest::newRow("shared without filter") << utf8("$share/g") << false;
    QTest::newRow("shared with empty filter") << utf8("$share/g/") << false;
    QTest::newRow("shared without share name") << utf8("$share//a") << false;
    QTest::newRow("shared, wildcard share name") << utf8("$share/+/a") << false;
    QTest::newRow("$shared is not shared") << utf8("$shared/g") << true;
}

void tst_Topic::isValidTopicFilter()
{
    QFETCH(QString, filter);
    QFETCH(bool, valid);
    QCOMPARE(Mqtt::isValidTopicFilter(filter), valid);
}

// ---- Texts ---------------------------------------------------------------------------

void tst_Topic::errorStringGivesPahoText_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("text");
    const QMetaEnum e = QMetaEnum::fromType<ErrorCode>();
    for (const auto &[code, text] : pahoErrorStrings())
        QTest::newRow(e.valueToKey(int(code))) << code << text;
    QTest::newRow("out of range") << ErrorCode(99) << utf8("Unknown error.");
}

void tst_Topic::errorStringGivesPahoText()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, text);
    QCOMPARE(Mqtt::errorString(code), text);
}

void tst_Topic::errorStringTableCoversEveryErrorCode()
{
    const QMetaEnum e = QMetaEnum::fromType<ErrorCode>();
    const auto table = pahoErrorStrings();
    QCOMPARE(table.size(), e.keyCount());
    for (int i = 0; i < e.keyCount(); ++i) {
        const auto code = ErrorCode(e.value(i));
        const bool listed = std::any_of(table.begin(), table.end(),
                                        [code](const auto &row) { return row.first == code; });
        QVERIFY2(listed, e.key(i));
    }
}

void tst_Topic::connackStringGivesPahoText_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    // paho.mqtt.client.connack_string() 1.6.1
    QTest::newRow("0") << 0 << utf8("Connection Accepted.");
    QTest::newRow("1") << 1 << utf8("Connection Refused: unacceptable protocol version.");
    QTest::newRow("2") << 2 << utf8("Connection Refused: identifier rejected.");
    QTest::newRow("3") << 3 << utf8("Connection Refused: broker unavailable.");
    QTest::newRow("4") << 4 << utf8("Connection Refused: bad user name or password.");
    QTest::newRow("5") << 5 << utf8("Connection Refused: not authorised.");
    QTest::newRow("6") << 6 << utf8("Connection Refused: unknown reason.");
    QTest::newRow("255") << 255 << utf8("Connection Refused: unknown reason.");
    QTest::newRow("-1") << -1 << utf8("Connection Refused: unknown reason.");
}

void tst_Topic::connackStringGivesPahoText()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QCOMPARE(Mqtt::connackString(code), text);
}

void tst_Topic::reasonCodeStringNamesCodes_data()
{
    QTest::addColumn<Mqtt::ReasonCode>("code");
    QTest::addColumn<QString>("text");
    // MQTT 5.0, 2.4 Table 2-6 Reason Codes
    QTest::newRow("0x00") << Mqtt::ReasonCode::Success << utf8("Success");
    QTest::newRow("0x04") << Mqtt::ReasonCode::DisconnectWithWillMessage << utf8("Disconnect with Will Message");
    QTest::newRow("0x81") << Mqtt::ReasonCode::MalformedPacket << utf8("Malformed Packet");
    QTest::newRow("0x97") << Mqtt::ReasonCode::QuotaExceeded << utf8("Quota exceeded");
    QTest::newRow("0xA2") << Mqtt::ReasonCode::WildcardSubscriptionsNotSupported
                          << utf8("Wildcard Subscriptions not supported");
    QTest::newRow("unknown 0x03") << Mqtt::ReasonCode(0x03) << utf8("Unknown reason code 0x03");
}

void tst_Topic::reasonCodeStringNamesCodes()
{
    QFETCH(Mqtt::ReasonCode, code);
    QFETCH(QString, text);
    QCOMPARE(Mqtt::reasonCodeString(code), text);
}

// ---- MqttProperties ------------------------------------------------------------------

void tst_Topic::propertySettersRefuseWrongTypeOrRange_data()
{
    QTest::addColumn<Setter>("setter");
    QTest::addColumn<PropertyId>("id");
    QTest::addColumn<quint32>("number");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("binary");
    QTest::addColumn<bool>("accepted");

    const QString longest(65535, QLatin1Char('s'));
    const QString tooLong(65536, QLatin1Char('s'));
    const QString euroTooLong(21846, QChar(0x20AC)); // 65538 UTF-8 bytes
    const QByteArray noBytes;

    // Wrong type for the identifier
    QTest::newRow("integer into Content Type") << Setter::Integer << PropertyId::ContentType << 1u << QString() << noBytes << false;
    QTest::newRow("integer into Correlation Data") << Setter::Integer << PropertyId::CorrelationData << 1u << QString() << noBytes << false;
    QTest::newRow("integer into User Property") << Setter::Integer << PropertyId::UserProperty << 1u << QString() << noBytes << false;
    QTest::newRow("integer into unknown 0x04") << Setter::Integer << PropertyId(0x04) << 1u << QString() << noBytes << false;
    QTest::newRow("string into Session Expiry Interval") << Setter::String << PropertyId::SessionExpiryInterval << 0u << utf8("x") << noBytes << false;
    QTest::newRow("string into Correlation Data") << Setter::String << PropertyId::CorrelationData << 0u << utf8("x") << noBytes << false;
    QTest::newRow("string into User Property") << Setter::String << PropertyId::UserProperty << 0u << utf8("x") << noBytes << false;
    QTest::newRow("binary into Content Type") << Setter::Binary << PropertyId::ContentType << 0u << QString() << QByteArray("x") << false;
    QTest::newRow("binary into Topic Alias") << Setter::Binary << PropertyId::TopicAlias << 0u << QString() << QByteArray("x") << false;

    // Out of the type's range
    QTest::newRow("byte 255") << Setter::Integer << PropertyId::PayloadFormatIndicator << 255u << QString() << noBytes << true;
    QTest::newRow("byte 256") << Setter::Integer << PropertyId::PayloadFormatIndicator << 256u << QString() << noBytes << false;
    QTest::newRow("two-byte 65535") << Setter::Integer << PropertyId::ReceiveMaximum << 65535u << QString() << noBytes << true;
    QTest::newRow("two-byte 65536") << Setter::Integer << PropertyId::TopicAlias << 65536u << QString() << noBytes << false;
    QTest::newRow("four-byte 4294967295") << Setter::Integer << PropertyId::MessageExpiryInterval << 4294967295u << QString() << noBytes << true;
    QTest::newRow("variable 268435455") << Setter::Integer << PropertyId::SubscriptionIdentifier << 268435455u << QString() << noBytes << true;
    QTest::newRow("variable 268435456") << Setter::Integer << PropertyId::SubscriptionIdentifier << 268435456u << QString() << noBytes << false;
    QTest::newRow("subscription identifier 0") << Setter::Integer << PropertyId::SubscriptionIdentifier << 0u << QString() << noBytes << false;
    QTest::newRow("add subscription identifier 0") << Setter::SubscriptionId << PropertyId::SubscriptionIdentifier << 0u << QString() << noBytes << false;
    QTest::newRow("add subscription identifier 268435456") << Setter::SubscriptionId << PropertyId::SubscriptionIdentifier << 268435456u << QString() << noBytes << false;
    QTest::newRow("add subscription identifier 1") << Setter::SubscriptionId << PropertyId::SubscriptionIdentifier << 1u << QString() << noBytes << true;
    QTest::newRow("string of 65535 bytes") << Setter::String << PropertyId::ContentType << 0u << longest << noBytes << true;
    QTest::newRow("string of 65536 bytes") << Setter::String << PropertyId::ContentType << 0u << tooLong << noBytes << false;
    QTest::newRow("string of 21846 euro signs") << Setter::String << PropertyId::ReasonString << 0u << euroTooLong << noBytes << false;
    QTest::newRow("binary of 65535 bytes") << Setter::Binary << PropertyId::CorrelationData << 0u << QString() << QByteArray(65535, 'b') << true;
    QTest::newRow("binary of 65536 bytes") << Setter::Binary << PropertyId::AuthenticationData << 0u << QString() << QByteArray(65536, 'b') << false;
    QTest::newRow("user property name of 65536 bytes") << Setter::User << PropertyId::UserProperty << 0u << tooLong << noBytes << false;
    QTest::newRow("user property value of 65536 bytes") << Setter::User << PropertyId::UserProperty << 1u << tooLong << noBytes << false;
    QTest::newRow("user property of 65535 bytes") << Setter::User << PropertyId::UserProperty << 0u << longest << noBytes << true;
}

void tst_Topic::propertySettersRefuseWrongTypeOrRange()
{
    QFETCH(Setter, setter);
    QFETCH(PropertyId, id);
    QFETCH(quint32, number);
    QFETCH(QString, text);
    QFETCH(QByteArray, binary);
    QFETCH(bool, accepted);

    MqttProperties props;
    QVERIFY(props.addUserProperty(utf8("before"), utf8("x")));
    const MqttProperties before = props;

    bool ok = false;
    switch (setter) {
    case Setter::Integer:
        ok = props.setInteger(id, number);
        break;
    case Setter::String:
        ok = props.setString(id, text);
        break;
    case Setter::Binary:
        ok = props.setBinary(id, binary);
        break;
    case Setter::User: // number selects which side carries the text
        ok = number == 0 ? props.addUserProperty(text, utf8("v")) : props.addUserProperty(utf8("n"), text);
        break;
    case Setter::SubscriptionId:
        ok = props.addSubscriptionIdentifier(number);
        break;
    }
    QCOMPARE(ok, accepted);
    if (!accepted) {
        QVERIFY(props == before); // refused: nothing changed
        return;
    }
    QCOMPARE(props.count(), 2);
    QCOMPARE(props.ids().last(), id);
    switch (setter) {
    case Setter::Integer:
    case Setter::SubscriptionId:
        QCOMPARE(props.integer(id), std::optional<quint32>(number));
        break;
    case Setter::String:
        QCOMPARE(props.string(id), std::optional<QString>(text));
        break;
    case Setter::Binary:
        QCOMPARE(props.binary(id), std::optional<QByteArray>(binary));
        break;
    case Setter::User:
        QCOMPARE(props.userProperties().last().first, text);
        break;
    }
}

void tst_Topic::propertySetterReplacesSingleValueInPlace()
{
    MqttProperties props;
    QVERIFY(props.setInteger(PropertyId::MessageExpiryInterval, 1));
    QVERIFY(props.setString(PropertyId::ContentType, utf8("a")));
    QVERIFY(props.setInteger(PropertyId::MessageExpiryInterval, 2));
    QCOMPARE(props.ids(), (QList<PropertyId>{ PropertyId::MessageExpiryInterval, PropertyId::ContentType }));
    QCOMPARE(props.integer(PropertyId::MessageExpiryInterval), std::optional<quint32>(2));
    // The typed getters do not answer for another type.
    QCOMPARE(props.string(PropertyId::MessageExpiryInterval), std::optional<QString>());
    QCOMPARE(props.integer(PropertyId::ContentType), std::optional<quint32>());
}

void tst_Topic::repeatablePropertiesKeepWireOrder()
{
    MqttProperties props;
    QVERIFY(props.addUserProperty(utf8("k"), utf8("1")));
    QVERIFY(props.addSubscriptionIdentifier(7));
    QVERIFY(props.addUserProperty(utf8("j"), utf8("2")));
    QVERIFY(props.addUserProperty(utf8("k"), utf8("3")));
    QVERIFY(props.addSubscriptionIdentifier(5));
    QCOMPARE(props.count(), 5);
    const QList<QPair<QString, QString>> users{ { utf8("k"), utf8("1") }, { utf8("j"), utf8("2") },
                                                { utf8("k"), utf8("3") } };
    QCOMPARE(props.userProperties(), users);
    QCOMPARE(props.subscriptionIdentifiers(), (QList<quint32>{ 7, 5 }));

    // setInteger() on a subscription identifier keeps exactly one.
    QVERIFY(props.setInteger(PropertyId::SubscriptionIdentifier, 9));
    QCOMPARE(props.subscriptionIdentifiers(), (QList<quint32>{ 9 }));
    props.remove(PropertyId::UserProperty);
    QCOMPARE(props.count(), 1);
    props.clear();
    QVERIFY(props.isEmpty());
}

void tst_Topic::propertiesCompareWhateverTheirOrder()
{
    MqttProperties a;
    QVERIFY(a.setString(PropertyId::ContentType, utf8("text/plain")));
    QVERIFY(a.setInteger(PropertyId::MessageExpiryInterval, 60));
    QVERIFY(a.addUserProperty(utf8("k"), utf8("1")));
    QVERIFY(a.addUserProperty(utf8("k"), utf8("2")));
    MqttProperties b;
    QVERIFY(b.addUserProperty(utf8("k"), utf8("1")));
    QVERIFY(b.setInteger(PropertyId::MessageExpiryInterval, 60));
    QVERIFY(b.addUserProperty(utf8("k"), utf8("2")));
    QVERIFY(b.setString(PropertyId::ContentType, utf8("text/plain")));
    QCOMPARE(a, b);
    QCOMPARE(MqttProperties::fromVariantMap(a.toVariantMap()), a); // the round trip reorders
    // The order of repeats of one property is kept by MQTT, so it counts.
    MqttProperties c;
    QVERIFY(c.addUserProperty(utf8("k"), utf8("2")));
    QVERIFY(c.addUserProperty(utf8("k"), utf8("1")));
    QVERIFY(c.setInteger(PropertyId::MessageExpiryInterval, 60));
    QVERIFY(c.setString(PropertyId::ContentType, utf8("text/plain")));
    QVERIFY(a != c);
    QVERIFY(a.setInteger(PropertyId::MessageExpiryInterval, 61));
    QVERIFY(a != b);
}

QTEST_GUILESS_MAIN(tst_Topic)

#include "tst_topic.moc"
