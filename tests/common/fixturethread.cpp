// Test support, not API.
#include "fixturethread_p.h"

#include <QtCore/QMetaObject>

FixtureThread::FixtureThread(const QString &name)
    : m_invoker(new QObject)
    , m_context(new QObject)
{
    m_thread.setObjectName(name);
    m_invoker->moveToThread(&m_thread);
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

FixtureThread::~FixtureThread()
{
    call([this] {
        delete m_context;
        m_context = nullptr;
    });
    m_thread.quit();
    m_thread.wait();
    // The thread has finished: the invoker may be deleted from here.
    delete m_invoker;
}

void FixtureThread::call(const std::function<void()> &function) const
{
    if (QThread::currentThread() == &m_thread) {
        function();
        return;
    }
    QMetaObject::invokeMethod(m_invoker, function, Qt::BlockingQueuedConnection);
}

QObject *FixtureThread::context() const
{
    return m_context;
}
