package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.geo.Georeferencer;
import dev.seamline.geo.Georeferencing;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.contents.Contents;
import mil.nga.geopackage.contents.ContentsDao;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import mil.nga.sf.GeometryType;
import mil.nga.sf.LineString;
import mil.nga.sf.Point;
import mil.nga.sf.Polygon;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * An OGC GeoPackage written with the NGA library: one feature layer {@value #TABLE}, polygon geometry
 * {@code geom} in the scene CRS (easting/longitude as x, the GeoPackage order), attributes class,
 * class_id, score, x0, y0, x1, y1 (the pixel box) and lon, lat (WGS84 degrees of the box centre);
 * footprint and centre come placed from the scene's {@link BandGeoreferencer}.
 * The CRS is registered under its EPSG code (organization "EPSG") or, for a CRS without one, as
 * srs_id 100000 (organization "NONE"), its definition the CRS as WKT 1 with GDAL's common units. Each
 * {@link #accept} call is one transaction that writes the rows and their envelopes into the R-tree
 * spatial index (gpkg_rtree_index); {@link #commit()} sets the layer's extent, adds the index's
 * triggers, closes the database, syncs it and renames it into place. The file is laid out (the
 * tables up to the first detection) once per process and scene CRS and copied for each scene. It
 * records the time of its commit (gpkg_contents.last_change), the only thing that differs between two runs over the
 * same detections; with {@code SOURCE_DATE_EPOCH} set it is that time instead. Not thread-safe.
 */
final class GpkgSink implements BandSink {

    /** The layer name. */
    static final String TABLE = "detections";
    static final long CUSTOM_SRS_ID = 100_000;

    private final OutputContext context;
    private final PartFile part;
    private final boolean georeferenced;
    private GeoPackage gp;
    private FeatureDao dao;
    private PreparedStatement insert;
    private PreparedStatement index;
    private RTreeIndexExtension rtree;
    private long fid;
    private long srsId;
    private double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
    private boolean prepared;
    private boolean committed;
    private boolean closed;

    GpkgSink(OutputContext context, Path target) throws IOException {
        this.context = context;
        this.georeferenced = context.georeferencing().isPresent();
        this.part = PartFile.reserve(target, ".gpkg");
        boolean ok = false;
        try {
            Georeferencing g = context.georeferencing().orElse(null);
            LaidOut ready = laidOut(g);
            if (ready != null) {
                java.nio.file.Files.write(part.temp, ready.bytes(), java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                gp = open(part.temp);
                srsId = ready.srsId();
            } else {
                GeoPackageManager.create(part.temp.toFile());
                gp = open(part.temp);
                srsId = layOut(gp, g);
            }
            dao = gp.getFeatureDao(TABLE);
            // one prepared statement for every row: NGA's row API builds and prepares the SQL per row
            insert = gp.getConnection().getConnection().prepareStatement("INSERT INTO \"" + TABLE
                    + "\" (fid, geom, class, class_id, score, x0, y0, x1, y1, lon, lat)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            // the R-tree spatial index (GeoPackage extension gpkg_rtree_index) laid out with the table, filled
            // from the envelopes computed here; its triggers, which keep it current when someone edits the
            // layer later, come at commit
            rtree = new RTreeIndexExtension(gp);
            index = gp.getConnection().getConnection().prepareStatement("INSERT INTO \"rtree_" + TABLE
                    + "_geom\" (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)");
            ok = true;
        } catch (RuntimeException | java.sql.SQLException e) {
            throw new IOException(target + ": cannot create the GeoPackage: " + firstLine(e), e);
        } finally {
            if (!ok) {
                abort();
            }
        }
    }

    /**
     * A GeoPackage this sink made, opened for writing without NGA's validation (its header and minimum
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
        gc.setId(new TableColumnKey(TABLE, "geom"));
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
        FeatureTable table = gp.getFeatureDao(TABLE).getTable();
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
    private static boolean noTemplate;

    /**
     * {@link #LAID_OUT}'s GeoPackage for {@code g}, made on first use; null where no temporary folder can
     * take it.
     *
     * @throws java.sql.SQLException as {@link #layOut} (a CRS NGA refuses): the scene's sink fails alone
     */
    private static synchronized LaidOut laidOut(Georeferencing g) throws java.sql.SQLException {
        String key = g == null ? "" : g.wkt();
        LaidOut ready = LAID_OUT.get(key);
        if (ready == null && !noTemplate) {
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
                noTemplate = true;
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

    @Override
    public void accept(List<PlacedDetection> detections) throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(part.target + ": sink already " + (committed ? "committed" : "closed"));
        }
        if (detections.isEmpty()) {
            return;
        }
        boolean ok = false;
        gp.beginTransaction();
        try {
            for (PlacedDetection p : detections) {
                bind(p);
                insert.executeUpdate();
                index.executeUpdate();
            }
            ok = true;
        } catch (RuntimeException | java.sql.SQLException e) {
            throw new IOException(part.target + ": cannot write features: " + firstLine(e), e);
        } finally {
            gp.endTransaction(ok);
        }
    }

    /** Sets the statement's parameters for one detection. */
    private void bind(PlacedDetection p) throws IOException, java.sql.SQLException {
        Detection d = p.detection();
        double[] ring;
        Box b = d.box();
        if (georeferenced) {
            ring = p.footprint().crs();
            insert.setDouble(10, p.centre().lon());
            insert.setDouble(11, p.centre().lat());
        } else {
            double[] px = d.isOriented() ? d.oriented().corners() : d.box().corners();
            // pixel space, y up (x, -y): where QGIS draws a raster without georeferencing
            ring = new double[px.length + 2];
            for (int i = 0; i < px.length; i += 2) {
                ring[i] = px[i];
                ring[i + 1] = -px[i + 1];
            }
            ring[px.length] = ring[0];
            ring[px.length + 1] = ring[1];
            Georeferencer.orientCounterClockwise(ring);
            insert.setNull(10, java.sql.Types.DOUBLE);
            insert.setNull(11, java.sql.Types.DOUBLE);
        }
        LineString ls = new LineString();
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ring.length; i += 2) {
            ls.addPoint(new Point(ring[i], ring[i + 1]));
            x0 = Math.min(x0, ring[i]);
            x1 = Math.max(x1, ring[i]);
            y0 = Math.min(y0, ring[i + 1]);
            y1 = Math.max(y1, ring[i + 1]);
        }
        minX = Math.min(minX, x0);
        maxX = Math.max(maxX, x1);
        minY = Math.min(minY, y0);
        maxY = Math.max(maxY, y1);
        fid++;
        insert.setLong(1, fid);
        index.setLong(1, fid);
        index.setDouble(2, x0);
        index.setDouble(3, x1);
        index.setDouble(4, y0);
        index.setDouble(5, y1);
        insert.setBytes(2, new GeoPackageGeometryData(srsId, new Polygon(ls), true).toBytes());
        insert.setString(3, context.classes().nameOf(d.classId()));
        insert.setLong(4, d.classId());
        insert.setDouble(5, d.score());
        insert.setDouble(6, b.x0());
        insert.setDouble(7, b.y0());
        insert.setDouble(8, b.x1());
        insert.setDouble(9, b.y1());
    }

    @Override
    public void prepare() throws IOException {
        if (prepared || committed || closed) {
            throw new IllegalStateException(part.target + ": sink already " + (committed ? "committed" : prepared ? "prepared" : "closed"));
        }
        try {
            ContentsDao contents = gp.getContentsDao();
            Contents c = contents.queryForId(TABLE);
            c.setIdentifier(context.stem());
            c.setDescription("Seamline detections of " + context.sceneFileName());
            if (minX <= maxX) {
                c.setMinX(minX);
                c.setMinY(minY);
                c.setMaxX(maxX);
                c.setMaxY(maxY);
            }
            // the time of this commit (the laid-out file carries the time it was laid out), or SOURCE_DATE_EPOCH
            java.util.OptionalLong epoch = sourceDateEpoch();
            c.setLastChange(new java.util.Date(epoch.isPresent() ? epoch.getAsLong() * 1000 : System.currentTimeMillis()));
            contents.update(c);
            insert.close();
            index.close();
            rtree.createFunctions(dao.getTable());
            rtree.createAllTriggers(dao.getTable());
            gp.close();
            gp = null;
        } catch (RuntimeException | java.sql.SQLException e) {
            throw new IOException(part.target + ": cannot finish the GeoPackage: " + firstLine(e), e);
        }
        part.sync();
        prepared = true;
    }

    @Override
    public void commit() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(part.target + ": sink already " + (committed ? "committed" : "closed"));
        }
        if (!prepared) {
            prepare();
        }
        part.commit();
        committed = true;
    }

    /**
     * The first line of a database error's message, with SQLite's code where the message names one: the
     * GeoPackage library's messages carry the SQL statement over many lines.
     */
    static String firstLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("SQLITE_FULL") || m.contains("database or disk is full")
                    || m.contains("No space left on device"))) {
                return "no space left on device";
            }
        }
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    /**
     * The reproducible-builds {@code SOURCE_DATE_EPOCH} (seconds since 1970), when set: the layer's
     * last_change then takes it instead of the clock, so two runs give byte-identical files (as
     * GDAL's OGR_CURRENT_DATE does).
     */
    static java.util.OptionalLong sourceDateEpoch() {
        String v = System.getenv("SOURCE_DATE_EPOCH");
        if (v == null || v.isBlank()) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            abort();
        }
    }

    private void abort() {
        for (PreparedStatement st : new PreparedStatement[] {insert, index}) {
            if (st != null) {
                try {
                    st.close();
                } catch (java.sql.SQLException e) {
                    // the database is closed and deleted next
                }
            }
        }
        if (gp != null) {
            try {
                gp.close();
            } catch (RuntimeException e) {
                // deleted next
            }
            gp = null;
        }
        part.abort();
        try {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(part.temp + "-journal"));
        } catch (IOException e) {
            // deleteTemporaries cleans it later
        }
    }
}
