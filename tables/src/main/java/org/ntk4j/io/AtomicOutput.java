package org.ntk4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of output files that appear all together or not at all: each is written to a temporary file beside its
 * target and moved into place by {@link #commit()}; {@link #close()} without a commit deletes the temporaries, so
 * a failure never leaves a half-written file behind.
 */
public final class AtomicOutput implements AutoCloseable {

    /** Writes one file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private final List<Path[]> pending = new ArrayList<>();
    private boolean committed;

    /** Writes {@code content} to a temporary file that {@link #commit()} will move to {@code target}. */
    public void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputFormatException(target + ": the directory " + dir + " does not exist");
        }
        // Not Files.createTempFile: that makes the file owner-only (0600); a plain new file gets the umask's mode,
        // as any other output file would.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                + COUNTER.incrementAndGet() + ".part");
        pending.add(new Path[] {tmp, absolute});
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            content.writeTo(out);
        }
    }

    /** Moves every temporary file into place. */
    public void commit() throws IOException {
        for (Path[] p : pending) {
            try {
                Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            for (Path[] p : pending) {
                try {
                    Files.deleteIfExists(p[0]);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named *.part
                }
            }
        }
    }
}
