// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It may change from version to version
// without notice, or even be removed.

#ifndef MQTTWIDGETUTILS_P_H
#define MQTTWIDGETUTILS_P_H

#include <QtCore/QLocale>
#include <QtGui/QFont>
#include <QtGui/QFontDatabase>
#include <QtGui/QPalette>

namespace MqttWidgetUtils {

// True when the palette's base colour is dark (a dark theme).
inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// "1.5 KiB", "12 bytes": sizes as people read them, in the user's locale.
inline QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 2, QLocale::DataSizeIecFormat);
}

inline QFont monospaceFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

} // namespace MqttWidgetUtils

#endif // MQTTWIDGETUTILS_P_H
