// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttvaluechartview.h"
#include "mqttvalueextractor.h"
#include "mqttwidgetutils_p.h"

#include <MqttQt/mqttmessagehistorymodel.h>

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtCore/QAbstractItemModel>
#include <QtCore/QDateTime>
#include <QtCore/QEvent>
#include <QtCore/QPointer>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QVBoxLayout>

#include <cmath>

using namespace MqttWidgetUtils;

class MqttValueChartViewPrivate
{
public:
    explicit MqttValueChartViewPrivate(MqttValueChartView *q) : q(q) {}

    struct Row
    {
        qint64 time = 0;
        double value = 0;
        bool ok = false;
    };

    void build();
    void retranslate();
    void applyTheme();
    void connectModel();
    void rebuild();
    void readRows(int first, int last);
    void trimFront();
    void refresh();
    void suggestPaths();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void modelChangedWholesale();

    MqttValueChartView *q;
    QPointer<QAbstractItemModel> model;
    QList<QMetaObject::Connection> connections;
    QString path;
    bool pathValid = true;
    QString pathError;
    int timestampRole = MqttMessageHistoryModel::TimestampMsecsRole;
    int payloadRole = MqttMessageHistoryModel::PayloadRole;
    int maxPoints = 10000;
    QList<Row> rows;
    int firstRow = 0;
    QString latestError;
    bool dirty = false;
    int pointCount = 0;
    int unusable = 0;
    QString status;
    QList<QPointF> points;
    QByteArray suggestedFrom;

    QComboBox *pathBox = nullptr;
    QLabel *pathLabel = nullptr;
    QLabel *statusLabel = nullptr;
    QChart *chart = nullptr;
    QChartView *chartView = nullptr;
    QLineSeries *series = nullptr;
    QDateTimeAxis *axisX = nullptr;
    QValueAxis *axisY = nullptr;
};

void MqttValueChartViewPrivate::build()
{
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    pathLabel = new QLabel(q);
    pathBox = new QComboBox(q);
    pathBox->setObjectName(QStringLiteral("chartValuePath"));
    pathBox->setEditable(true);
    pathBox->setInsertPolicy(QComboBox::NoInsert);
    pathBox->setMinimumContentsLength(24);
    pathBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    pathLabel->setBuddy(pathBox);
    statusLabel = new QLabel(q);
    statusLabel->setObjectName(QStringLiteral("chartStatus"));
    statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusLabel->setWordWrap(true);
    bar->addWidget(pathLabel);
    bar->addWidget(pathBox);
    bar->addWidget(statusLabel, 1);
    layout->addLayout(bar);

    chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    series = new QLineSeries(chart);
    chart->addSeries(series);
    axisX = new QDateTimeAxis(chart);
    axisX->setFormat(QStringLiteral("HH:mm:ss"));
    axisX->setTickCount(5);
    axisY = new QValueAxis(chart);
    axisY->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    chartView = new QChartView(chart, q);
    chartView->setObjectName(QStringLiteral("chartView"));
    chartView->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(chartView, 1);

    QObject::connect(pathBox, &QComboBox::textActivated, q, [this](const QString &text) {
        q->setValuePath(text.trimmed());
    });
    QObject::connect(pathBox->lineEdit(), &QLineEdit::editingFinished, q, [this] {
        q->setValuePath(pathBox->currentText().trimmed());
    });
    retranslate();
    applyTheme();
}

void MqttValueChartViewPrivate::retranslate()
{
    pathLabel->setText(MqttValueChartView::tr("&Value:"));
    pathBox->lineEdit()->setPlaceholderText(MqttValueChartView::tr("the payload itself, or a field such as sensors.temp"));
    pathBox->setToolTip(MqttValueChartView::tr("Which number to chart: empty for the payload itself, or a JSON "
                                               "field path such as sensors.temp, data[0].v or [\"a.b\"]"));
}

void MqttValueChartViewPrivate::applyTheme()
{
    const bool dark = isDark(q->palette());
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(q->palette().base());
    chart->legend()->hide();
    QPen pen(dark ? QColor(0x4f, 0xc3, 0xf7) : QColor(0x1f, 0x6f, 0xb5));
    pen.setWidthF(1.8);
    series->setPen(pen);
    chartView->setBackgroundBrush(q->palette().base());
}

