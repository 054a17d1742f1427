package org.ntk4j.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    private final Table table = new Table("Fractional variance, σ_b² = 0.1", "k", "name", "value")
            .addRow("0", "relu", "0.5")
            .addRow("1", "a,b \"q\"", "1e-311");

    @Test
    void markdownHasHeaderSeparatorAndRows() {
        assertThat(table.markdown()).isEqualTo("**Fractional variance, σ_b² = 0.1**\n\n| k | name | value |\n|---|---|---|\n"
                + "| 0 | relu | 0.5 |\n| 1 | a,b \"q\" | 1e-311 |\n");
    }

    @Test
    void csvQuotesCellsWithCommasAndQuotes() {
        assertThat(table.csv()).isEqualTo("k,name,value\n0,relu,0.5\n1,\"a,b \"\"q\"\"\",1e-311\n");
    }

    @Test
    void latexUsesBooktabsAndEscapes() {
        String tex = new Table("50% of σ_w", "a_b").addRow("x&y").latex();
        assertThat(tex).contains("\\toprule", "\\midrule", "\\bottomrule", "\\caption{50\\% of σ\\_w}", "a\\_b \\\\", "x\\&y \\\\");
    }

    @Test
    void textAlignsNumbersRightAndTextLeft() {
        String text = new Table(null, "k", "name").addRow("10", "ab").addRow("2", "abcd").text();
        assertThat(text).isEqualTo(" k  name\n--------\n10  ab\n 2  abcd\n");
    }

    @Test
    void rowsMustMatchTheHeader() {
        assertThatThrownBy(() -> table.addRow("1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.render("xml")).isInstanceOf(IllegalArgumentException.class);
    }
}
