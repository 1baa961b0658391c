package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TIFF on an HTTP(S) server, read by range requests ({@code Range: bytes=a-b}, answered {@code 206}
 * with a {@code Content-Range}) through the JDK's {@link HttpClient}. Opening fetches the first
 * {@value #HEAD_BYTES} bytes (the header and, in a COG, every image directory); small reads elsewhere
 * fetch the aligned {@value #CHUNK} bytes around them and keep them ({@value #MAX_KEPT_MB} MB at most);
 * {@link #prefetch} fetches the blocks a window needs, blocks less than {@value #MAX_GAP} bytes apart in
 * one request of at most {@value #MAX_REQUEST_MB} MB, at most {@link Settings#connections} requests at
 * once.
 *
 * <p>A 5xx answer, a timeout or a dropped connection is retried ({@link Settings#attempts} in all,
 * waiting {@link Settings#backoff} and twice as long each time after). Everything else a server can get
 * wrong is a {@link BadInputException} with one line naming the URL, at once: a 4xx answer; a 200 to a
 * range request (the server ignores ranges: Seamline refuses rather than download the whole file); a
 * {@code Content-Range} or {@code Content-Length} other than asked for, or a body shorter or longer; a
 * total size over {@value #MAX_SIZE_TIB} TiB or one that changes between requests; a redirect to another
 * host, scheme or port, or more than {@value #MAX_REDIRECTS}; no complete answer within
 * {@link Settings#timeout} (a trickling server), after the retries. Request and byte counts are kept for
 * benchmarks and tests. Thread-safe. Package-private.
 *
 * <p>Why one class of this length: the retries, the per-host connection limit, the timeouts and the
 * checks of each answer against the range asked for (the hostile-server rules) act on the same request
 * and its counters; split apart, each would need the others' state.
 */
final class HttpByteSource implements ByteSource {

    static final int HEAD_BYTES = 16384;
    static final int CHUNK = 16384;
    static final long MAX_GAP = 65536;
    static final int MAX_REQUEST_MB = 8;
    static final int MAX_KEPT_MB = 64;
    static final int MAX_REDIRECTS = 5;
    static final int MAX_SIZE_TIB = 16;
    private static final long MAX_SIZE = (long) MAX_SIZE_TIB << 40;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,19})-(\\d{1,19})/(\\d{1,19}|\\*)");

    /**
     * How URLs are read.
     *
     * @param connections at most this many requests in flight per scene
     * @param timeout     the longest one request may take, headers and body together
     * @param attempts    tries of a request that fails with a 5xx, a timeout or a dropped connection
     * @param backoff     the wait before the second try; it doubles for each next one
     * @param headers     extra request headers, name and value (a bearer token, say)
     */
    record Settings(int connections, Duration timeout, int attempts, Duration backoff, List<Map.Entry<String, String>> headers) {

        /** The environment variable of extra headers: {@code Name: value} lines. */
        static final String HEADERS_VARIABLE = "SEAMLINE_HTTP_HEADERS";

        Settings {
            if (connections < 1 || attempts < 1) {
                throw new IllegalArgumentException("need at least one connection and one attempt");
            }
            headers = List.copyOf(headers);
        }

        /** 8 connections, 60 s per request, 4 attempts from 0.5 s, no headers. */
        static Settings defaults() {
            return new Settings(8, Duration.ofSeconds(60), 4, Duration.ofMillis(500), List.of());
        }

        /**
         * The defaults, changed by the environment (or, for tests, the system property named in brackets):
         * {@code SEAMLINE_HTTP_HEADERS} [{@code seamline.http.headers}], {@code SEAMLINE_HTTP_CONNECTIONS}
         * [{@code seamline.http.connections}], {@code SEAMLINE_HTTP_TIMEOUT} seconds
         * [{@code seamline.http.timeout}], {@code SEAMLINE_HTTP_ATTEMPTS} [{@code seamline.http.attempts}].
         */
        static Settings fromEnvironment() throws BadInputException {
            Settings d = defaults();
            String h = setting(HEADERS_VARIABLE);
            return new Settings(integer("SEAMLINE_HTTP_CONNECTIONS", d.connections, 1, 64),
                    Duration.ofMillis(Math.round(1000 * number("SEAMLINE_HTTP_TIMEOUT", d.timeout.toMillis() / 1000.0))),
                    integer("SEAMLINE_HTTP_ATTEMPTS", d.attempts, 1, 20), d.backoff, h == null ? List.of() : parseHeaders(h));
        }

        private static String setting(String variable) {
            String v = System.getenv(variable);
            return v != null ? v : System.getProperty(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        }

        private static int integer(String variable, int dflt, int min, int max) throws BadInputException {
            String v = setting(variable);
            if (v == null || v.isBlank()) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new BadInputException(variable + ": expected a whole number from " + min + " to " + max + ", found '" + v + "'");
        }

        private static double number(String variable, double dflt) throws BadInputException {
            String v = setting(variable);
            if (v == null || v.isBlank()) {
                return dflt;
            }
            try {
                double n = Double.parseDouble(v.strip());
                if (n >= 0.01 && n <= 86400) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new BadInputException(variable + ": expected seconds from 0.01 to 86400, found '" + v + "'");
        }

        /**
         * Headers from {@code Name: value} lines (blank lines skipped).
         *
         * @throws BadInputException naming the line when it is not {@code Name: value} or names a header
         *                           the client sets itself (Host, Range, Content-Length, Connection …)
         */
        static List<Map.Entry<String, String>> parseHeaders(String text) throws BadInputException {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            int n = 0;
            for (String line : text.split("\r\n|\n|\r")) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).strip();
                String value = colon < 0 ? "" : line.substring(colon + 1).strip();
                if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw new BadInputException(HEADERS_VARIABLE + ": line " + n + ": expected 'Name: value'");
                }
                if (name.equalsIgnoreCase("range") || name.equalsIgnoreCase("host") || name.equalsIgnoreCase("connection")
                        || name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("expect")
                        || name.equalsIgnoreCase("upgrade") || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                    throw new BadInputException(HEADERS_VARIABLE + ": line " + n + ": header '" + name
                            + "' is set by Seamline itself or holds a control character");
                }
                out.add(Map.entry(name, value));
            }
            return out;
        }
    }

    /** Request and byte counts of one source; for benchmarks and tests. */
    record Counts(long requests, long bytes) {
    }

    /** A failure worth another try: a 5xx, a timeout, a dropped connection. */
    private static final class Retryable extends Exception {
        private static final long serialVersionUID = 1L;

        Retryable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Bytes fetched and kept: {@code remaining} counts the bytes still to be read from a prefetched range. */
    private static final class Range {
        final long start;
        final byte[] data;
        long remaining;

        Range(long start, byte[] data, long remaining) {
            this.start = start;
            this.data = data;
            this.remaining = remaining;
        }
    }

    private static volatile HttpClient sharedClient;

    private final Path path;
    private final URI uri;
    private final Settings settings;
    private final HttpClient client;
    private final Semaphore inFlight;
    private final long size;
    private final byte[] head;
    /** The first answer's ETag and Last-Modified, "" when it had none. */
    private volatile String validators = "";
    private final LinkedHashMap<Long, Range> kept = new LinkedHashMap<>();
    private long keptBytes;
    private final AtomicLong requests = new AtomicLong(), bytes = new AtomicLong();
    private volatile ExecutorService pool;

    private HttpByteSource(Path path, URI uri, Settings settings, HttpClient client) throws BadInputException, IOException {
        this.path = path;
        this.uri = uri;
        this.settings = settings;
        this.client = client;
        this.inFlight = new Semaphore(settings.connections());
        long[] total = {-1};
        this.head = fetch(0, HEAD_BYTES, total);
        this.size = total[0];
    }

    /** Opens {@code path} (a URL of {@link ScenePaths#of}) with the environment's settings; fetches its first bytes. */
    static HttpByteSource open(Path path) throws BadInputException, IOException {
        return open(path, Settings.fromEnvironment());
    }

    static HttpByteSource open(Path path, Settings settings) throws BadInputException, IOException {
        URI uri = ScenePaths.uri(path).orElseThrow(() -> new IllegalArgumentException("not a URL: " + path));
        return new HttpByteSource(path, uri, settings, client());
    }

    private static HttpClient client() {
        HttpClient c = sharedClient;
        if (c == null) {
            synchronized (HttpByteSource.class) {
                c = sharedClient;
                if (c == null) {
                    c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(20)).executor(Executors.newCachedThreadPool(daemon("seamline-http")))
                            .build();
                    sharedClient = c;
                }
            }
        }
        return c;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean remote() {
        return true;
    }

    /**
     * What tells this file apart from another at the same URL: its size, a SHA-256 of its first
     * {@value #HEAD_BYTES} bytes (the header and, in a COG, every directory) and the server's ETag and
     * Last-Modified when it sends them.
     */
    String identity() {
        try {
            return "bytes=" + size + " head-sha256=" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(head)) + validators;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Requests made and body bytes received so far. */
    Counts counts() {
        return new Counts(requests.get(), bytes.get());
    }

    @Override
    public void readFully(ByteBuffer dst, long position) throws IOException, BadInputException {
        int n = dst.remaining();
        if (position < 0 || position > size - n) {
            throw new java.io.EOFException("bytes " + position + " to " + (position + n) + " lie past the end (" + size + " bytes)");
        }
        if (position + n <= head.length) {
            dst.put(head, (int) position, n);
            return;
        }
        if (fromKept(dst, position, n)) {
            return;
        }
        if (n >= CHUNK) {
            dst.put(fetch(position, n, null));
            return;
        }
        long from = position / CHUNK * CHUNK, to = Math.min(size, ((position + n + CHUNK - 1) / CHUNK) * CHUNK);
        byte[] chunk = fetch(from, (int) (to - from), null);
        keep(new Range(from, chunk, Long.MAX_VALUE)); // small reads (tags, offsets) are kept until evicted
        dst.put(chunk, (int) (position - from), n);
    }

    private synchronized boolean fromKept(ByteBuffer dst, long position, int n) {
        for (Iterator<Range> it = kept.values().iterator(); it.hasNext(); ) {
            Range r = it.next();
            if (position >= r.start && position + n <= r.start + r.data.length) {
                dst.put(r.data, (int) (position - r.start), n);
                r.remaining -= n;
                if (r.remaining <= 0) {
                    it.remove();
                    keptBytes -= r.data.length;
                }
                return true;
            }
        }
        return false;
    }

    private synchronized void keep(Range r) {
        Range old = kept.put(r.start, r);
        keptBytes += r.data.length - (old == null ? 0 : old.data.length);
        for (Iterator<Range> it = kept.values().iterator(); keptBytes > ((long) MAX_KEPT_MB << 20) && it.hasNext(); ) {
            Range victim = it.next();
            if (victim != r) {
                it.remove();
                keptBytes -= victim.data.length;
            }
        }
    }

    @Override
    public void prefetch(long[] offsets, long[] lengths) throws IOException, BadInputException {
        int n = offsets.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(offsets[a], offsets[b]));
        List<long[]> merged = new ArrayList<>(); // start, end, useful bytes
        for (int i : order) {
            long s = offsets[i], e = s + lengths[i];
            if (lengths[i] <= 0 || e <= head.length || e > size || isKept(s, lengths[i])) {
                continue;
            }
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s <= last[1] + MAX_GAP && Math.max(e, last[1]) - last[0] <= ((long) MAX_REQUEST_MB << 20)) {
                last[1] = Math.max(last[1], e);
                last[2] += lengths[i];
            } else {
                merged.add(new long[] {s, e, lengths[i]});
            }
        }
        if (merged.isEmpty()) {
            return;
        }
        if (merged.size() == 1) {
            long[] m = merged.get(0);
            keep(new Range(m[0], fetch(m[0], (int) (m[1] - m[0]), null), m[2]));
            return;
        }
        List<Future<Range>> jobs = new ArrayList<>();
        ExecutorService p = pool();
        for (long[] m : merged) {
            jobs.add(p.submit(() -> new Range(m[0], fetch(m[0], (int) (m[1] - m[0]), null), m[2])));
        }
        Exception failure = null;
        for (Future<Range> f : jobs) {
            try {
                keep(f.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : (Exception) e.getCause();
            } catch (InterruptedException e) {
                jobs.forEach(j -> j.cancel(true));
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(path + ": interrupted while fetching blocks");
            }
        }
        if (failure instanceof BadInputException b) {
            throw b;
        } else if (failure instanceof IOException io) {
            throw io;
        } else if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
    }

    private synchronized boolean isKept(long position, long n) {
        for (Range r : kept.values()) {
            if (position >= r.start && position + n <= r.start + r.data.length) {
                return true;
            }
        }
        return false;
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = Executors.newFixedThreadPool(settings.connections(), daemon("seamline-http-prefetch"));
                    pool = p;
                }
            }
        }
        return p;
    }

    @Override
    public void close() {
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
        }
        synchronized (this) {
            kept.clear();
            keptBytes = 0;
        }
    }

    /**
     * The {@code length} bytes at {@code start} (fewer only for the first request, when the file is
     * shorter), tried up to {@link Settings#attempts} times.
     *
     * @param total null, or where the first request records the file's total size
     */
    private byte[] fetch(long start, int length, long[] total) throws BadInputException, IOException {
        Retryable last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                sleep(settings.backoff().toMillis() << Math.min(attempt - 2, 16));
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(path + ": interrupted while waiting for a connection");
            }
            try {
                return exchange(start, length, total);
            } catch (Retryable r) {
                last = r;
            } finally {
                inFlight.release();
            }
        }
        throw new BadInputException(path, last.getMessage() + (settings.attempts() > 1 ? " (" + settings.attempts()
                + " attempts)" : ""), last.getCause());
    }

    private void sleep(long ms) throws InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(path + ": interrupted while waiting to retry");
        }
    }

    /** One request (and the same-origin redirects it meets). */
    private byte[] exchange(long start, int length, long[] total) throws BadInputException, Retryable, InterruptedIOException {
        URI target = uri;
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(target).GET().timeout(settings.timeout())
                    .header("Range", "bytes=" + start + "-" + (start + length - 1));
            for (Map.Entry<String, String> h : settings.headers()) {
                b.header(h.getKey(), h.getValue());
            }
            Body body = new Body(start, length, total == null ? size : -1);
            requests.incrementAndGet();
            CompletableFuture<HttpResponse<byte[]>> f;
            try {
                f = client.sendAsync(b.build(), body::subscriber);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(path, "cannot be requested (" + e.getMessage() + ")", e);
            }
            HttpResponse<byte[]> response;
            try {
                response = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                body.cancel();
                f.cancel(true);
                throw new Retryable("no complete answer within " + seconds(settings.timeout()) + " s (a stalled or trickling server)", e);
            } catch (InterruptedException e) {
                body.cancel();
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(path + ": interrupted during a request");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof Hostile h) {
                    throw new BadInputException(path, h.getMessage(), h);
                }
                if (c instanceof java.net.http.HttpTimeoutException) {
                    throw new Retryable("no complete answer within " + seconds(settings.timeout()) + " s (a stalled or trickling server)", c);
                }
                if (c instanceof java.net.ConnectException) {
                    throw new Retryable("cannot connect to " + target.getRawAuthority() + " (" + GeoKeys.oneLine(String.valueOf(c.getMessage())) + ")", c);
                }
                if (c instanceof IOException) {
                    throw new Retryable("the connection failed (" + cutShort(c) + ")", c);
                }
                throw new BadInputException(path, "the request failed (" + GeoKeys.oneLine(String.valueOf(c)) + ")", c);
            }
            int status = response.statusCode();
            if (status == 206) {
                bytes.addAndGet(response.body().length);
                if (total != null) {
                    total[0] = body.total;
                    validators = response.headers().firstValue("ETag").map(v -> " etag=" + v.strip()).orElse("")
                            + response.headers().firstValue("Last-Modified").map(v -> " last-modified=" + v.strip()).orElse("");
                    validators = validators.replaceAll("\\p{Cntrl}", "?");
                }
                return response.body();
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                target = redirect(target, response.headers(), hop);
                continue;
            }
            String reason = String.valueOf(status);
            if (status == 200) {
                throw new BadInputException(path, "the server ignores range requests (it answered HTTP 200 with the whole file "
                        + "to a request for bytes " + start + "-" + (start + length - 1) + "); Seamline reads URLs only by "
                        + "ranges: download the file and give its path");
            }
            if (status == 416) {
                throw new BadInputException(path, "HTTP 416: the server has no bytes " + start + "-" + (start + length - 1)
                        + " (an empty file, or one that shrank)");
            }
            if (status >= 500 && status <= 599) {
                throw new Retryable("HTTP " + reason + " from the server", null);
            }
            if (status >= 400 && status <= 499) {
                throw new BadInputException(path, "HTTP " + reason + (status == 401 || status == 403
                        ? " (a private server: give its credentials as a header in " + Settings.HEADERS_VARIABLE + ")"
                        : status == 404 ? " (no such file on the server)" : ""));
            }
            throw new BadInputException(path, "unexpected HTTP " + status + " to a range request");
        }
    }

    private URI redirect(URI from, HttpHeaders headers, int hop) throws BadInputException {
        String location = headers.firstValue("Location").orElse(null);
        if (location == null) {
            throw new BadInputException(path, "a redirect without a Location");
        }
        if (hop >= MAX_REDIRECTS) {
            throw new BadInputException(path, "more than " + MAX_REDIRECTS + " redirects");
        }
        URI to;
        try {
            to = from.resolve(new URI(location));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new BadInputException(path, "a redirect to a malformed URL");
        }
        if (!from.getScheme().equalsIgnoreCase(to.getScheme()) || to.getHost() == null
                || !from.getHost().equalsIgnoreCase(to.getHost()) || port(from) != port(to)) {
            throw new BadInputException(path, "the server redirects to another " + (to.getHost() != null
                    && from.getHost().equalsIgnoreCase(to.getHost()) ? "scheme or port" : "host") + " ("
                    + HttpPath.redact(to.getScheme() + "://" + to.getRawAuthority()) + "): refused, so headers never go "
                    + "elsewhere; give that URL itself");
        }
        return to;
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    /** A server answer that breaks the protocol: never retried. */
    private static final class Hostile extends IOException {
        private static final long serialVersionUID = 1L;

        Hostile(String message) {
            super(message);
        }
    }

    /**
     * The body of one range request: the headers are checked before a byte is read, at most the bytes
     * asked for are taken, and the subscription is cancelled on anything else.
     */
    private static final class Body {
        final long start;
        final int length;
        final long knownSize;
        long total = -1;
        private volatile java.util.concurrent.Flow.Subscription subscription;
        private volatile boolean cancelled;

        Body(long start, int length, long knownSize) {
            this.start = start;
            this.length = length;
            this.knownSize = knownSize;
        }

        void cancel() {
            cancelled = true;
            java.util.concurrent.Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 206) {
                return new Capture(0, null); // not read: redirects, errors and a whole file alike
            }
            String range = info.headers().firstValue("Content-Range").orElse(null);
            Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.strip());
            if (m == null || !m.matches()) {
                return new Capture(0, new Hostile(range == null ? "HTTP 206 without a Content-Range"
                        : "a malformed Content-Range '" + clip(range) + "'"));
            }
            long a, b, t;
            try {
                a = Long.parseLong(m.group(1));
                b = Long.parseLong(m.group(2));
                t = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } catch (NumberFormatException e) {
                return new Capture(0, new Hostile("a Content-Range beyond 2^63 '" + clip(range) + "'"));
            }
            if (t < 0) {
                return new Capture(0, new Hostile("a Content-Range without the file's size '" + clip(range) + "'"));
            }
            if (t > MAX_SIZE) {
                return new Capture(0, new Hostile("the server declares a size of " + t + " bytes (more than " + MAX_SIZE_TIB
                        + " TiB): refused"));
            }
            if (knownSize >= 0 && t != knownSize) {
                return new Capture(0, new Hostile("the file changed on the server (its size was " + knownSize + " bytes, now "
                        + t + ")"));
            }
            long wantEnd = Math.min(start + length, t) - 1;
            if (a != start || b != wantEnd) {
                return new Capture(0, new Hostile("the server answered bytes " + a + "-" + b + " to a request for bytes "
                        + start + "-" + wantEnd + " (a wrong Content-Range)"));
            }
            long n = b - a + 1;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(n);
            if (declared != n) {
                return new Capture(0, new Hostile("the server declares a body of " + declared + " bytes for bytes " + a + "-" + b
                        + " (" + n + " bytes)"));
            }
            total = t;
            return new Capture((int) n, null);
        }

        private static String clip(String s) {
            String one = s.replaceAll("\\p{Cntrl}", "?");
            return one.length() > 80 ? one.substring(0, 80) + "…" : one;
        }

        /** Collects exactly {@code expected} bytes, or fails with {@code refusal} without reading. */
        private final class Capture implements HttpResponse.BodySubscriber<byte[]> {
            private final byte[] data;
            private final Hostile refusal;
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private int got;

            Capture(int expected, Hostile refusal) {
                this.data = new byte[expected];
                this.refusal = refusal;
            }

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                subscription = s;
                if (refusal != null || data.length == 0 || cancelled) {
                    s.cancel();
                    if (refusal != null) {
                        result.completeExceptionally(refusal);
                    } else {
                        result.complete(data);
                    }
                    return;
                }
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer item : items) {
                    int n = item.remaining();
                    if (n > data.length - got) {
                        subscription.cancel();
                        result.completeExceptionally(new Hostile("the server sent more than the " + data.length
                                + " bytes it declared"));
                        return;
                    }
                    item.get(data, got, n);
                    got += n;
                }
            }

            @Override
            public void onError(Throwable t) {
                if (got < data.length && t instanceof IOException io && !(t instanceof Hostile)) {
                    result.completeExceptionally(new IOException("the body ended after " + got + " of " + data.length
                            + " bytes (" + GeoKeys.oneLine(String.valueOf(io.getMessage())) + ")", io));
                } else {
                    result.completeExceptionally(t);
                }
            }

            @Override
            public void onComplete() {
                if (got != data.length) {
                    result.completeExceptionally(new Hostile("a short body: " + got + " of the " + data.length
                            + " bytes asked for"));
                } else {
                    result.complete(data);
                }
            }
        }
    }

    private static final java.util.regex.Pattern FIXED_LENGTH =
            java.util.regex.Pattern.compile("fixed content-length: (\\d+), bytes received: (\\d+)");

    /**
     * An I/O failure's message, worded as the body subscriber words a body cut short when the JDK's client
     * reports it on the response instead ("fixed content-length: N, bytes received: M"), which one it does
     * depending on timing.
     */
    static String cutShort(Throwable c) {
        String message = GeoKeys.oneLine(String.valueOf(c.getMessage()));
        java.util.regex.Matcher m = FIXED_LENGTH.matcher(message);
        return m.find() ? "the body ended after " + m.group(2) + " of " + m.group(1) + " bytes (" + message + ")" : message;
    }
}