void MqttValueChartViewPrivate::connectModel()
{
    for (const QMetaObject::Connection &c : std::as_const(connections))
        QObject::disconnect(c);
    connections.clear();
    if (!model)
        return;
    QAbstractItemModel *m = model;
    connections << QObject::connect(m, &QAbstractItemModel::rowsInserted, q,
                                    [this](const QModelIndex &p, int f, int l) { onRowsInserted(p, f, l); });
    connections << QObject::connect(m, &QAbstractItemModel::rowsRemoved, q,
                                    [this](const QModelIndex &p, int f, int l) { onRowsRemoved(p, f, l); });
    connections << QObject::connect(m, &QAbstractItemModel::modelReset, q, [this] { modelChangedWholesale(); });
    connections << QObject::connect(m, &QAbstractItemModel::layoutChanged, q, [this] { modelChangedWholesale(); });
    connections << QObject::connect(m, &QAbstractItemModel::rowsMoved, q, [this] { modelChangedWholesale(); });
    connections << QObject::connect(m, &QAbstractItemModel::dataChanged, q, [this] { modelChangedWholesale(); });
    connections << QObject::connect(m, &QObject::destroyed, q, [this] {
        rows.clear();
        firstRow = 0;
        refresh();
        Q_EMIT q->modelChanged();
    });
}

void MqttValueChartViewPrivate::readRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model->index(row, 0);
        Row r;
        r.time = index.data(timestampRole).toLongLong();
        if (pathValid) {
            QString why;
            const auto value = MqttValueExtractor::number(index.data(payloadRole).toByteArray(), path, &why);
            r.ok = value.has_value();
            r.value = value.value_or(0);
            if (row == last)
                latestError = r.ok ? QString() : why;
        }
        rows.append(r);
    }
}

void MqttValueChartViewPrivate::trimFront()
{
    const int excess = int(rows.size()) - maxPoints;
    if (excess > 0) {
        rows.remove(0, excess);
        firstRow += excess;
    }
}

void MqttValueChartViewPrivate::rebuild()
{
    dirty = false;
    rows.clear();
    firstRow = 0;
    latestError.clear();
    if (model) {
        const int count = model->rowCount();
        firstRow = qMax(0, count - maxPoints);
        if (count > 0)
            readRows(firstRow, count - 1);
    }
    refresh();
    suggestPaths();
}

void MqttValueChartViewPrivate::suggestPaths()
{
    if (!model || model->rowCount() == 0)
        return;
    const QByteArray latest = model->index(model->rowCount() - 1, 0).data(payloadRole).toByteArray();
    if (latest == suggestedFrom)
        return;
    suggestedFrom = latest;
    QStringList paths = MqttValueExtractor::numericPaths(latest, 100);
    paths.removeAll(QString());
    const QString current = pathBox->currentText();
    QStringList existing;
    for (int i = 0; i < pathBox->count(); ++i)
        existing << pathBox->itemText(i);
    if (existing == paths)
        return;
    const QSignalBlocker blocker(pathBox);
    pathBox->clear();
    pathBox->addItems(paths);
    pathBox->setEditText(current);
}

void MqttValueChartViewPrivate::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    if (!q->isVisible()) {
        dirty = true;
        return;
    }
    if (first != firstRow + rows.size()) {
        rebuild();
        return;
    }
    readRows(first, last);
    trimFront();
    refresh();
    if (rows.size() == last - first + 1 || path.isEmpty())
        suggestPaths();
}

void MqttValueChartViewPrivate::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    if (!q->isVisible()) {
        dirty = true;
        return;
    }
    if (first != 0) {
        rebuild();
        return;
    }
    const int count = last + 1;
    if (firstRow >= count) {
        firstRow -= count;
    } else {
        rows.remove(0, qMin<qsizetype>(rows.size(), count - firstRow));
        firstRow = 0;
    }
    refresh();
}

void MqttValueChartViewPrivate::modelChangedWholesale()
{
    if (!q->isVisible()) {
        dirty = true;
        return;
    }
    rebuild();
}

