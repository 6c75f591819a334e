package org.vidshare.core.codec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.mina.core.polling.AbstractPollingIoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;

/**
 * Resumes reading a session at once. MINA 2.2 {@code resumeRead()} only changes the selection key's
 * interest ops, which a selector already blocked in {@code select()} ignores until that call times
 * out (1 s): every upload payload would start up to a second late, and a short stall timeout would
 * fire before the first payload byte is read. Waking the session's processor applies the change now.
 */
final class ReadResumption {
    private static final Method WAKEUP = wakeupMethod();

    private ReadResumption() {
    }

    static void resume(IoSession session) {
        session.resumeRead();
        if (WAKEUP == null) {
            return;
        }
        AbstractPollingIoProcessor<?> processor = pollingProcessorOf(session);
        if (processor != null) {
            try {
                WAKEUP.invoke(processor);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // Reading still resumes, only at the selector's next timeout.
            }
        }
    }

    /**
     * The processor that polls this session. An acceptor's sessions report a processor pool; the pool
     * keeps the session's own processor in a session attribute, whose key is private, so look by type.
     */
    private static AbstractPollingIoProcessor<?> pollingProcessorOf(IoSession session) {
        if (session instanceof AbstractIoSession polled && polled.getProcessor() instanceof AbstractPollingIoProcessor<?> own) {
            return own;
        }
        for (Object key : session.getAttributeKeys()) {
            if (session.getAttribute(key) instanceof AbstractPollingIoProcessor<?> processor) {
                return processor;
            }
        }
        return null;
    }

    private static Method wakeupMethod() {
        try {
            // Protected in MINA; mina-core is an automatic module, so its packages are open to us.
            Method wakeup = AbstractPollingIoProcessor.class.getDeclaredMethod("wakeup");
            wakeup.setAccessible(true);
            return wakeup;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}
