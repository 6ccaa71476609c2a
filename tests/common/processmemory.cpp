// Test support, not API.
#include "processmemory.h"

#include <QtCore/QByteArray>
#include <QtCore/QFile>
#include <QtCore/QList>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define MQTTQT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MQTTQT_ASAN 1
#endif
#endif

#ifdef MQTTQT_ASAN
// AddressSanitizer replaces malloc(), so glibc's counters stay at zero; its own allocator
// reports instead (declared in <sanitizer/allocator_interface.h>, which gcc does not ship).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace {

// Returns the value of a "Name:   1234 kB" line of /proc/self/status in bytes, or -1.
qint64 statusField(const QByteArray &status, const QByteArray &name)
{
    for (const QByteArray &line : status.split('\n')) {
        if (!line.startsWith(QByteArray(name + ':')))
            continue;
        const QList<QByteArray> parts = line.mid(name.size() + 1).simplified().split(' ');
        bool ok = false;
        const qint64 value = parts.value(0).toLongLong(&ok);
        if (!ok)
            return -1;
        return parts.value(1) == "kB" ? value * 1024 : value;
    }
    return -1;
}

QString mebibytes(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("unknown");
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

ProcessMemory ProcessMemory::sample()
{
    ProcessMemory m;
    QFile file(QStringLiteral("/proc/self/status"));
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray status = file.readAll();
        m.residentBytes = statusField(status, "VmRSS");
        m.peakResidentBytes = statusField(status, "VmHWM");
    }
#if defined(MQTTQT_ASAN)
    m.heapInUseBytes = qint64(__sanitizer_get_current_allocated_bytes());
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    const struct mallinfo2 info = mallinfo2();
    m.heapInUseBytes = qint64(info.uordblks) + qint64(info.hblkhd);
#endif
    return m;
}

bool ProcessMemory::resetPeak()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write("5") == 1 && file.flush();
}

QString ProcessMemory::toString() const
{
    return QStringLiteral("rss %1, peak %2, heap %3")
        .arg(mebibytes(residentBytes), mebibytes(peakResidentBytes), mebibytes(heapInUseBytes));
}
