package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.geo.Georeferencer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.contents.Contents;
import mil.nga.geopackage.contents.ContentsDao;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.LineString;
import mil.nga.sf.Point;
import mil.nga.sf.Polygon;

/**
 * An OGC GeoPackage written with the NGA library: one feature layer {@value #TABLE}, polygon geometry
 * {@code geom} in the scene CRS (easting/longitude as x, the GeoPackage order), attributes class,
 * class_id, score, x0, y0, x1, y1 (the pixel box) and lon, lat (WGS84 degrees of the box centre);
 * footprint and centre come placed from the scene's {@link BandGeoreferencer}.
 * The file as far as the first detection (the CRS's SRS row, the table, the R-tree) is
 * {@link GpkgLayout}'s. Each {@link #accept} call is one transaction that writes the rows and their
 * envelopes into the R-tree spatial index (gpkg_rtree_index); {@link #commit()} sets the layer's
 * extent, adds the index's triggers, closes the database, syncs it and renames it into place. The
 * file records the time of its commit (gpkg_contents.last_change), the only thing that differs
 * between two runs over the same detections; with {@code SOURCE_DATE_EPOCH} set it is that time instead. Not thread-safe.
 */
final class GpkgSink implements BandSink {

    /** The layer name. */
    static final String TABLE = "detections";

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
            GpkgLayout.Opened opened = GpkgLayout.create(part.temp, context.georeferencing().orElse(null));
            gp = opened.geoPackage();
            srsId = opened.srsId();
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
