// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttjson_p.h"

#include <QtCore/QCoreApplication>

#include <cmath>

namespace MqttJson {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        quint32 cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            const unsigned char cc = p[i + k];
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static constexpr quint32 minimum[] = { 0, 0x80, 0x800, 0x10000 };
        if (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool Parser::fail(const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = message;
        m_errorOffset = m_pos;
    }
    return false;
}

void Parser::skipWhitespace()
{
    while (m_pos < m_input.size()) {
        const char c = m_input[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

bool Parser::parse(Sink &sink)
{
    m_pos = 0;
    m_error.clear();
    m_errorOffset = -1;
    m_stopped = false;
    if (m_input.size() >= 3 && m_input.first(3) == QByteArrayView("\xEF\xBB\xBF"))
        m_pos = 3;
    if (!isValidUtf8(m_input.sliced(m_pos)))
        return fail(QCoreApplication::translate("MqttJson", "the text is not valid UTF-8"));
    skipWhitespace();
    if (m_pos >= m_input.size())
        return fail(QCoreApplication::translate("MqttJson", "no JSON value (empty text)"));
    if (!parseValue(sink, 0))
        return m_stopped;
    skipWhitespace();
    if (m_pos < m_input.size())
        return fail(QCoreApplication::translate("MqttJson", "unexpected text after the JSON value"));
    return true;
}

bool Parser::parseString(QByteArrayView *raw)
{
    const qsizetype start = m_pos;
    ++m_pos; // opening quote
    while (m_pos < m_input.size()) {
        const char c = m_input[m_pos];
        if (c == '"') {
            ++m_pos;
            *raw = m_input.sliced(start, m_pos - start);
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(QCoreApplication::translate("MqttJson", "control character inside a string (must be escaped)"));
        if (c == '\\') {
            ++m_pos;
            if (m_pos >= m_input.size())
                break;
            const char e = m_input[m_pos];
            if (e == 'u') {
                if (m_pos + 4 >= m_input.size())
                    return fail(QCoreApplication::translate("MqttJson", "incomplete \\u escape"));
                for (int k = 1; k <= 4; ++k) {
                    if (hexValue(m_input[m_pos + k]) < 0)
                        return fail(QCoreApplication::translate("MqttJson", "invalid \\u escape (four hex digits expected)"));
                }
                m_pos += 4;
            } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n'
                       && e != 'r' && e != 't') {
                return fail(QCoreApplication::translate("MqttJson", "invalid escape sequence in a string"));
            }
        }
        ++m_pos;
    }
    m_pos = start;
    return fail(QCoreApplication::translate("MqttJson", "unterminated string"));
}

bool Parser::parseNumber(QByteArrayView *raw)
{
    const qsizetype start = m_pos;
    const qsizetype n = m_input.size();
    if (m_pos < n && m_input[m_pos] == '-')
        ++m_pos;
    if (m_pos >= n || !isDigit(m_input[m_pos]))
        return fail(QCoreApplication::translate("MqttJson", "invalid number"));
    if (m_input[m_pos] == '0') {
        ++m_pos;
        if (m_pos < n && isDigit(m_input[m_pos]))
            return fail(QCoreApplication::translate("MqttJson", "invalid number (leading zero)"));
    } else {
        while (m_pos < n && isDigit(m_input[m_pos]))
            ++m_pos;
    }
    if (m_pos < n && m_input[m_pos] == '.') {
        ++m_pos;
        if (m_pos >= n || !isDigit(m_input[m_pos]))
            return fail(QCoreApplication::translate("MqttJson", "invalid number (digits expected after the decimal point)"));
        while (m_pos < n && isDigit(m_input[m_pos]))
            ++m_pos;
    }
    if (m_pos < n && (m_input[m_pos] == 'e' || m_input[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < n && (m_input[m_pos] == '+' || m_input[m_pos] == '-'))
            ++m_pos;
        if (m_pos >= n || !isDigit(m_input[m_pos]))
            return fail(QCoreApplication::translate("MqttJson", "invalid number (digits expected in the exponent)"));
        while (m_pos < n && isDigit(m_input[m_pos]))
            ++m_pos;
    }
    *raw = m_input.sliced(start, m_pos - start);
    return true;
}

bool Parser::parseValue(Sink &sink, int depth)
{
    if (depth > maxDepth)
        return fail(QCoreApplication::translate("MqttJson", "nested more than %1 levels deep").arg(maxDepth));
    skipWhitespace();
    if (m_pos >= m_input.size())
        return fail(QCoreApplication::translate("MqttJson", "unexpected end of the text"));
    const char c = m_input[m_pos];
    auto stop = [this] {
        m_stopped = true;
        return false;
    };
    if (c == '{') {
        ++m_pos;
        if (!sink.beginObject())
            return stop();
        skipWhitespace();
        if (m_pos < m_input.size() && m_input[m_pos] == '}') {
            ++m_pos;
            return sink.endObject() || stop();
        }
        for (;;) {
            skipWhitespace();
            if (m_pos >= m_input.size() || m_input[m_pos] != '"')
                return fail(QCoreApplication::translate("MqttJson", "a member name in quotes expected"));
            QByteArrayView rawKey;
            if (!parseString(&rawKey))
                return false;
            if (!sink.key(rawKey))
                return stop();
            skipWhitespace();
            if (m_pos >= m_input.size() || m_input[m_pos] != ':')
                return fail(QCoreApplication::translate("MqttJson", "':' expected after a member name"));
            ++m_pos;
            if (!parseValue(sink, depth + 1))
                return false;
            skipWhitespace();
            if (m_pos < m_input.size() && m_input[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_input.size() && m_input[m_pos] == '}') {
                ++m_pos;
                return sink.endObject() || stop();
            }
            return fail(QCoreApplication::translate("MqttJson", "',' or '}' expected in an object"));
        }
    }
    if (c == '[') {
        ++m_pos;
        if (!sink.beginArray())
            return stop();
        skipWhitespace();
        if (m_pos < m_input.size() && m_input[m_pos] == ']') {
            ++m_pos;
            return sink.endArray() || stop();
        }
        for (;;) {
            if (!parseValue(sink, depth + 1))
                return false;
            skipWhitespace();
            if (m_pos < m_input.size() && m_input[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_input.size() && m_input[m_pos] == ']') {
                ++m_pos;
                return sink.endArray() || stop();
            }
            return fail(QCoreApplication::translate("MqttJson", "',' or ']' expected in an array"));
        }
    }
    if (c == '"') {
        QByteArrayView raw;
        if (!parseString(&raw))
            return false;
        return sink.scalar(Type::String, raw) || stop();
    }
    if (c == '-' || isDigit(c)) {
        QByteArrayView raw;
        if (!parseNumber(&raw))
            return false;
        return sink.scalar(Type::Number, raw) || stop();
    }
    static const struct { const char *text; Type type; } literals[] = {
        { "true", Type::Bool }, { "false", Type::Bool }, { "null", Type::Null } };
    for (const auto &literal : literals) {
        const QByteArrayView word(literal.text);
        if (m_input.sliced(m_pos).startsWith(word)) {
            m_pos += word.size();
            return sink.scalar(literal.type, word) || stop();
        }
    }
    return fail(QCoreApplication::translate("MqttJson", "unexpected character (a JSON value expected)"));
}

QString decodeString(QByteArrayView raw)
{
    if (raw.size() < 2)
        return {};
    const QByteArrayView body = raw.sliced(1, raw.size() - 2);
    if (!body.contains('\\'))
        return QString::fromUtf8(body);
    QString out;
    out.reserve(body.size());
    qsizetype runStart = 0;
    qsizetype i = 0;
    auto flush = [&](qsizetype end) {
        if (end > runStart)
            out += QString::fromUtf8(body.sliced(runStart, end - runStart));
    };
    while (i < body.size()) {
        if (body[i] != '\\') {
            ++i;
            continue;
        }
        flush(i);
        const char e = body[i + 1];
        switch (e) {
        case 'b': out += QChar(u'\b'); break;
        case 'f': out += QChar(u'\f'); break;
        case 'n': out += QChar(u'\n'); break;
        case 'r': out += QChar(u'\r'); break;
        case 't': out += QChar(u'\t'); break;
        case 'u': {
            char16_t unit = 0;
            for (int k = 0; k < 4; ++k)
                unit = static_cast<char16_t>((unit << 4) | hexValue(body[i + 2 + k]));
            out += QChar(unit); // surrogate pairs arrive as two escapes, appended in turn
            i += 4;
            break;
        }
        default: out += QLatin1Char(e); break; // " \ /
        }
        i += 2;
        runStart = i;
    }
    flush(body.size());
    return out;
}

namespace {

class TreeSink final : public Sink
{
public:
    Node root;
    std::vector<Node *> stack;
    QString pendingKey;
    bool started = false;

    Node *place()
    {
        if (!started) {
            started = true;
            return &root;
        }
        Node *parent = stack.back();
        if (parent->type == Type::Object)
            parent->keys.append(pendingKey);
        parent->children.emplace_back();
        return &parent->children.back();
    }
    bool beginObject() override
    {
        Node *n = place();
        n->type = Type::Object;
        stack.push_back(n);
        return true;
    }
    bool endObject() override
    {
        stack.pop_back();
        return true;
    }
    bool beginArray() override
    {
        Node *n = place();
        n->type = Type::Array;
        stack.push_back(n);
        return true;
    }
    bool endArray() override
    {
        stack.pop_back();
        return true;
    }
    bool key(QByteArrayView rawKey) override
    {
        pendingKey = decodeString(rawKey);
        return true;
    }
    bool scalar(Type type, QByteArrayView raw) override
    {
        Node *n = place();
        n->type = type;
        n->raw = raw.toByteArray();
        return true;
    }
};

// Children vectors must not reallocate while a pointer into them is on the stack: a node
// is only appended to the innermost open container, and pointers to outer containers
// point at nodes whose own vectors do not change while an inner one is open.

class PrettySink final : public Sink
{
public:
    PrettySink(int indent, qsizetype maxChars) : indent(indent), maxChars(maxChars) {}

    QString out;
    int indent;
    qsizetype maxChars;
    bool truncated = false;
    int level = 0;
    // Per open container: whether it has an element yet.
    std::vector<bool> hasElement;
    bool afterKey = false;

    bool full()
    {
        if (maxChars >= 0 && out.size() >= maxChars) {
            truncated = true;
            return true;
        }
        return false;
    }
    void newline()
    {
        out += QLatin1Char('\n');
        out += QString(level * indent, QLatin1Char(' '));
    }
    void beforeValue()
    {
        if (afterKey) {
            afterKey = false;
            return;
        }
        if (!hasElement.empty()) {
            if (hasElement.back())
                out += QLatin1Char(',');
            hasElement.back() = true;
            newline();
        }
    }
    void append(QByteArrayView raw)
    {
        if (!full())
            out += QString::fromUtf8(raw);
    }
    bool begin(char bracket)
    {
        if (!full()) {
            beforeValue();
            out += QLatin1Char(bracket);
        }
        hasElement.push_back(false);
        ++level;
        return true;
    }
    bool end(char bracket)
    {
        --level;
        const bool had = hasElement.back();
        hasElement.pop_back();
        if (!full()) {
            if (had)
                newline();
            out += QLatin1Char(bracket);
        }
        return true;
    }
    bool beginObject() override { return begin('{'); }
    bool endObject() override { return end('}'); }
    bool beginArray() override { return begin('['); }
    bool endArray() override { return end(']'); }
    bool key(QByteArrayView rawKey) override
    {
        if (!full()) {
            beforeValue();
            out += QString::fromUtf8(rawKey);
            out += QLatin1String(": ");
        }
        afterKey = true;
        return true;
    }
    bool scalar(Type, QByteArrayView raw) override
    {
        if (full()) {
            afterKey = false;
            return true;
        }
        beforeValue();
        append(raw);
        return true;
    }
};

bool isIdentifier(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool ok = c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'$' || c == u'@';
        if (!ok)
            return false;
    }
    return !key.at(0).isDigit();
}

} // namespace

std::optional<Node> parseTree(QByteArrayView input, QString *errorString)
{
    TreeSink sink;
    Parser parser(input);
    if (!parser.parse(sink)) {
        if (errorString)
            *errorString = QCoreApplication::translate("MqttJson", "%1 at byte %2")
                                   .arg(parser.errorString())
                                   .arg(parser.errorOffset());
        return std::nullopt;
    }
    return std::move(sink.root);
}

QString prettyPrint(QByteArrayView input, int indent, qsizetype maxChars, bool *truncated,
                    QString *errorString)
{
    PrettySink sink(indent, maxChars);
    Parser parser(input);
    if (!parser.parse(sink)) {
        if (errorString)
            *errorString = QCoreApplication::translate("MqttJson", "%1 at byte %2")
                                   .arg(parser.errorString())
                                   .arg(parser.errorOffset());
        if (truncated)
            *truncated = false;
        return QString();
    }
    if (truncated)
        *truncated = sink.truncated;
    if (sink.truncated && maxChars >= 0 && sink.out.size() > maxChars)
        sink.out.truncate(maxChars);
    return sink.out.isNull() ? QString(QLatin1String("")) : sink.out;
}

const Node *Node::member(const QString &key) const
{
    for (qsizetype i = keys.size() - 1; i >= 0; --i) {
        if (keys.at(i) == key)
            return &children[static_cast<size_t>(i)];
    }
    return nullptr;
}

QByteArray Node::compact() const
{
    switch (type) {
    case Type::Null:
    case Type::Bool:
    case Type::Number:
    case Type::String:
        return raw;
    case Type::Array: {
        QByteArray out("[");
        for (size_t i = 0; i < children.size(); ++i) {
            if (i)
                out += ',';
            out += children[i].compact();
        }
        return out + ']';
    }
    case Type::Object: {
        QByteArray out("{");
        for (size_t i = 0; i < children.size(); ++i) {
            if (i)
                out += ',';
            // Keys re-encoded from their decoded form: simple keys come out as written.
            out += '"';
            const QByteArray k = keys.at(static_cast<qsizetype>(i)).toUtf8();
            for (char c : k) {
                if (c == '"' || c == '\\')
                    out += '\\';
                out += c;
            }
            out += "\":";
            out += children[i].compact();
        }
        return out + '}';
    }
    }
    return {};
}

std::optional<double> Node::toNumber() const
{
    bool ok = false;
    double value = 0;
    switch (type) {
    case Type::Number:
        value = raw.toDouble(&ok);
        break;
    case Type::Bool:
        return raw == "true" ? 1.0 : 0.0;
    case Type::String: {
        const QString text = decodeString(raw).trimmed();
        value = text.toDouble(&ok);
        break;
    }
    default:
        return std::nullopt;
    }
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<std::vector<PathStep>> parsePath(const QString &path, QString *errorString)
{
    auto failPath = [&](const QString &why) -> std::optional<std::vector<PathStep>> {
        if (errorString)
            *errorString = why;
        return std::nullopt;
    };
    std::vector<PathStep> steps;
    qsizetype i = 0;
    const qsizetype n = path.size();
    if (n > 0 && path.at(0) == u'$')
        i = 1;
    bool needSeparator = false;
    while (i < n) {
        const QChar c = path.at(i);
        if (c == u'[') {
            ++i;
            if (i < n && (path.at(i) == u'"' || path.at(i) == u'\'')) {
                const QChar quote = path.at(i);
                ++i;
                QString key;
                bool closed = false;
                while (i < n) {
                    if (path.at(i) == u'\\' && i + 1 < n) {
                        key += path.at(i + 1);
                        i += 2;
                        continue;
                    }
                    if (path.at(i) == quote) {
                        closed = true;
                        ++i;
                        break;
                    }
                    key += path.at(i++);
                }
                if (!closed || i >= n || path.at(i) != u']')
                    return failPath(QCoreApplication::translate("MqttJson",
                            "unterminated quoted key at character %1").arg(i + 1));
                ++i;
                steps.push_back({ false, key, 0 });
            } else {
                const qsizetype start = i;
                while (i < n && path.at(i).isDigit())
                    ++i;
                if (i == start || i >= n || path.at(i) != u']')
                    return failPath(QCoreApplication::translate("MqttJson",
                            "an array index in [ ] expected at character %1").arg(start + 1));
                bool ok = false;
                const qsizetype index = path.mid(start, i - start).toLongLong(&ok);
                if (!ok)
                    return failPath(QCoreApplication::translate("MqttJson",
                            "array index too large at character %1").arg(start + 1));
                ++i;
                steps.push_back({ true, QString(), index });
            }
            needSeparator = true;
            continue;
        }
        if (c == u'.') {
            const bool afterDollar = i == 1 && path.at(0) == u'$';
            if (!needSeparator && !afterDollar)
                return failPath(QCoreApplication::translate("MqttJson",
                        "empty key at character %1").arg(i + 1));
            ++i;
            needSeparator = false;
            if (i >= n)
                return failPath(QCoreApplication::translate("MqttJson",
                        "the path ends with '.'"));
            continue;
        }
        if (needSeparator)
            return failPath(QCoreApplication::translate("MqttJson",
                    "'.' or '[' expected at character %1").arg(i + 1));
        const qsizetype start = i;
        while (i < n && path.at(i) != u'.' && path.at(i) != u'[')
            ++i;
        steps.push_back({ false, path.mid(start, i - start), 0 });
        needSeparator = true;
    }
    return steps;
}

QString appendKey(const QString &path, const QString &key)
{
    if (isIdentifier(key))
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    QString escaped = key;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return path + QLatin1String("[\"") + escaped + QLatin1String("\"]");
}

QString appendIndex(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString pathString(const std::vector<PathStep> &steps)
{
    QString out;
    for (const PathStep &step : steps)
        out = step.isIndex ? appendIndex(out, step.index) : appendKey(out, step.key);
    return out;
}

const Node *follow(const Node &root, const std::vector<PathStep> &steps)
{
    const Node *node = &root;
    for (const PathStep &step : steps) {
        if (step.isIndex) {
            if (node->type != Type::Array || step.index < 0
                || static_cast<size_t>(step.index) >= node->children.size())
                return nullptr;
            node = &node->children[static_cast<size_t>(step.index)];
        } else {
            if (node->type != Type::Object)
                return nullptr;
            node = node->member(step.key);
            if (!node)
                return nullptr;
        }
    }
    return node;
}

} // namespace MqttJson
