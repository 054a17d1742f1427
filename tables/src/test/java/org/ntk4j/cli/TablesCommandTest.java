package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesCommandTest {

    @Test
    void anOutputThatIsAFileIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        for (String out : new String[] {file.toString(), dir.resolve("missing/sub").toString()}) {
            StringWriter err = new StringWriter();
            int status = Main.run(new String[] {"tables", "--out", out}, new PrintWriter(new StringWriter()),
                    new PrintWriter(err));
            assertThat(status).isEqualTo(2);
            assertThat(err.toString().strip().lines().count()).isEqualTo(1);
        }
    }
}
