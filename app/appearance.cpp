// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "appearance.h"

#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>
#include <QtCore/QTranslator>
#include <QtGui/QIconEngine>
#include <QtGui/QPainter>
#include <QtGui/QPalette>
#include <QtSvg/QSvgRenderer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QStyle>
#include <QtWidgets/QStyleFactory>

#include <memory>
#include <vector>

namespace Appearance {

namespace {

struct State
{
    Theme theme = Theme::System;
    bool captured = false;
    QString systemStyle;
    QPalette systemPalette;
    QHash<QString, QIcon> icons;
    std::vector<std::unique_ptr<QTranslator>> translators;
};

State &state()
{
    static State s;
    return s;
}

QPalette lightPalette()
{
    QPalette p;
    const QColor window(0xf4, 0xf5, 0xf7), base(0xff, 0xff, 0xff), text(0x1d, 0x21, 0x27);
    const QColor highlight(0x1f, 0x6f, 0xb5), disabled(0x9a, 0xa0, 0xa6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf3, 0xf7));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xfb, 0xe6));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x7b));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xe9, 0xec, 0xf0));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc9, 0xd0));
    p.setColor(QPalette::Dark, QColor(0xa0, 0xa6, 0xae));
    p.setColor(QPalette::Light, Qt::white);
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x25, 0x28, 0x2d), base(0x1b, 0x1d, 0x21), text(0xe3, 0xe6, 0xea);
    const QColor highlight(0x3d, 0x8b, 0xfd), disabled(0x6c, 0x72, 0x7a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x2a));
    p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x37, 0x3d));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8d, 0x94, 0x9c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x35, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::Mid, QColor(0x44, 0x49, 0x50));
    p.setColor(QPalette::Dark, QColor(0x15, 0x17, 0x1a));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x46));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

// Draws an SVG icon at every size asked for, with "currentColor" taken from the
// application's palette when it is painted, so icons follow theme changes by themselves.
class SvgIconEngine : public QIconEngine
{
public:
    explicit SvgIconEngine(const QByteArray &svg) : m_svg(svg) {}

    QByteArray coloured(const QColor &color)
    {
        const QRgb key = color.rgba();
        auto it = m_coloured.constFind(key);
        if (it == m_coloured.constEnd())
            it = m_coloured.insert(key, QByteArray(m_svg).replace("currentColor", color.name().toLatin1()));
        return it.value();
    }
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette palette = QApplication::palette();
        const QColor color = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                                           mode == QIcon::Selected ? QPalette::HighlightedText : QPalette::WindowText);
        QSvgRenderer renderer(coloured(color));
        renderer.render(painter, rect);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter painter(&pm);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }
    QIconEngine *clone() const override { return new SvgIconEngine(*this); }

private:
    QByteArray m_svg;
    QHash<QRgb, QByteArray> m_coloured;
};

} // namespace

bool isDarkPalette()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

QString themeKey(Theme theme)
{
    switch (theme) {
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    case Theme::System: break;
    }
    return QStringLiteral("system");
}

Theme themeFromKey(const QString &key)
{
    if (key == u"light")
        return Theme::Light;
    if (key == u"dark")
        return Theme::Dark;
    return Theme::System;
}

Theme currentTheme()
{
    return state().theme;
}

void applyTheme(Theme theme)
{
    State &s = state();
    if (!s.captured) {
        s.captured = true;
        s.systemStyle = QApplication::style() ? QApplication::style()->name() : QString();
        s.systemPalette = QApplication::palette();
    }
    s.theme = theme;
    switch (theme) {
    case Theme::System:
        if (!s.systemStyle.isEmpty())
            QApplication::setStyle(QStyleFactory::create(s.systemStyle));
        QApplication::setPalette(s.systemPalette);
        break;
    case Theme::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

QIcon icon(const QString &name)
{
    State &s = state();
    const auto it = s.icons.constFind(name);
    if (it != s.icons.constEnd())
        return it.value();
    QFile file(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
    QIcon result;
    if (file.open(QIODevice::ReadOnly)) {
        result = QIcon(new SvgIconEngine(file.readAll()));
    } else {
        qWarning("mqtt-inspector: no icon named %s", qPrintable(name));
    }
    s.icons.insert(name, result);
    return result;
}

QStringList availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("zh_CN") };
}

QString languageName(const QString &code)
{
    if (code == u"zh_CN")
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString installTranslations(const QString &language)
{
    State &s = state();
    for (const auto &t : s.translators)
        QCoreApplication::removeTranslator(t.get());
    s.translators.clear();
    QString chosen = language;
    if (chosen.isEmpty()) {
        const QStringList ui = QLocale().uiLanguages();
        chosen = QStringLiteral("en");
        for (const QString &l : ui) {
            const QString normalized = QString(l).replace(QLatin1Char('-'), QLatin1Char('_'));
            if (normalized.startsWith(u"zh_CN") || normalized.startsWith(u"zh_Hans") || normalized == u"zh") {
                chosen = QStringLiteral("zh_CN");
                break;
            }
            if (normalized.startsWith(u"en"))
                break;
        }
    }
    if (!availableLanguages().contains(chosen))
        chosen = QStringLiteral("en");
    // A language chosen explicitly also sets how numbers, sizes and dates read; the
    // system's choice keeps the system's locale.
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(chosen));
    auto own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral(":/i18n/mqtt-inspector_") + chosen + QStringLiteral(".qm"))) {
        QCoreApplication::installTranslator(own.get());
        s.translators.push_back(std::move(own));
    } else {
        qWarning("mqtt-inspector: the %s translations are missing from the resources", qPrintable(chosen));
    }
    // Qt's own strings (standard dialogs), where the system has them.
    auto qt = std::make_unique<QTranslator>();
    if (chosen != u"en"
        && qt->load(QStringLiteral("qtbase_") + chosen, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        s.translators.push_back(std::move(qt));
    }
    return chosen;
}

} // namespace Appearance
