// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef APPEARANCE_H
#define APPEARANCE_H

#include <QtCore/QCoreApplication>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtGui/QIcon>

class QTranslator;

// Light and dark themes, icons drawn for the current palette, and the user interface
// language. Composition only: no widget logic here.
namespace Appearance {

enum class Theme { System, Light, Dark };

// Applies a theme to the application: Fusion with a light or dark palette, or the
// platform's own style and palette (System). Icons follow the new palette by themselves.
void applyTheme(Theme theme);
Theme currentTheme();
bool isDarkPalette();
QString themeKey(Theme theme);
Theme themeFromKey(const QString &key);

// The icon ":/icons/<name>.svg" drawn with the application palette's text colour for
// "currentColor" at the time it is painted (accent colours in the drawing are kept).
QIcon icon(const QString &name);

// Installs the translations for language (e.g. "zh_CN", "en"; empty: the system's
// language; an explicit language also becomes the default QLocale) and returns the language actually used ("en" when there is no catalogue for
// the one asked for). Replaces translators installed before.
QString installTranslations(const QString &language);
// The languages with a catalogue, as codes.
QStringList availableLanguages();
// The language's own name ("English", "简体中文").
QString languageName(const QString &code);

} // namespace Appearance

#endif // APPEARANCE_H
