package dev.seamline.geo;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A scene URL as a {@link Path} ({@link ScenePaths#of}): absolute, its file name the last path segment
 * (percent-decoded, a default-file-system path so output names join folders as any other), its parent the
 * URL of the folder above, no attributes (every {@code Files} query answers "no such file"); only
 * {@link Scene#open} reads it. Immutable and thread-safe. Package-private.
 */
final class HttpPath implements Path {

    private static final HttpFileSystem FS = new HttpFileSystem();

    private final URI uri;

    HttpPath(URI uri) {
        this.uri = uri;
    }

    URI uri() {
        return uri;
    }

    /** The URL with its query, if any, shown as {@code ?…}. */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    @Override
    public FileSystem getFileSystem() {
        return FS;
    }

    @Override
    public boolean isAbsolute() {
        return true;
    }

    @Override
    public Path getRoot() {
        return new HttpPath(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/"));
    }

    @Override
    public Path getFileName() {
        String p = uri.getRawPath();
        String seg = p.substring(p.lastIndexOf('/') + 1);
        if (seg.isEmpty()) {
            return null;
        }
        return Path.of(URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8).replace('/', '_'));
    }

    @Override
    public Path getParent() {
        String p = uri.getRawPath();
        int slash = p.lastIndexOf('/');
        if (p.length() <= 1 || slash < 0) {
            return null;
        }
        return new HttpPath(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + p.substring(0, slash + 1)));
    }

    @Override
    public int getNameCount() {
        return (int) uri.getRawPath().chars().filter(c -> c == '/').count();
    }

    @Override
    public Path getName(int index) {
        throw new UnsupportedOperationException("a URL has no path elements: " + this);
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        throw new UnsupportedOperationException("a URL has no subpaths: " + this);
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof HttpPath h && uri.toString().startsWith(h.uri.toString());
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof HttpPath h ? equals(h) : uri.getRawPath().endsWith("/" + other);
    }

    @Override
    public Path normalize() {
        return this;
    }

    @Override
    public Path resolve(Path other) {
        return resolve(other.toString());
    }

    @Override
    public Path resolve(String other) {
        if (ScenePaths.isUrl(other)) {
            return new HttpPath(URI.create(other));
        }
        String dir = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
        try { // the multi-argument constructor quotes what a path cannot hold (spaces, %, ?, #)
            return new HttpPath(new URI(uri.getScheme(), uri.getAuthority(), dir + other, null, null).normalize());
        } catch (java.net.URISyntaxException e) {
            throw new java.nio.file.InvalidPathException(other, e.getReason());
        }
    }

    @Override
    public Path resolveSibling(String other) {
        Path parent = getParent();
        return parent == null ? resolve(other) : parent.resolve(other);
    }

    @Override
    public Path relativize(Path other) {
        throw new UnsupportedOperationException("a URL is not relativized: " + this);
    }

    @Override
    public URI toUri() {
        return uri;
    }

    @Override
    public Path toAbsolutePath() {
        return this;
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return this;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a URL is not watched: " + this);
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpPath h && h.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return redact(uri.toString());
    }

    /** The file system of URL paths: none of its files can be listed, queried or opened as files. */
    private static final class HttpFileSystem extends FileSystem {
        private final Provider provider = new Provider(this);

        @Override
        public FileSystemProvider provider() {
            return provider;
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException("the URL file system stays open");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean isReadOnly() {
            return true;
        }

        @Override
        public String getSeparator() {
            return "/";
        }

        @Override
        public Iterable<Path> getRootDirectories() {
            return java.util.List.of();
        }

        @Override
        public Iterable<FileStore> getFileStores() {
            return java.util.List.of();
        }

        @Override
        public Set<String> supportedFileAttributeViews() {
            return Set.of();
        }

        @Override
        public Path getPath(String first, String... more) {
            if (more.length == 0 && ScenePaths.isUrl(first)) {
                return new HttpPath(URI.create(first));
            }
            throw new UnsupportedOperationException("only whole URLs are URL paths: " + first);
        }

        @Override
        public PathMatcher getPathMatcher(String syntaxAndPattern) {
            throw new UnsupportedOperationException("URLs are not matched by globs");
        }

        @Override
        public UserPrincipalLookupService getUserPrincipalLookupService() {
            throw new UnsupportedOperationException();
        }

        @Override
        public WatchService newWatchService() {
            throw new UnsupportedOperationException();
        }
    }

    /** Answers every query as for a file that does not exist, so file checks fall through to their "not a file" paths. */
    private static final class Provider extends FileSystemProvider {
        private final HttpFileSystem fs;

        Provider(HttpFileSystem fs) {
            this.fs = fs;
        }

        private static NoSuchFileException notAFile(Path p) {
            return new NoSuchFileException(p.toString(), null, "a URL, read only as a scene");
        }

        private static HttpPath check(Path p) {
            if (p instanceof HttpPath h) {
                return h;
            }
            throw new ProviderMismatchException();
        }

        @Override
        public String getScheme() {
            return "http";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            return fs;
        }

        @Override
        public Path getPath(URI uri) {
            return new HttpPath(uri);
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            throw notAFile(check(path));
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
            throw notAFile(check(dir));
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            throw new java.nio.file.ReadOnlyFileSystemException();
        }

        @Override
        public void delete(Path path) throws IOException {
            throw new java.nio.file.ReadOnlyFileSystemException();
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            throw notAFile(check(source));
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            throw new java.nio.file.ReadOnlyFileSystemException();
        }

        @Override
        public boolean isSameFile(Path path, Path path2) {
            return path.equals(path2);
        }

        @Override
        public boolean isHidden(Path path) {
            return false;
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            throw notAFile(check(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            throw notAFile(check(path));
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return null;
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
            throw notAFile(check(path));
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
            throw notAFile(check(path));
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
            throw new java.nio.file.ReadOnlyFileSystemException();
        }
    }
}
