// Test support, not API: the process's memory use, to prove that it stays bounded.
#pragma once

#include <QtCore/QString>

/*!
    A sample of this process's memory use, taken by sample(). Values a platform cannot
    report are -1 (everything is available on Linux with glibc).

    \code
    ProcessMemory::resetPeak();
    const ProcessMemory before = ProcessMemory::sample();
    ... let a hostile broker flood the client ...
    const ProcessMemory after = ProcessMemory::sample();
    QVERIFY2(after.heapInUseBytes - before.heapInUseBytes < 16 * 1024 * 1024,
             qPrintable(after.toString()));
    \endcode
*/
class ProcessMemory
{
public:
    /*! Resident set size now (VmRSS in /proc/self/status), in bytes. */
    qint64 residentBytes = -1;
    /*! Highest resident set size since the start or the last resetPeak() (VmHWM), in
        bytes. */
    qint64 peakResidentBytes = -1;
    /*! Bytes allocated with malloc() and not freed, from glibc's mallinfo2(): small
        allocations (uordblks) plus mmap()ed large ones (hblkhd). Under AddressSanitizer,
        whose allocator replaces glibc's, its own count of allocated bytes. */
    qint64 heapInUseBytes = -1;

    /*! Reads the current values. */
    static ProcessMemory sample();
    /*! Sets the peak (VmHWM) back to the current resident size by writing "5" to
        /proc/self/clear_refs (Linux 4.0 and later). Returns false when that is
        impossible. */
    static bool resetPeak();
    /*! Returns e.g. "rss 12.3 MiB, peak 15.0 MiB, heap 4.1 MiB". */
    QString toString() const;
};
