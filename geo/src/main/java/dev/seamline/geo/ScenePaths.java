package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import dev.seamline.core.io.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Scene locations as the command line gives them: a file path, or an {@code http://} or {@code https://}
 * URL of a TIFF, BigTIFF or COG that {@link Scene#open} reads by range requests. A URL becomes a
 * {@link Path} of its own (not of the default file system) so every stage that carries scene paths
 * carries URLs unchanged: its {@link Path#getFileName() file name} is the URL's last path segment,
 * percent-decoded (the outputs' stem), {@link Path#toString()} is the URL with its query shown as
 * {@code ?…} (a presigned URL's signature is never printed), and it is no file: {@code Files.exists}
 * says false and nothing opens it but {@link Scene#open}. Stateless and thread-safe.
 */
public final class ScenePaths {

    private ScenePaths() {
    }

    /** True when {@code text} starts with {@code http://} or {@code https://} (any case). */
    public static boolean isUrl(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.startsWith("http://") || t.startsWith("https://");
    }

    /** True when {@code path} is a URL made by {@link #of}. */
    public static boolean isUrl(Path path) {
        return path instanceof HttpPath;
    }

    /** The URL of a path made by {@link #of}, or empty for a file path. */
    public static Optional<URI> uri(Path path) {
        return path instanceof HttpPath h ? Optional.of(h.uri()) : Optional.empty();
    }

    /**
     * What tells the file at a URL apart from another one put there later, for {@code --resume}: its
     * size, a SHA-256 of its first 16 KB and the server's ETag and Last-Modified when sent; one request.
     *
     * @throws BadInputException        when the server fails it as {@link Scene#open} would
     * @throws java.io.IOException      on an interrupted or failed transfer
     * @throws IllegalArgumentException when {@code url} is not a URL path of {@link #of}
     */
    public static String identity(Path url) throws BadInputException, java.io.IOException {
        try (HttpByteSource s = HttpByteSource.open(url)) {
            return s.identity();
        }
    }

    /**
     * A scene location: a URL path for {@code http(s)://…}, else {@code Path.of(text)}.
     *
     * @throws BadInputException when the URL is malformed, has no host, or its path names no file
     *                           (it ends in {@code /}), or the text is not a valid file path
     */
    public static Path of(String text) throws BadInputException {
        if (!isUrl(text)) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new BadInputException(Printable.escape(text) + ": not a valid path (" + e.getReason() + ")");
            }
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadInputException(Printable.escape(HttpPath.redact(text)) + ": not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new BadInputException(Printable.escape(HttpPath.redact(text)) + ": not a valid URL (no host)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException(Printable.escape(HttpPath.redact(uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + uri.getRawPath())) + ": a URL with user:password@ is refused; "
                    + "give credentials as a header in SEAMLINE_HTTP_HEADERS");
        }
        String p = uri.getPath() == null ? "" : uri.getPath();
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new BadInputException(Printable.escape(HttpPath.redact(text)) + ": the URL's path names no file "
                    + "(its last segment is the outputs' name)");
        }
        URI normal = URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        return new HttpPath(normal);
    }
}
