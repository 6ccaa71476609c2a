// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttjsonhighlighter_p.h"

MqttJsonHighlighter::MqttJsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setDark(false);
}

void MqttJsonHighlighter::setDark(bool dark)
{
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x45, 0x8b));
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_literal.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
    m_literal.setFontWeight(QFont::DemiBold);
    if (document())
        rehighlight();
}

void MqttJsonHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            const qsizetype start = i++;
            while (i < n && text.at(i) != u'"') {
                if (text.at(i) == u'\\')
                    ++i;
                ++i;
            }
            i = qMin(i + 1, n);
            qsizetype after = i;
            while (after < n && text.at(after) == u' ')
                ++after;
            const bool isKey = after < n && text.at(after) == u':';
            setFormat(int(start), int(i - start), isKey ? m_key : m_string);
            continue;
        }
        if (c == u'-' || c.isDigit()) {
            const qsizetype start = i;
            while (i < n && (text.at(i).isDigit() || text.at(i) == u'-' || text.at(i) == u'+'
                             || text.at(i) == u'.' || text.at(i) == u'e' || text.at(i) == u'E'))
                ++i;
            setFormat(int(start), int(i - start), m_number);
            continue;
        }
        if (c == u't' || c == u'f' || c == u'n') {
            const qsizetype start = i;
            while (i < n && text.at(i).isLetter())
                ++i;
            setFormat(int(start), int(i - start), m_literal);
            continue;
        }
        ++i;
    }
}
