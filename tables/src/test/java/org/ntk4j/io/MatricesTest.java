package org.ntk4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatricesTest {

    @TempDir
    Path dir;

    /** An .npy file written byte by byte from the format specification (independent of MatrixWriter). */
    private Path handWrittenNpy(String name, String descr, boolean fortran, int rows, int cols, double[] data,
                                ByteOrder order) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': (" + rows + ", " + cols + "), }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        bb.putShort((short) header.length());
        bb.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        bb.order(order);
        for (double v : data) {
            bb.putDouble(v);
        }
        Path p = dir.resolve(name);
        Files.write(p, bb.array());
        return p;
    }

    @Test
    void readsCOrderAndFortranOrderNpy() throws IOException {
        double[] data = {1, 2, 3, 4, 5, 6};
        double[][] c = Matrices.read(handWrittenNpy("c.npy", "<f8", false, 2, 3, data, ByteOrder.LITTLE_ENDIAN));
        assertThat(c).isDeepEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
        double[][] f = Matrices.read(handWrittenNpy("f.npy", "<f8", true, 2, 3, data, ByteOrder.LITTLE_ENDIAN));
        assertThat(f).isDeepEqualTo(new double[][] {{1, 3, 5}, {2, 4, 6}});
        double[][] big = Matrices.read(handWrittenNpy("b.npy", ">f8", false, 3, 2, data, ByteOrder.BIG_ENDIAN));
        assertThat(big).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    }

    @Test
    void rejectsOtherDtypesAndTruncatedData() throws IOException {
        Path f4 = handWrittenNpy("f4.npy", "<f4", false, 1, 2, new double[] {1}, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> Matrices.read(f4)).isInstanceOf(InputFormatException.class).hasMessageContaining("float64");
        Path cut = handWrittenNpy("cut.npy", "<f8", false, 2, 2, new double[] {1, 2, 3}, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> Matrices.read(cut)).isInstanceOf(InputFormatException.class).hasMessageContaining("truncated");
        Path nan = handWrittenNpy("nan.npy", "<f8", false, 1, 2, new double[] {1, Double.NaN}, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> Matrices.read(nan)).hasMessageContaining("not finite");
    }

    @Test
    void writerOutputIsReadBack() throws IOException {
        double[][] m = {{Math.PI, -1e-310, 1e300}, {0.1, 2, -0.0}};
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        MatrixWriter.writeNpy(m, npy);
        Path p = dir.resolve("w.npy");
        Files.write(p, npy.toByteArray());
        assertThat(Matrices.read(p)).isDeepEqualTo(m);
        assertThat(npy.size() % 16).isZero();
        StringWriter csv = new StringWriter();
        MatrixWriter.writeCsv(m, csv);
        Path q = dir.resolve("w.csv");
        Files.writeString(q, csv.toString());
        assertThat(Matrices.read(q)).isDeepEqualTo(m);
    }

    @Test
    void csvAcceptsWhitespaceSeparatedAndBlankLines() throws IOException {
        Path p = dir.resolve("s.csv");
        Files.writeString(p, "1 2\n\n3\t4\n");
        assertThat(Matrices.read(p)).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void readsTargetsAsAColumnOrARow() throws IOException {
        Path column = dir.resolve("col.csv");
        Files.writeString(column, "1\n-2.5\n3\n");
        assertThat(Matrices.readVector(column)).containsExactly(1, -2.5, 3);
        Path row = dir.resolve("row.csv");
        Files.writeString(row, "1,-2.5,3\n");
        assertThat(Matrices.readVector(row)).containsExactly(1, -2.5, 3);
        Path square = dir.resolve("sq.csv");
        Files.writeString(square, "1,2\n3,4\n");
        assertThatThrownBy(() -> Matrices.readVector(square)).hasMessageContaining("one column");
    }
}
