// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTOPIC_P_H
#define MQTTTOPIC_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <QtCore/QByteArrayView>
#include <QtCore/QString>
#include <QtCore/QStringView>

#include <cstring>

namespace MqttTopic {

// Empty if \a topic may be published to; else why not, as a sentence that begins with
// \a what ("The topic", "The will topic") and names the topic and the rule it breaks.
QString nameProblem(QStringView topic, QLatin1String what);
// The same for a topic filter one subscribes to, and for the structure of a shared
// subscription ($share/{ShareName}/{filter}, MQTT 5 4.8.2, which brokers such as
// mosquitto apply to every version).
QString filterProblem(QStringView filter);

// Topic rules shared by QStringView (public API) and QByteArrayView (UTF-8 bytes on the
// wire), so the receive path can match without converting topics to UTF-16.

template<typename View>
bool isValidFilter(View filter)
{
    if (filter.isEmpty())
        return false;
    const auto n = filter.size();
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = filter[i];
        if (c == u'\0')
            return false;
        if (c == u'+') {
            // [MQTT-4.7.1-3] the single-level wildcard occupies an entire level
            if ((i > 0 && filter[i - 1] != u'/') || (i + 1 < n && filter[i + 1] != u'/'))
                return false;
        } else if (c == u'#') {
            // [MQTT-4.7.1-2] the multi-level wildcard is the last character, alone in its level
            if (i + 1 != n || (i > 0 && filter[i - 1] != u'/'))
                return false;
        }
    }
    return true;
}

template<typename View>
bool isValidName(View topic)
{
    if (topic.isEmpty())
        return false;
    for (auto c : topic) {
        if (c == u'+' || c == u'#' || c == u'\0') // [MQTT-3.3.2-2]
            return false;
    }
    return true;
}

// The same for UTF-8 bytes on the receive path: memchr() scans a word at a time, where
// the loop above goes byte by byte.
inline bool isValidName(QByteArrayView topic)
{
    const char *d = topic.data();
    const size_t n = size_t(topic.size());
    return n != 0 && !std::memchr(d, '+', n) && !std::memchr(d, '#', n) && !std::memchr(d, '\0', n);
}

// Assumes both arguments are valid (see isValidFilter/isValidName).
template<typename FView, typename TView>
bool matchesValid(FView filter, TView topic)
{
    // [MQTT-4.7.2-1] wildcards at the first level do not match topics starting with '$'
    if (!topic.isEmpty() && topic[0] == u'$' && (filter[0] == u'+' || filter[0] == u'#'))
        return false;
    qsizetype f = 0, t = 0;
    const qsizetype fn = filter.size(), tn = topic.size();
    while (f < fn) {
        if (filter[f] == u'#')
            return true; // matches this level and everything below, including the parent
        if (filter[f] == u'+') {
            while (t < tn && topic[t] != u'/')
                ++t;
            ++f;
        } else {
            while (f < fn && filter[f] != u'/') {
                if (t >= tn || topic[t] != filter[f])
                    return false;
                ++f;
                ++t;
            }
            if (t < tn && topic[t] != u'/')
                return false;
        }
        // Both are now at a level separator or at their end.
        const bool fEnd = f >= fn, tEnd = t >= tn;
        if (fEnd || tEnd) {
            if (fEnd && tEnd)
                return true;
            // "a/#" matches "a": the filter has "/#" left and the topic has ended.
            return tEnd && f + 2 == fn && filter[f] == u'/' && filter[f + 1] == u'#';
        }
        ++f; // skip '/'
        ++t;
    }
    return t >= tn;
}

} // namespace MqttTopic

#endif // MQTTTOPIC_P_H
