// Test support, not API: the worker thread behind FaultProxy, WebSocketRelay and the proxies.
#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QThread>

#include <functional>

/*!
    A thread with an event loop of its own for a fixture's sockets and timers, so that the
    fixture keeps relaying while the test's own thread is blocked (a blocking
    waitForReadyRead(), a QThread::msleep(), a synchronous client).

    Every object of the fixture lives in this thread, as a child of context(), and is only
    ever touched there: call() runs a function in the thread and waits for it to return.
    Fixtures route every public method through call(), which makes them thread-safe without
    locks. Called from the fixture's own thread (from a callback), call() runs the function
    directly instead of deadlocking.
*/
class FixtureThread
{
public:
    /*! Starts the thread, named \a name in debuggers. */
    explicit FixtureThread(const QString &name);
    /*! Deletes context() and its children in the thread, then stops the thread and waits
        for it. */
    ~FixtureThread();

    FixtureThread(const FixtureThread &) = delete;
    FixtureThread &operator=(const FixtureThread &) = delete;

    /*! Runs \a function in the thread and returns when it has returned. */
    void call(const std::function<void()> &function) const;

    /*! Returns an object that lives in the thread: the parent of every worker object. */
    QObject *context() const;

private:
    QThread m_thread;
    // Receives call()'s functions; outlives m_context so that deleting the context never
    // happens inside an event handler of its own.
    QObject *m_invoker = nullptr;
    QObject *m_context = nullptr;
};
