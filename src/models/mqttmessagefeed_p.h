// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGEFEED_P_H
#define MQTTMESSAGEFEED_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttmessagefeed.h"

#include <QtCore/QHash>

#include <mutex>
#include <vector>

struct MqttFeedEntry
{
    MqttMessage message;
    qint64 arrivalMsecs = 0;
    // Messages on the same topic replaced by this one while the buffer was full.
    quint32 skippedBefore = 0;
};

class MqttMessageFeedPrivate
{
public:
    static MqttMessageFeedPrivate *get(MqttMessageFeed *feed) { return feed->d.get(); }

    // Moves every waiting entry to the end of \a out (normally empty, handed back each
    // tick so its capacity is reused). Called by the draining model, in its thread;
    // exported for the feed's unit test.
    MQTTQT_MODELS_EXPORT void take(std::vector<MqttFeedEntry> &out);

    mutable std::mutex mutex;
    std::vector<MqttFeedEntry> pending;
    qint64 pendingBytes = 0;
    // Built when the buffer overflows: topic -> index of its latest waiting entry.
    QHash<QByteArray, qsizetype> latestIndex;
    bool coalescing = false;
    int maxMessages = 100000;
    qint64 maxBytes = qint64(64) << 20;
    qint64 received = 0;
    qint64 skipped = 0;
    qint64 rejected = 0;
};

#endif // MQTTMESSAGEFEED_P_H
