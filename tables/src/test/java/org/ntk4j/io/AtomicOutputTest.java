package org.ntk4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    private String[] names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void filesAppearTogetherOnCommitWithOrdinaryPermissions() throws IOException {
        try (AtomicOutput out = new AtomicOutput()) {
            out.write(dir.resolve("a.txt"), o -> o.write('a'));
            out.write(dir.resolve("b.txt"), o -> o.write('b'));
            assertThat(Files.exists(dir.resolve("a.txt"))).isFalse();
            out.commit();
        }
        assertThat(names()).containsExactly("a.txt", "b.txt");
        assertThat(Files.readString(dir.resolve("b.txt"))).isEqualTo("b");
        // The same mode as any file created here (the umask's), not createTempFile's owner-only 0600.
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("a.txt")))
                .isEqualTo(Files.getPosixFilePermissions(ordinary));
    }

    @Test
    void nothingIsLeftWhenWritingFails() throws IOException {
        assertThatThrownBy(() -> {
            try (AtomicOutput out = new AtomicOutput()) {
                out.write(dir.resolve("a.txt"), o -> o.write('a'));
                out.write(dir.resolve("b.txt"), o -> {
                    throw new IOException("disk full");
                });
                out.commit();
            }
        }).hasMessageContaining("disk full");
        assertThat(names()).isEmpty();
    }
}
