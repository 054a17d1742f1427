package org.ntk4j.io;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads input matrices (one input vector per row) from CSV (no header, comma or white-space separated) or NumPy
 * {@code .npy} (float64, 2-D, C or Fortran order; a 1-D array is one column). Every problem is an
 * {@link InputFormatException} whose one-line message names the file and what is wrong: a missing or unreadable
 * file, an empty one, a ragged row, a value that is not a number, NaN or infinity.
 */
public final class Matrices {

    private Matrices() {
    }

    /** Reads a matrix, choosing the format by the file's ending ({@code .npy}, otherwise CSV). */
    public static double[][] read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new InputFormatException(file + ": is a directory, not a data file");
        }
        try {
            double[][] m = name.toLowerCase(Locale.ROOT).endsWith(".npy") ? readNpy(file) : readCsv(file);
            if (m.length == 0) {
                throw new InputFormatException(file + ": no rows (empty file)");
            }
            if (m[0].length == 0) {
                throw new InputFormatException(file + ": rows have no values");
            }
            return m;
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new InputFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Reads a column of values (targets): a matrix with one column, or a single row, given as a vector. */
    public static double[] readVector(Path file) {
        double[][] m = read(file);
        if (m[0].length == 1) {
            double[] v = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                v[i] = m[i][0];
            }
            return v;
        }
        if (m.length == 1) {
            return m[0].clone();
        }
        throw new InputFormatException(file + ": expected one column of values, found " + m[0].length + " columns");
    }

    static double[][] readCsv(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] parts = s.contains(",") ? s.split(",", -1) : s.split("\\s+");
                double[] row = new double[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    String p = parts[k].strip();
                    double v;
                    try {
                        v = Double.parseDouble(p);
                    } catch (NumberFormatException e) {
                        throw new InputFormatException(file + " line " + lineNo + ": '" + p + "' is not a number"
                                + (lineNo == 1 ? " (CSV files have no header)" : ""));
                    }
                    if (!Double.isFinite(v)) {
                        throw new InputFormatException(file + " line " + lineNo + ": value '" + p + "' is not finite");
                    }
                    row[k] = v;
                }
                if (width >= 0 && row.length != width) {
                    throw new InputFormatException(file + " line " + lineNo + ": " + row.length
                            + " values, but earlier rows have " + width + " (ragged rows)");
                }
                width = row.length;
                rows.add(row);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputFormatException(file + ": not a text CSV file (use a .npy ending for NumPy files)");
        }
        return rows.toArray(new double[0][]);
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static double[][] readNpy(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[8];
            if (in.read(magic) != 8 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[2] != 'U'
                    || magic[3] != 'M' || magic[4] != 'P' || magic[5] != 'Y') {
                throw new InputFormatException(file + ": not a NumPy .npy file (bad magic)");
            }
            int major = magic[6];
            int headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.reverseBytes(in.readInt());
            } else {
                throw new InputFormatException(file + ": unsupported .npy version " + major);
            }
            if (headerLength < 0 || headerLength > 1 << 20) {
                throw new InputFormatException(file + ": corrupt .npy header");
            }
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!descr.find() || !fortran.find() || !shape.find()) {
                throw new InputFormatException(file + ": corrupt .npy header");
            }
            ByteOrder order = switch (descr.group(1)) {
                case "<f8" -> ByteOrder.LITTLE_ENDIAN;
                case ">f8" -> ByteOrder.BIG_ENDIAN;
                default -> throw new InputFormatException(file + ": dtype " + descr.group(1)
                        + " is not supported; save the array as float64");
            };
            boolean fortranOrder = fortran.group(1).equals("True");
            String[] dims = shape.group(1).split(",");
            List<Long> shapeList = new ArrayList<>();
            for (String dim : dims) {
                if (!dim.isBlank()) {
                    shapeList.add(Long.parseLong(dim.strip()));
                }
            }
            long rows;
            long cols;
            if (shapeList.size() == 2) {
                rows = shapeList.get(0);
                cols = shapeList.get(1);
            } else if (shapeList.size() == 1) {
                rows = shapeList.get(0);
                cols = 1;
            } else {
                throw new InputFormatException(file + ": a " + shapeList.size() + "-D array; expected a 2-D array");
            }
            if (rows * cols > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
                throw new InputFormatException(file + ": array too large");
            }
            double[][] m = new double[(int) rows][(int) cols];
            byte[] buf = new byte[8 * (int) Math.min(Math.max(rows * cols, 1), 1 << 16)];
            ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
            long total = rows * cols;
            long index = 0;
            while (index < total) {
                int chunk = (int) Math.min(total - index, buf.length / 8);
                try {
                    in.readFully(buf, 0, chunk * 8);
                } catch (java.io.EOFException e) {
                    throw new InputFormatException(file + ": truncated .npy data (" + index + " of " + total + " values)");
                }
                bb.clear();
                for (int k = 0; k < chunk; k++, index++) {
                    double v = bb.getDouble();
                    if (!Double.isFinite(v)) {
                        long r = fortranOrder ? index % rows : index / cols;
                        throw new InputFormatException(file + ": row " + (r + 1) + " has a value that is not finite ("
                                + v + ")");
                    }
                    if (fortranOrder) {
                        m[(int) (index % rows)][(int) (index / rows)] = v;
                    } else {
                        m[(int) (index / cols)][(int) (index % cols)] = v;
                    }
                }
            }
            return m;
        }
    }
}
