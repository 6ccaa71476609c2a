// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttpayloaddiff.h"
#include "mqttjson_p.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>
#include <QtCore/QHash>
#include <QtCore/QSet>

#include <algorithm>

#include <vector>

namespace {

QStringList splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    // A final line break ends the last line; it does not start an empty one.
    if (text.endsWith(QLatin1Char('\n')))
        lines.removeLast();
    return lines;
}

} // namespace

QList<MqttLineDiff> MqttPayloadDiff::diffLines(const QString &oldText, const QString &newText, int maxEdits,
                                               bool *minimal)
{
    const QStringList a = splitLines(oldText);
    const QStringList b = splitLines(newText);
    if (minimal)
        *minimal = true;

    // Lines as integers, so that the search compares ints, not strings.
    QHash<QString, int> ids;
    std::vector<int> ai(size_t(a.size())), bi(size_t(b.size()));
    auto idOf = [&ids](const QString &line) {
        auto it = ids.constFind(line);
        if (it != ids.constEnd())
            return it.value();
        const int id = int(ids.size());
        ids.insert(line, id);
        return id;
    };
    for (qsizetype i = 0; i < a.size(); ++i)
        ai[size_t(i)] = idOf(a.at(i));
    for (qsizetype i = 0; i < b.size(); ++i)
        bi[size_t(i)] = idOf(b.at(i));

    QList<MqttLineDiff> out;
    out.reserve(qMax(a.size(), b.size()) + 8);
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && ai[size_t(prefix)] == bi[size_t(prefix)])
        ++prefix;
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
           && ai[size_t(a.size() - 1 - suffix)] == bi[size_t(b.size() - 1 - suffix)])
        ++suffix;
    for (int i = 0; i < prefix; ++i)
        out.append({ MqttLineDiff::Unchanged, i + 1, i + 1, a.at(i) });

    const int n = int(a.size()) - prefix - suffix;
    const int m = int(b.size()) - prefix - suffix;
    const int *x0 = ai.data() + prefix;
    const int *y0 = bi.data() + prefix;

    struct Op { MqttLineDiff::Kind kind; int x; int y; };
    std::vector<Op> ops; // in reverse order
    bool found = false;
    if (n == 0 || m == 0) {
        found = true;
        std::vector<Op> forward;
        for (int i = 0; i < n; ++i)
            forward.push_back({ MqttLineDiff::Removed, i, 0 });
        for (int j = 0; j < m; ++j)
            forward.push_back({ MqttLineDiff::Added, 0, j });
        ops.assign(forward.rbegin(), forward.rend());
    } else {
        // Myers' greedy search; trace[d] is the frontier V[-d..d] after d edits.
        const int maxD = qMin(n + m, qMax(0, maxEdits));
        const int offset = maxD + 1;
        std::vector<int> v(size_t(2 * maxD + 3), 0);
        std::vector<std::vector<int>> trace;
        int finalD = -1;
        for (int d = 0; d <= maxD && finalD < 0; ++d) {
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                    x = v[size_t(offset + k + 1)];
                else
                    x = v[size_t(offset + k - 1)] + 1;
                int y = x - k;
                while (x < n && y < m && x0[x] == y0[y]) {
                    ++x;
                    ++y;
                }
                v[size_t(offset + k)] = x;
                if (x >= n && y >= m) {
                    finalD = d;
                    break;
                }
            }
            trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
        }
        if (finalD >= 0) {
            found = true;
            int x = n;
            int y = m;
            for (int d = finalD; d > 0; --d) {
                const std::vector<int> &pv = trace[size_t(d - 1)];
                auto at = [&](int k) { return pv[size_t(k + d - 1)]; };
                const int k = x - y;
                const int prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
                const int prevX = at(prevK);
                const int prevY = prevX - prevK;
                while (x > prevX && y > prevY) {
                    ops.push_back({ MqttLineDiff::Unchanged, x - 1, y - 1 });
                    --x;
                    --y;
                }
                if (x == prevX)
                    ops.push_back({ MqttLineDiff::Added, x, y - 1 });
                else
                    ops.push_back({ MqttLineDiff::Removed, x - 1, y });
                x = prevX;
                y = prevY;
            }
            while (x > 0 && y > 0) {
                ops.push_back({ MqttLineDiff::Unchanged, x - 1, y - 1 });
                --x;
                --y;
            }
        }
    }
    if (!found) {
        if (minimal)
            *minimal = false;
        std::vector<Op> forward;
        for (int i = 0; i < n; ++i)
            forward.push_back({ MqttLineDiff::Removed, i, 0 });
        for (int j = 0; j < m; ++j)
            forward.push_back({ MqttLineDiff::Added, 0, j });
        ops.assign(forward.rbegin(), forward.rend());
    }

    // Within each run of changes, removed lines first, then added ones.
    std::vector<Op> forward(ops.rbegin(), ops.rend());
    size_t i = 0;
    while (i < forward.size()) {
        if (forward[i].kind == MqttLineDiff::Unchanged) {
            const Op &op = forward[i];
            out.append({ MqttLineDiff::Unchanged, prefix + op.x + 1, prefix + op.y + 1, a.at(prefix + op.x) });
            ++i;
            continue;
        }
        size_t j = i;
        while (j < forward.size() && forward[j].kind != MqttLineDiff::Unchanged)
            ++j;
        for (size_t r = i; r < j; ++r) {
            if (forward[r].kind == MqttLineDiff::Removed)
                out.append({ MqttLineDiff::Removed, prefix + forward[r].x + 1, 0, a.at(prefix + forward[r].x) });
        }
        for (size_t r = i; r < j; ++r) {
            if (forward[r].kind == MqttLineDiff::Added)
                out.append({ MqttLineDiff::Added, 0, prefix + forward[r].y + 1, b.at(prefix + forward[r].y) });
        }
        i = j;
    }
    for (int s = 0; s < suffix; ++s) {
        const int oldIndex = int(a.size()) - suffix + s;
        const int newIndex = int(b.size()) - suffix + s;
        out.append({ MqttLineDiff::Unchanged, oldIndex + 1, newIndex + 1, a.at(oldIndex) });
    }
    return out;
}