void MqttValueChartViewPrivate::refresh()
{
    points.clear();
    points.reserve(rows.size());
    unusable = 0;
    double minY = 0, maxY = 0;
    for (const Row &r : std::as_const(rows)) {
        if (!r.ok) {
            ++unusable;
            continue;
        }
        if (points.isEmpty()) {
            minY = maxY = r.value;
        } else {
            minY = qMin(minY, r.value);
            maxY = qMax(maxY, r.value);
        }
        points.append(QPointF(double(r.time), r.value));
    }
    pointCount = int(points.size());
    series->replace(points);
    series->setPointsVisible(pointCount <= 60);
    if (pointCount > 0) {
        qint64 minX = qint64(points.first().x());
        qint64 maxX = qint64(points.last().x());
        if (maxX - minX < 1000) {
            minX -= 500;
            maxX += 500;
        }
        axisX->setFormat(maxX - minX > 2 * 86400000LL ? QStringLiteral("dd.MM HH:mm") : QStringLiteral("HH:mm:ss"));
        axisX->setRange(QDateTime::fromMSecsSinceEpoch(minX), QDateTime::fromMSecsSinceEpoch(maxX));
        double pad = (maxY - minY) * 0.08;
        if (pad == 0)
            pad = qMax(1.0, std::abs(maxY) * 0.05);
        axisY->setRange(minY - pad, maxY + pad);
        axisY->applyNiceNumbers(); // round tick values (70, 72, 74) instead of 70.7138
    }

    QStringList parts;
    if (!pathValid) {
        parts << MqttValueChartView::tr("Invalid value path: %1").arg(pathError);
    } else if (rows.isEmpty()) {
        parts << MqttValueChartView::tr("No messages yet.");
    } else {
        if (pointCount > 0) {
            const QLocale locale;
            parts << MqttValueChartView::tr("points: %L1").arg(pointCount);
            parts << MqttValueChartView::tr("min %1 · max %2 · last %3")
                             .arg(locale.toString(minY, 'g', 10), locale.toString(maxY, 'g', 10),
                                  locale.toString(points.last().y(), 'g', 10));
        }
        if (unusable > 0)
            parts << MqttValueChartView::tr("without a number: %L1").arg(unusable);
        if (!latestError.isEmpty())
            parts << MqttValueChartView::tr("latest: %1").arg(latestError);
        if (firstRow > 0)
            parts << MqttValueChartView::tr("the latest %L1 messages are drawn").arg(rows.size());
    }
    status = parts.join(QStringLiteral(" · "));
    statusLabel->setText(status);
    QPalette p = statusLabel->palette();
    p.setColor(QPalette::WindowText, !pathValid ? QColor(0xc6, 0x28, 0x28) : q->palette().color(QPalette::WindowText));
    statusLabel->setPalette(p);
    Q_EMIT q->pointsChanged();
}

MqttValueChartView::MqttValueChartView(QWidget *parent)
    : QWidget(parent), d(std::make_unique<MqttValueChartViewPrivate>(this))
{
    d->build();
    d->refresh();
}

MqttValueChartView::~MqttValueChartView()
{
    for (const QMetaObject::Connection &c : std::as_const(d->connections))
        QObject::disconnect(c);
}

QAbstractItemModel *MqttValueChartView::model() const { return d->model; }
QString MqttValueChartView::valuePath() const { return d->path; }
int MqttValueChartView::timestampRole() const { return d->timestampRole; }
int MqttValueChartView::payloadRole() const { return d->payloadRole; }
int MqttValueChartView::maxPoints() const { return d->maxPoints; }
int MqttValueChartView::pointCount() const { return d->pointCount; }
int MqttValueChartView::unusableCount() const { return d->unusable; }
QString MqttValueChartView::statusText() const { return d->status; }
QList<QPointF> MqttValueChartView::points() const { return d->points; }

void MqttValueChartView::setModel(QAbstractItemModel *model)
{
    if (d->model == model)
        return;
    d->model = model;
    d->suggestedFrom.clear();
    d->connectModel();
    d->rebuild();
    Q_EMIT modelChanged();
}

void MqttValueChartView::setValuePath(const QString &path)
{
    if (d->pathBox->currentText() != path)
        d->pathBox->setEditText(path);
    if (d->path == path)
        return;
    d->path = path;
    d->pathError.clear();
    d->pathValid = MqttValueExtractor::isValidPath(path, &d->pathError);
    d->rebuild();
    Q_EMIT valuePathChanged(path);
}

void MqttValueChartView::setTimestampRole(int role)
{
    if (d->timestampRole == role)
        return;
    d->timestampRole = role;
    d->rebuild();
    Q_EMIT rolesChanged();
}

void MqttValueChartView::setPayloadRole(int role)
{
    if (d->payloadRole == role)
        return;
    d->payloadRole = role;
    d->rebuild();
    Q_EMIT rolesChanged();
}

void MqttValueChartView::setMaxPoints(int points)
{
    if (points < 2) {
        qWarning("MqttValueChartView::setMaxPoints: %d is below the minimum of 2", points);
        return;
    }
    if (d->maxPoints == points)
        return;
    d->maxPoints = points;
    d->rebuild();
    Q_EMIT maxPointsChanged(points);
}

void MqttValueChartView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (d->dirty)
        d->rebuild();
}

void MqttValueChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        d->retranslate();
        d->refresh();
    } else if (event->type() == QEvent::PaletteChange) {
        d->applyTheme();
        d->refresh();
    }
    QWidget::changeEvent(event);
}
