package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet writer read back by DuckDB: row groups, null runs in optional columns and groups, every type. */
class ParquetWriterTest {

    @TempDir
    Path tmp;

    static final List<ParquetWriter.Column> COLUMNS = List.of(
            new ParquetWriter.Column(null, "s", ParquetWriter.Kind.STRING, false),
            new ParquetWriter.Column(null, "i", ParquetWriter.Kind.INT32, true),
            new ParquetWriter.Column("g", "a", ParquetWriter.Kind.DOUBLE, true),
            new ParquetWriter.Column("g", "b", ParquetWriter.Kind.DOUBLE, true),
            new ParquetWriter.Column(null, "bin", ParquetWriter.Kind.BINARY, true));

    @Test
    void duckDbReadsRowGroupsAndNulls() throws Exception {
        Path file = tmp.resolve("t.parquet");
        int n = 20;
        try (OutputStream out = Files.newOutputStream(file)) {
            ParquetWriter w = new ParquetWriter(out, COLUMNS, 60); // a row group at 60 bytes: every 2 to 3 rows
            for (int r = 0; r < n; r++) {
                boolean some = r % 4 != 1 && r % 7 != 3; // null runs of 1 and 2 across row-group borders
                w.row("ré" + r, some ? r * 1000 - 7 : null, some ? r + 0.25 : null, some ? -r / 3.0 : null,
                        some ? new byte[] {(byte) r, 0, (byte) 255} : null);
            }
            assertThrows(IllegalArgumentException.class, () -> w.row(null, 1, 1.0, 1.0, new byte[0]));
            w.finish(Map.of("k", "{\"v\":1}"));
        }
        String f = file.toString().replace("'", "''");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT row_group_id), max(row_group_num_rows)"
                    + " FROM parquet_metadata('" + f + "')")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 7, "row groups: " + rs.getInt(1));
                assertTrue(rs.getInt(2) <= 3, "rows in a group: " + rs.getInt(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT s, i, g.a, g.b, bin, g IS NULL FROM read_parquet('" + f
                    + "', file_row_number = true) ORDER BY file_row_number")) {
                int r = 0;
                while (rs.next()) {
                    boolean some = r % 4 != 1 && r % 7 != 3;
                    assertEquals("ré" + r, rs.getString(1));
                    if (some) {
                        assertEquals(r * 1000 - 7, rs.getInt(2));
                        assertEquals(r + 0.25, rs.getDouble(3));
                        assertEquals(-r / 3.0, rs.getDouble(4));
                        assertArrayEquals(new byte[] {(byte) r, 0, (byte) 255}, rs.getBytes(5));
                        assertFalse(rs.getBoolean(6));
                    } else {
                        assertNull(rs.getObject(2));
                        assertNull(rs.getObject(5));
                        assertTrue(rs.getBoolean(6), "the group is null");
                    }
                    r++;
                }
                assertEquals(n, r);
            }
            try (ResultSet rs = s.executeQuery("SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + f + "')")) {
                assertTrue(rs.next());
                assertEquals("k", rs.getString(1));
                assertEquals("{\"v\":1}", rs.getString(2));
            }
        }
    }

    @Test
    void anEmptyFileIsReadAsNoRows() throws Exception {
        Path file = tmp.resolve("e.parquet");
        try (OutputStream out = Files.newOutputStream(file)) {
            new ParquetWriter(out, COLUMNS, 10).finish(Map.of());
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + file.toString().replace("'", "''") + "')")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }
}
