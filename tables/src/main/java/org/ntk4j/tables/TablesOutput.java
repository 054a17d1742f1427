package org.ntk4j.tables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.knowm.xchart.internal.chartpart.Chart;
import org.ntk4j.io.AtomicOutput;

/**
 * Where a {@link TableGenerator} writes: each table as NAME.md, NAME.csv and NAME.tex, each figure as NAME.svg
 * and NAME.png, all in one directory, all appearing together when the run succeeds. Keeps an index for the
 * directory's README.
 */
public final class TablesOutput {

    private final Path dir;
    private final AtomicOutput files;
    private final List<String> index = new ArrayList<>();
    private final BiConsumer<String, Long> progress;

    public TablesOutput(Path dir, AtomicOutput files, BiConsumer<String, Long> progress) {
        this.dir = dir;
        this.files = files;
        this.progress = progress;
    }

    /** Writes a table in Markdown, CSV and LaTeX. */
    public void table(String name, Table table) throws IOException {
        files.write(dir.resolve(name + ".md"), s -> s.write(table.markdown().getBytes(StandardCharsets.UTF_8)));
        files.write(dir.resolve(name + ".csv"), s -> s.write(table.csv().getBytes(StandardCharsets.UTF_8)));
        files.write(dir.resolve(name + ".tex"), s -> s.write(table.latex().getBytes(StandardCharsets.UTF_8)));
        index.add("- [" + table.caption() + "](" + name + ".md) ([CSV](" + name + ".csv), [LaTeX](" + name + ".tex))");
    }

    /** Writes a figure as SVG and PNG. */
    public void figure(String name, String caption, Chart<?, ?> chart) throws IOException {
        Figures.save(chart, dir.resolve(name), files);
        index.add("- " + caption + ": [PNG](" + name + ".png), [SVG](" + name + ".svg)");
    }

    /** A section heading in the index. */
    public void section(String title) {
        index.add("");
        index.add("## " + title);
        index.add("");
    }

    /** Reports progress (one unit of work done, labelled). */
    public void step(String what) {
        progress.accept(what, 1L);
    }

    public List<String> index() {
        return index;
    }
}
