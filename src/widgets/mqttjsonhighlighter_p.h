// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It may change from version to version
// without notice, or even be removed.

#ifndef MQTTJSONHIGHLIGHTER_P_H
#define MQTTJSONHIGHLIGHTER_P_H

#include <QtGui/QSyntaxHighlighter>
#include <QtGui/QTextCharFormat>

// Colours keys, strings, numbers and literals of pretty-printed JSON, one line at a time
// (strings never span lines in MqttJson's output). Colours follow the palette's lightness.
class MqttJsonHighlighter : public QSyntaxHighlighter
{
public:
    explicit MqttJsonHighlighter(QTextDocument *document);
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

#endif // MQTTJSONHIGHLIGHTER_P_H
