// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMODELUTILS_P_H
#define MQTTMODELUTILS_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <MqttQt/mqttproperties.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QVariantMap>

#include <algorithm>
#include <memory>
#include <utility>

namespace MqttModels {

// Payload preview shared by the tree and the history model: one line of at most
// maxChars characters; text when the bytes are UTF-8 without control characters other
// than tab and line breaks (which become spaces), else the bytes in hex. A preview that
// does not show the whole payload ends in U+2026.
QString payloadPreview(const QByteArray &payload, int maxChars);

// The properties as a QVariantMap for QML: key = Mqtt::PropertyId name; integers as
// numbers, strings as strings, binary data as QByteArray; "UserProperty" as a list of
// {name, value} maps in wire order; "SubscriptionIdentifier" as a list of numbers.

// UTF-8 to QString keeping a leading U+FEFF, which is part of a topic [MQTT-1.5.4-3].
QString topicFromUtf8(const QByteArray &utf8);

// Local date and time with milliseconds, for the display role.
QString formatTimestamp(qint64 msecsSinceEpoch);

// A FIFO ring with an exact, caller-chosen capacity growth: grows by doubling up to the
// limit given to reserve(), so a history bounded at 1,000 never allocates 2,048 slots,
// and shrinks when mostly empty. Elements removed from the front are reset at once (a
// payload is released when it leaves the history, not when its slot is reused).
template<typename T>
class Ring
{
public:
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    int capacity() const { return m_capacity; }

    const T &at(int i) const { return m_data[slot(i)]; }
    T &operator[](int i) { return m_data[slot(i)]; }
    const T &back() const { return at(m_size - 1); }

    // Makes room for \a needed elements; the capacity stays within max(limit, needed).
    void reserve(int needed, int limit)
    {
        if (needed <= m_capacity)
            return;
        int capacity = std::max(m_capacity * 2, 1);
        capacity = std::min(capacity, std::max(limit, needed));
        capacity = std::max(capacity, needed);
        relocate(capacity);
    }

    void pushBack(T &&value)
    {
        Q_ASSERT(m_size < m_capacity);
        m_data[slot(m_size)] = std::move(value);
        ++m_size;
    }

    void popFront(int count)
    {
        Q_ASSERT(count <= m_size);
        for (int i = 0; i < count; ++i) {
            m_data[m_head] = T();
            m_head = m_head + 1 == m_capacity ? 0 : m_head + 1;
        }
        m_size -= count;
        if (m_size == 0)
            m_head = 0;
    }

    // Halves the storage while at most a quarter of it is used.
    void squeeze()
    {
        if (m_capacity > 4 && m_size <= m_capacity / 4)
            relocate(std::max(m_size * 2, 1));
    }

    void clear()
    {
        m_data.reset();
        m_capacity = m_size = m_head = 0;
    }

private:
    int slot(int i) const
    {
        const int s = m_head + i;
        return s >= m_capacity ? s - m_capacity : s;
    }

    void relocate(int capacity)
    {
        std::unique_ptr<T[]> data(new T[size_t(capacity)]);
        for (int i = 0; i < m_size; ++i)
            data[size_t(i)] = std::move(m_data[slot(i)]);
        m_data = std::move(data);
        m_capacity = capacity;
        m_head = 0;
    }

    std::unique_ptr<T[]> m_data;
    int m_capacity = 0;
    int m_size = 0;
    int m_head = 0;
};

} // namespace MqttModels

#endif // MQTTMODELUTILS_P_H
