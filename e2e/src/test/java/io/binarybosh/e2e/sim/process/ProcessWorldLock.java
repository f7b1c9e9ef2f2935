package io.binarybosh.e2e.sim.process;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One test class with process-mode worlds at a time on the machine, across the test JVMs (a lock on a file in the
 * temporary directory, held from before the class's first test to after its last). Those worlds run real sshd, monit,
 * sudo, rsync and operator JVMs: two at once made each take twice as long and lose the races a real VM does not
 * (a VM's boot, a copy that a fault is to interrupt). The other classes run beside them.
 */
public final class ProcessWorldLock implements BeforeAllCallback, AfterAllCallback {

    static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "binary-bosh-e2e-process-worlds.lock");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProcessWorldLock.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        context.getStore(NAMESPACE).put(context.getRequiredTestClass(), new Held(channel, lock));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Held held = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), Held.class);
        if (held != null) {
            held.release();
        }
    }

    private record Held(FileChannel channel, FileLock lock) {
        void release() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
