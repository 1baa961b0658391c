package dev.seamline.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A GeoPackage's content as text, for tests that compare two runs' GeoPackages: their bytes differ by page
 * layout and by the timestamp in {@code gpkg_contents}, their rows do not. Needs an SQLite JDBC driver on
 * the test class path (the outputs module's GeoPackage writer brings one).
 */
public final class GeoPackageRows {

    private GeoPackageRows() {
    }

    /**
     * Every row of every user table, tables by name, columns separated by {@code |}, blobs in hex; the
     * timestamped {@code gpkg_contents} and SQLite's own tables are left out.
     */
    public static String dump(Path gpkg) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                if (t.equals("gpkg_contents") || t.startsWith("sqlite_")) {
                    continue;
                }
                out.append("# ").append(t).append('\n');
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + t + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            out.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