namespace {

struct JsonDiffer
{
    QList<MqttJsonChange> changes;
    int maxChanges;
    bool complete = true;

    bool add(MqttJsonChange::Kind kind, const QString &path, const MqttJson::Node *oldNode,
             const MqttJson::Node *newNode)
    {
        if (changes.size() >= maxChanges) {
            complete = false;
            return false;
        }
        changes.append({ kind, path, oldNode ? QString::fromUtf8(oldNode->compact()) : QString(),
                         newNode ? QString::fromUtf8(newNode->compact()) : QString() });
        return true;
    }

    static bool sameScalar(const MqttJson::Node &a, const MqttJson::Node &b)
    {
        if (a.type == MqttJson::Type::String)
            return a.raw == b.raw || MqttJson::decodeString(a.raw) == MqttJson::decodeString(b.raw);
        return a.raw == b.raw;
    }

    bool diff(const QString &path, const MqttJson::Node &a, const MqttJson::Node &b)
    {
        if (a.type != b.type)
            return add(MqttJsonChange::Changed, path, &a, &b);
        switch (a.type) {
        case MqttJson::Type::Object: {
            QSet<QString> seen;
            for (qsizetype i = 0; i < a.keys.size(); ++i) {
                const QString &key = a.keys.at(i);
                if (seen.contains(key))
                    continue;
                seen.insert(key);
                const MqttJson::Node *oldValue = a.member(key);
                const MqttJson::Node *newValue = b.member(key);
                const QString childPath = MqttJson::appendKey(path, key);
                const bool goOn = newValue ? diff(childPath, *oldValue, *newValue)
                                           : add(MqttJsonChange::Removed, childPath, oldValue, nullptr);
                if (!goOn)
                    return false;
            }
            for (qsizetype i = 0; i < b.keys.size(); ++i) {
                const QString &key = b.keys.at(i);
                if (seen.contains(key))
                    continue;
                seen.insert(key);
                if (!add(MqttJsonChange::Added, MqttJson::appendKey(path, key), nullptr, b.member(key)))
                    return false;
            }
            return true;
        }
        case MqttJson::Type::Array: {
            const size_t common = qMin(a.children.size(), b.children.size());
            for (size_t i = 0; i < common; ++i) {
                if (!diff(MqttJson::appendIndex(path, qsizetype(i)), a.children[i], b.children[i]))
                    return false;
            }
            for (size_t i = common; i < a.children.size(); ++i) {
                if (!add(MqttJsonChange::Removed, MqttJson::appendIndex(path, qsizetype(i)), &a.children[i], nullptr))
                    return false;
            }
            for (size_t i = common; i < b.children.size(); ++i) {
                if (!add(MqttJsonChange::Added, MqttJson::appendIndex(path, qsizetype(i)), nullptr, &b.children[i]))
                    return false;
            }
            return true;
        }
        default:
            return sameScalar(a, b) || add(MqttJsonChange::Changed, path, &a, &b);
        }
    }
};

} // namespace

std::optional<QList<MqttJsonChange>> MqttPayloadDiff::diffJson(const QByteArray &oldJson, const QByteArray &newJson,
                                                               QString *errorString, int maxChanges, bool *complete)
{
    QString error;
    const std::optional<MqttJson::Node> a = MqttJson::parseTree(oldJson, &error);
    if (!a) {
        if (errorString)
            *errorString = QCoreApplication::translate("MqttPayloadDiff", "The old payload is not JSON: %1").arg(error);
        return std::nullopt;
    }
    const std::optional<MqttJson::Node> b = MqttJson::parseTree(newJson, &error);
    if (!b) {
        if (errorString)
            *errorString = QCoreApplication::translate("MqttPayloadDiff", "The new payload is not JSON: %1").arg(error);
        return std::nullopt;
    }
    JsonDiffer differ;
    differ.maxChanges = qMax(0, maxChanges);
    differ.diff(QString(), *a, *b);
    if (complete)
        *complete = differ.complete;
    return differ.changes;
}

QDebug operator<<(QDebug debug, const MqttLineDiff &line)
{
    QDebugStateSaver saver(debug);
    const char *mark = line.kind == MqttLineDiff::Added ? "+ " : line.kind == MqttLineDiff::Removed ? "- " : "  ";
    debug.nospace() << "MqttLineDiff(" << mark << line.text << " old " << line.oldLine << " new "
                    << line.newLine << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const MqttJsonChange &change)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "MqttJsonChange(" << change.kind << ' ' << change.path << ": " << change.oldValue
                    << " -> " << change.newValue << ')';
    return debug;
}
