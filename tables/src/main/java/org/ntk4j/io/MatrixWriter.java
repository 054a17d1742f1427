package org.ntk4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes matrices as CSV, NumPy {@code .npy} (little-endian float64, C order) or JSON, streaming row by row so
 * that a 3.2 GB matrix is never copied. Numbers are written with {@link Double#toString}, which round-trips.
 */
public final class MatrixWriter {

    private MatrixWriter() {
    }

    public static void writeCsv(double[][] m, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] row : m) {
            sb.setLength(0);
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(row[j]);
            }
            sb.append('\n');
            out.write(sb.toString());
        }
        out.flush();
    }

    public static void writeNpy(double[][] m, OutputStream rawOut) throws IOException {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        StringBuilder header = new StringBuilder(dict);
        header.append(" ".repeat(padding)).append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        OutputStream out = new BufferedOutputStream(rawOut, 1 << 16);
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(headerBytes.length & 0xff);
        out.write((headerBytes.length >> 8) & 0xff);
        out.write(headerBytes);
        ByteBuffer bb = ByteBuffer.allocate(8 * Math.max(cols, 1)).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : m) {
            bb.clear();
            for (double v : row) {
                bb.putDouble(v);
            }
            out.write(bb.array(), 0, 8 * cols);
        }
        out.flush();
    }

    /** Writes a JSON array of arrays. */
    public static void writeJsonArray(double[][] m, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        out.write('[');
        for (int i = 0; i < m.length; i++) {
            sb.setLength(0);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('[');
            double[] row = m[i];
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(Json.number(row[j]));
            }
            sb.append(']');
            out.write(sb.toString());
        }
        out.write(']');
    }

    /** Writes one JSON object whose members are the named matrices, in the map's order. */
    public static void writeJsonObject(Map<String, double[][]> members, Writer out) throws IOException {
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, double[][]> e : members.entrySet()) {
            if (!first) {
                out.write(", ");
            }
            first = false;
            out.write(Json.string(e.getKey()));
            out.write(": ");
            writeJsonArray(e.getValue(), out);
        }
        out.write("}\n");
        out.flush();
    }
}
