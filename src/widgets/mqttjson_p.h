// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It may change from version to version
// without notice, or even be removed.

#ifndef MQTTJSON_P_H
#define MQTTJSON_P_H

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>
#include <vector>

// A small JSON reader for payloads. Unlike QJsonDocument it never converts numbers:
// a number keeps the exact text of its token (so 18446744073709551615 and 0.10 are shown
// and compared as written), and strings keep their raw token text as well as their
// decoded value. Strict RFC 8259 grammar, valid UTF-8, nesting limited to maxDepth.
namespace MqttJson {

enum class Type { Null, Bool, Number, String, Array, Object };

constexpr int maxDepth = 512;

/* Receives the parse as events; returning false from any call stops the parse (not an
   error: Parser::parse() then returns true with stopped() set). */
class Sink
{
public:
    virtual ~Sink() = default;
    virtual bool beginObject() = 0;
    virtual bool endObject() = 0;
    virtual bool beginArray() = 0;
    virtual bool endArray() = 0;
    // rawKey: the key token with its quotes, exactly as in the input.
    virtual bool key(QByteArrayView rawKey) = 0;
    // raw: the token exactly as in the input (strings with quotes and escapes).
    virtual bool scalar(Type type, QByteArrayView raw) = 0;
};

class Parser
{
public:
    explicit Parser(QByteArrayView input) : m_input(input) {}

    // Parses the whole input (one JSON value, optional surrounding whitespace, an optional
    // UTF-8 byte order mark). Returns false with errorString() and errorOffset() set.
    bool parse(Sink &sink);
    QString errorString() const { return m_error; }
    qsizetype errorOffset() const { return m_errorOffset; }

private:
    bool parseValue(Sink &sink, int depth);
    bool parseString(QByteArrayView *raw);
    bool parseNumber(QByteArrayView *raw);
    bool fail(const QString &message);
    void skipWhitespace();

    QByteArrayView m_input;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorOffset = -1;
    bool m_stopped = false;
};

// Decodes a raw string token (with quotes) that Parser accepted.
QString decodeString(QByteArrayView raw);

// True if the bytes are valid UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

// A parsed value. Objects keep their members in input order (keys decoded); a repeated
// key keeps every occurrence, and lookups find the last one, as most readers do.
struct Node
{
    Type type = Type::Null;
    QByteArray raw;             // scalars: the token as written
    QStringList keys;           // objects: the member names, in order
    std::vector<Node> children; // objects: the member values; arrays: the elements

    const Node *member(const QString &key) const;
    // Compact JSON text of this value, tokens as written.
    QByteArray compact() const;
    // The number this value stands for: a number, a bool (1 or 0), or a string holding
    // a plain number; nothing otherwise.
    std::optional<double> toNumber() const;
};

// Parses input into a tree; returns nothing with *errorString set on failure.
std::optional<Node> parseTree(QByteArrayView input, QString *errorString = nullptr);

// Pretty-prints input with indent spaces per level, tokens as written. Stops appending
// text beyond maxChars (when >= 0) but still checks the whole input, setting *truncated.
// Returns a null string with *errorString set when the input is not JSON.
QString prettyPrint(QByteArrayView input, int indent, qsizetype maxChars, bool *truncated,
                    QString *errorString);

// One step of a value path like sensors.temp, data[0].v or ["a.b"].c.
struct PathStep
{
    bool isIndex = false;
    QString key;
    qsizetype index = 0;
    bool operator==(const PathStep &other) const
    {
        return isIndex == other.isIndex && key == other.key && index == other.index;
    }
};

// Parses a path; an empty path (or "$") gives no steps. Returns nothing with
// *errorString set for a malformed path.
std::optional<std::vector<PathStep>> parsePath(const QString &path, QString *errorString = nullptr);
// Writes steps back as a path, quoting keys that are not plain identifiers.
QString pathString(const std::vector<PathStep> &steps);
// Appends one step to a path string.
QString appendKey(const QString &path, const QString &key);
QString appendIndex(const QString &path, qsizetype index);

// Follows steps from root; nullptr when a step does not exist.
const Node *follow(const Node &root, const std::vector<PathStep> &steps);

} // namespace MqttJson

#endif // MQTTJSON_P_H
