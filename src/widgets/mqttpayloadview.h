// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTPAYLOADVIEW_H
#define MQTTPAYLOADVIEW_H

#include <MqttQt/mqttqtwidgets_export.h>
#include <MqttQt/mqttpayloadformat.h>
#include <MqttQt/mqttproperties.h>

#include <QtGui/QImage>
#include <QtWidgets/QWidget>

#include <memory>

class MqttPayloadViewPrivate;

/*!
    Shows one MQTT payload the way it is best read: text, pretty-printed JSON (numbers
    exactly as sent, with syntax colours), hex with ASCII, or an image (PNG, JPEG, GIF,
    SVG).

    In AutomaticView (the default) the view is chosen by MqttPayloadFormat::detect() from
    the payload and, when given, its MQTT 5 content type; the user can pick another view
    in the bar at the top, and viewMode() follows that choice.

    <b>Never silently cut.</b> Text and JSON previews show at most previewLimit() bytes of
    payload (hex dumps a quarter of that, as each byte takes about five characters); when
    a preview is shortened, a marker bar says how much is shown out of how much and offers
    "Show all", which calls showFullPayload(). isTruncated() tells the same to code.
    Images are always decoded whole. The marker bar also explains fallbacks, e.g. a
    content type of \c application/json on a payload that is not JSON, or an image that
    cannot be decoded (shown as hex then). "Copy" copies the whole payload, "Save…"
    writes its bytes to a file.
*/
class MQTTQT_WIDGETS_EXPORT MqttPayloadView : public QWidget
{
    Q_OBJECT
    /*! The payload shown (complete); empty by default. */
    Q_PROPERTY(QByteArray payload READ payload NOTIFY payloadChanged)
    /*! The MQTT 5 content type given with the payload; empty by default. */
    Q_PROPERTY(QString contentType READ contentType NOTIFY payloadChanged)
    /*! How the payload is shown; AutomaticView by default. */
    Q_PROPERTY(ViewMode viewMode READ viewMode WRITE setViewMode NOTIFY viewModeChanged)
    /*! The kind the view currently renders (after detection and fallbacks). */
    Q_PROPERTY(MqttPayloadFormat::Kind shownKind READ shownKind NOTIFY displayChanged)
    /*! Payload bytes shown before a preview is shortened; default 262,144 (256 KiB),
        at least 1,024. */
    Q_PROPERTY(int previewLimit READ previewLimit WRITE setPreviewLimit NOTIFY previewLimitChanged)
    /*! True while the preview shows less than the whole payload. */
    Q_PROPERTY(bool truncated READ isTruncated NOTIFY displayChanged)
    /*! The text of the marker bar, empty when hidden. */
    Q_PROPERTY(QString noticeText READ noticeText NOTIFY displayChanged)

public:
    /*! How the payload is shown. */
    enum ViewMode {
        AutomaticView, //!< chosen by MqttPayloadFormat::detect()
        TextView,      //!< UTF-8 text (invalid bytes shown as U+FFFD, with a notice)
        JsonView,      //!< pretty JSON; falls back to text with the parse error
        HexView,       //!< hex and ASCII
        ImageView,     //!< decoded image; falls back to hex with the decoder's error
    };
    Q_ENUM(ViewMode)

    /*! Creates an empty view. */
    explicit MqttPayloadView(QWidget *parent = nullptr);
    /*! Destroys the view. */
    ~MqttPayloadView() override;

    /*! Returns the payload shown. */
    QByteArray payload() const;
    /*! Returns the content type given with the payload. */
    QString contentType() const;
    /*! Returns the view mode. */
    ViewMode viewMode() const;
    /*! Sets the view mode and renders again. */
    void setViewMode(ViewMode mode);
    /*! Returns the kind rendered now. */
    MqttPayloadFormat::Kind shownKind() const;
    /*! Returns the preview limit in bytes. */
    int previewLimit() const;
    /*! Sets the preview limit; a value below 1,024 is refused with a warning and
        changes nothing. Renders again. */
    void setPreviewLimit(int bytes);
    /*! Returns true while the preview shows less than the whole payload. */
    bool isTruncated() const;
    /*! Returns the text of the marker bar, or an empty string when it is hidden. */
    QString noticeText() const;
    /*! Returns the text shown by the text, JSON and hex views (empty for images). */
    QString displayedText() const;
    /*! Returns the image shown by the image view (null otherwise). */
    QImage displayedImage() const;

public Q_SLOTS:
    /*! Shows \a payload, with an optional MQTT 5 \a contentType used by AutomaticView.
        The preview is shortened to previewLimit() again. */
    void setPayload(const QByteArray &payload, const QString &contentType = QString());
    /*! Shows \a payload with the content type and payload format indicator taken from an
        MQTT 5 message's \a properties. */
    void setMessagePayload(const QByteArray &payload, const MqttProperties &properties);
    /*! Shows the whole payload, however large (this may take a moment for many
        megabytes). */
    void showFullPayload();
    /*! Shows nothing, and says "No message" (not "Empty payload"): for no selection, or
        a topic without a message of its own. */
    void clear();

Q_SIGNALS:
    /*! Emitted when setPayload(), setMessagePayload() or clear() changed the payload. */
    void payloadChanged();
    /*! Emitted when the view mode changed, by setViewMode() or by the user. */
    void viewModeChanged(MqttPayloadView::ViewMode mode);
    /*! Emitted after every rendering (new payload, mode, limit, show all). */
    void displayChanged();
    /*! Emitted when setPreviewLimit() changed the limit. */
    void previewLimitChanged(int bytes);

protected:
    /*! Renders again when the language or the palette changes. */
    void changeEvent(QEvent *event) override;

private:
    friend class MqttPayloadViewPrivate;
    std::unique_ptr<MqttPayloadViewPrivate> const d;
};

#endif // MQTTPAYLOADVIEW_H
