package dev.seamline.outputs;

import dev.seamline.geo.Georeferencing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import mil.nga.sf.GeometryType;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * A {@link GpkgSink}'s GeoPackage as far as its first detection, opened for writing: GeoPackage 1.3,
 * the scene CRS's SRS row, the feature table {@value GpkgSink#TABLE} with its geometry column and
 * contents row, the R-tree index's extension row and virtual table. The CRS is registered under its
 * EPSG code (organization "EPSG") or, for a CRS without one, as srs_id {@value #CUSTOM_SRS_ID}
 * (organization "NONE"), its definition the CRS as WKT 1 with GDAL's common units. The file is laid
 * out once per process and scene CRS in a temporary folder and copied for each scene (the same bytes
 * but for the contents row's time, which the sink sets at commit); where no temporary folder takes it,
 * each file is laid out in place. Thread-safe.
 */
final class GpkgLayout {

    static final long CUSTOM_SRS_ID = 100_000;

    private GpkgLayout() {
    }

    /** An opened GeoPackage and the SRS id of its geometry column. */
    record Opened(GeoPackage geoPackage, long srsId) {
    }

    /**
     * Creates {@code file} (which must not exist) laid out for {@code g} (null: no georeferencing) and
     * opens it.
     *
     * @throws java.sql.SQLException when NGA refuses the layout (a CRS it cannot register)
     */
    static Opened create(Path file, Georeferencing g) throws IOException, java.sql.SQLException {
        LaidOut ready = laidOut(g);
        if (ready != null) {
            java.nio.file.Files.write(file, ready.bytes(), java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            return new Opened(open(file), ready.srsId());
        }
        GeoPackageManager.create(file.toFile());
        GeoPackage gp = open(file);
        try {
            return new Opened(gp, layOut(gp, g));
        } catch (java.sql.SQLException | RuntimeException e) {
            gp.close();
            throw e;
        }
    }

    /**
     * A GeoPackage made here, opened for writing without NGA's validation (its header and minimum
     * tables, which it wrote itself a moment ago); SQLite's syncing off on both its connections.
     */
    private static GeoPackage open(Path file) throws java.sql.SQLException {
        GeoPackage gp = GeoPackageManager.open(file.toFile(), false);
        try {
            // The file is a temporary one until commit renames it (after an fsync): a crash discards
            // it, so SQLite's own per-transaction syncing and on-disk journal buy nothing here.
            gp.execSQL("PRAGMA synchronous = OFF");
            gp.execSQL("PRAGMA journal_mode = MEMORY");
            // and on the second connection, ORMLite's, through which NGA's DAOs write the metadata rows
            com.j256.ormlite.support.ConnectionSource orm = gp.getConnection().getConnectionSource();
            com.j256.ormlite.support.DatabaseConnection dc = orm.getReadWriteConnection(null);
            try {
                dc.executeStatement("PRAGMA synchronous = OFF", com.j256.ormlite.support.DatabaseConnection.DEFAULT_RESULT_FLAGS);
            } finally {
                orm.releaseConnection(dc);
            }
            return gp;
        } catch (java.sql.SQLException | RuntimeException e) {
            gp.close();
            throw e;
        }
    }

    /**
     * Lays out an empty GeoPackage as far as its first detection: the version, the scene CRS's SRS row,
     * the feature table with its geometry column and contents row, the R-tree index's extension row and
     * virtual table. Returns the SRS id.
     */
    private static long layOut(GeoPackage gp, Georeferencing g) throws java.sql.SQLException {
        // GeoPackage 1.3: what GDAL before 3.8 (Debian 12's 3.6) reads without a warning; the
        // tables written are the same as NGA's 1.4 default
        gp.execSQL("PRAGMA user_version = 10300");
        SpatialReferenceSystem srs = srs(gp, g);
        GeometryColumns gc = new GeometryColumns();
        gc.setId(new TableColumnKey(GpkgSink.TABLE, "geom"));
        gc.setGeometryType(GeometryType.POLYGON);
        gc.setZ((byte) 0);
        gc.setM((byte) 0);
        gc.setSrs(srs);
        List<FeatureColumn> columns = new ArrayList<>();
        columns.add(FeatureColumn.createColumn("class", GeoPackageDataType.TEXT));
        columns.add(FeatureColumn.createColumn("class_id", GeoPackageDataType.INTEGER));
        for (String c : new String[] {"score", "x0", "y0", "x1", "y1", "lon", "lat"}) {
            columns.add(FeatureColumn.createColumn(c, GeoPackageDataType.DOUBLE));
        }
        gp.createFeatureTable(FeatureTableMetadata.create(gc, "fid", columns));
        RTreeIndexExtension rtree = new RTreeIndexExtension(gp);
        FeatureTable table = gp.getFeatureDao(GpkgSink.TABLE).getTable();
        rtree.getOrCreate(table);
        rtree.createRTreeIndex(table);
        return srs.getSrsId();
    }

    /** The bytes of a GeoPackage laid out for one scene CRS ({@link #layOut}), and its SRS id. */
    private record LaidOut(byte[] bytes, long srsId) {
    }

    /**
     * Laid-out GeoPackages by scene CRS (its WKT 2; "" for none), made once per process: laying one out
     * took half of a warmed GeoPackage's cost per scene (NGA runs a dozen SQL scripts, each read from its
     * jar, and as many DAO round trips), the same for every scene of a CRS.
     */
    private static final Map<String, LaidOut> LAID_OUT = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LaidOut> eldest) {
            return size() > 8;
        }
    };
    /** True once no temporary folder could take a laid-out GeoPackage: each sink then lays out its own. */
    private static boolean noFolder;

    /**
     * {@link #LAID_OUT}'s GeoPackage for {@code g}, made on first use; null where no temporary folder can
     * take it.
     *
     * @throws java.sql.SQLException as {@link #layOut} (a CRS NGA refuses): the scene's sink fails alone
     */
    private static synchronized LaidOut laidOut(Georeferencing g) throws java.sql.SQLException {
        String key = g == null ? "" : g.wkt();
        LaidOut ready = LAID_OUT.get(key);
        if (ready == null && !noFolder) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("seamline-gpkg-");
                try {
                    Path file = dir.resolve("laid-out.gpkg");
                    GeoPackageManager.create(file.toFile());
                    GeoPackage gp = open(file);
                    long srsId;
                    try {
                        srsId = layOut(gp, g);
                    } finally {
                        gp.close();
                    }
                    ready = new LaidOut(java.nio.file.Files.readAllBytes(file), srsId);
                    LAID_OUT.put(key, ready);
                } finally {
                    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            java.nio.file.Files.deleteIfExists(f);
                        }
                    }
                    java.nio.file.Files.deleteIfExists(dir);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                noFolder = true;
            }
        }
        return ready;
    }

    private static SpatialReferenceSystem srs(GeoPackage gp, Georeferencing g) throws java.sql.SQLException {
        SpatialReferenceSystemDao dao = gp.getSpatialReferenceSystemDao();
        if (g == null) {
            return dao.getOrCreateCode("NONE", -1); // the undefined Cartesian SRS every GeoPackage holds
        }
        OptionalInt epsg = g.epsg();
        long id = epsg.isPresent() ? epsg.getAsInt() : CUSTOM_SRS_ID;
        SpatialReferenceSystem existing = dao.queryForId(id);
        if (existing != null) {
            return existing;
        }
        SpatialReferenceSystem srs = new SpatialReferenceSystem();
        srs.setSrsId(id);
        srs.setOrganization(epsg.isPresent() ? "EPSG" : "NONE");
        srs.setOrganizationCoordsysId(id);
        String wkt1 = wkt1(g);
        srs.setSrsName(name(wkt1, epsg.isPresent() ? "EPSG:" + id : "custom"));
        srs.setDefinition(wkt1);
        srs.setDescription("scene CRS" + (epsg.isPresent() ? " EPSG:" + id : ", no EPSG code"));
        dao.create(srs);
        return srs;
    }

    /** The CRS as declared (EPSG axis order), as WKT 1 with the units GDAL expects. */
    static String wkt1(Georeferencing g) {
        try {
            CoordinateReferenceSystem declared = CRS.fromWKT(g.wkt());
            WKTFormat f = new WKTFormat();
            f.setConvention(Convention.WKT1_COMMON_UNITS);
            f.setIndentation(WKTFormat.SINGLE_LINE);
            return f.format(declared);
        } catch (org.opengis.util.FactoryException | RuntimeException e) {
            throw new IllegalStateException("cannot write the scene CRS as WKT 1: " + e.getMessage(), e);
        }
    }

    private static String name(String wkt, String fallback) {
        int q = wkt.indexOf('"');
        int r = q < 0 ? -1 : wkt.indexOf('"', q + 1);
        return r > q + 1 ? wkt.substring(q + 1, r) : fallback;
    }
}
