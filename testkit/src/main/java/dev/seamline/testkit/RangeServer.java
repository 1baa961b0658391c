package dev.seamline.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 file server on a raw socket, for tests and the read benchmark: it serves one file
 * at {@code /<name>} with single byte ranges ({@code Range: bytes=a-b}, {@code a-}, {@code -n}) answered
 * {@code 206}, {@code HEAD}, and keep-alive, counts requests, body bytes and the most requests in flight,
 * keeps the headers of every request, and can be told to misbehave as hostile servers do
 * ({@link Behaviour}). Thread-safe; close it when done.
 *
 * <p>Run as a program it serves a file until killed:
 * {@code java -cp testkit/target/classes dev.seamline.testkit.RangeServer FILE [PORT]}; it prints the URL,
 * and the counts on each {@code GET /stats}.
 */
public final class RangeServer implements AutoCloseable {

    /** How the server answers. */
    public enum Behaviour {
        /** Correctly. */
        NORMAL,
        /** 200 with the whole file to every GET, ranges ignored. */
        IGNORE_RANGES,
        /** 206 whose Content-Range names bytes other than those asked for (shifted by 100). */
        WRONG_CONTENT_RANGE,
        /** 206 with a correct Content-Range and Content-Length, then half the body and the connection closed. */
        SHORT_BODY,
        /** 206 whose Content-Length is half the range it names. */
        SHORT_CONTENT_LENGTH,
        /** Headers at once, then the body one byte each 200 ms. */
        TRICKLE,
        /** Content-Range declares a total of 2^62 bytes. */
        GIGANTIC_SIZE,
        /** 302 to the same path on {@code localhost} (another host than 127.0.0.1). */
        REDIRECT_OTHER_HOST,
        /** 302 to {@code /moved/<name>} on this host, which is then served normally. */
        REDIRECT_SAME_HOST,
        /** 404 to every request. */
        NOT_FOUND,
        /** 403 to every request. */
        FORBIDDEN,
        /** 503 to the first {@link #failures} GETs, then normal. */
        UNAVAILABLE_AT_FIRST
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final ServerSocket socket;
    private final FileChannel file;
    private final long size;
    private final String name;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "range-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong requests = new AtomicLong(), bytes = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger(), maxInFlight = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Map<String, String>> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private volatile Behaviour behaviour = Behaviour.NORMAL;

    private RangeServer(Path file, String name, int port) throws IOException {
        this.file = FileChannel.open(file, StandardOpenOption.READ);
        this.size = this.file.size();
        this.name = name;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        pool.submit(this::acceptLoop);
    }

    /** Serves {@code file} at {@code http://127.0.0.1:<free port>/<its file name>}. */
    public static RangeServer serve(Path file) throws IOException {
        return new RangeServer(file, file.getFileName().toString(), 0);
    }

    /** Serves {@code file} under another name. */
    public static RangeServer serve(Path file, String name) throws IOException {
        return new RangeServer(file, name, 0);
    }

    /** The file's URL. */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/" + name;
    }

    /** Changes how the server answers from the next request on. */
    public RangeServer behave(Behaviour b) {
        behaviour = b;
        return this;
    }

    /** {@link Behaviour#UNAVAILABLE_AT_FIRST}: answers 503 to the first {@code n} GETs. */
    public RangeServer unavailableFor(int n) {
        failuresLeft.set(n);
        behaviour = Behaviour.UNAVAILABLE_AT_FIRST;
        return this;
    }

    /** Requests received. */
    public long requests() {
        return requests.get();
    }

    /** Body bytes sent. */
    public long bytesServed() {
        return bytes.get();
    }

    /** The most requests that were being answered at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The headers of every request so far, names lower-cased, in order. */
    public List<Map<String, String>> requestHeaders() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The file's size, bytes. */
    public long size() {
        return size;
    }

    /** Sets the counts to zero. */
    public void resetCounts() {
        requests.set(0);
        bytes.set(0);
        maxInFlight.set(0);
        seen.clear();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                pool.submit(() -> connection(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connection(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                String line = readLine(in);
                if (line == null || line.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                    int c = h.indexOf(':');
                    if (c > 0) {
                        headers.put(h.substring(0, c).strip().toLowerCase(Locale.ROOT), h.substring(c + 1).strip());
                    }
                }
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    requests.incrementAndGet();
                    seen.add(headers);
                    if (!answer(line, headers, out)) {
                        return;
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    /** Answers one request; false when the connection is to be closed. */
    private boolean answer(String requestLine, Map<String, String> headers, OutputStream out)
            throws IOException, InterruptedException {
        String[] parts = requestLine.split(" ");
        String method = parts[0];
        String target = parts.length > 1 ? parts[1] : "/";
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Behaviour b = behaviour;
        if (path.equals("/stats")) {
            byte[] body = ("{\"requests\": " + requests.get() + ", \"bytes\": " + bytes.get() + ", \"maxInFlight\": "
                    + maxInFlight.get() + "}\n").getBytes(StandardCharsets.US_ASCII);
            head(out, "200 OK", "Content-Type: application/json\r\nContent-Length: " + body.length);
            out.write(body);
            out.flush();
            return true;
        }
        boolean moved = path.equals("/moved/" + name);
        if (!path.equals("/" + name) && !moved) {
            head(out, "404 Not Found", "Content-Length: 0");
            return true;
        }
        if (b == Behaviour.NOT_FOUND || b == Behaviour.FORBIDDEN) {
            head(out, b == Behaviour.NOT_FOUND ? "404 Not Found" : "403 Forbidden", "Content-Length: 0");
            return true;
        }
        if (b == Behaviour.REDIRECT_OTHER_HOST || (b == Behaviour.REDIRECT_SAME_HOST && !moved)) {
            String host = b == Behaviour.REDIRECT_OTHER_HOST ? "localhost" : "127.0.0.1";
            head(out, "302 Found", "Location: http://" + host + ":" + socket.getLocalPort() + "/moved/" + name
                    + "\r\nContent-Length: 0");
            return true;
        }
        if (b == Behaviour.UNAVAILABLE_AT_FIRST && method.equals("GET") && failuresLeft.getAndDecrement() > 0) {
            head(out, "503 Service Unavailable", "Content-Length: 0");
            return true;
        }
        String range = headers.get("range");
        long from = 0, to = size - 1;
        boolean partial = false;
        if (range != null && b != Behaviour.IGNORE_RANGES) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (from >= size || from > to) {
                    head(out, "416 Range Not Satisfiable", "Content-Range: bytes */" + size + "\r\nContent-Length: 0");
                    return true;
                }
                partial = true;
            }
        }
        long n = to - from + 1;
        String common = "Accept-Ranges: bytes\r\nContent-Type: image/tiff";
        if (!partial) {
            head(out, "200 OK", common + "\r\nContent-Length: " + size);
        } else {
            long shownFrom = b == Behaviour.WRONG_CONTENT_RANGE ? from + 100 : from;
            long shownTo = b == Behaviour.WRONG_CONTENT_RANGE ? to + 100 : to;
            String total = b == Behaviour.GIGANTIC_SIZE ? String.valueOf(1L << 62) : String.valueOf(size);
            long length = b == Behaviour.SHORT_CONTENT_LENGTH ? Math.max(1, n / 2) : n;
            head(out, "206 Partial Content", common + "\r\nContent-Range: bytes " + shownFrom + "-" + shownTo + "/" + total
                    + "\r\nContent-Length: " + length);
            if (b == Behaviour.SHORT_CONTENT_LENGTH) {
                n = length;
            }
        }
        if (method.equals("HEAD")) {
            out.flush();
            return true;
        }
        if (b == Behaviour.SHORT_BODY) {
            send(out, from, Math.max(0, n / 2), false);
            out.flush();
            return false;
        }
        send(out, from, n, b == Behaviour.TRICKLE);
        out.flush();
        return true;
    }

    private void send(OutputStream out, long from, long n, boolean trickle) throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.allocate(trickle ? 1 : 1 << 16);
        long at = from, end = from + n;
        while (at < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - at));
            int r = file.read(buf, at);
            if (r < 0) {
                throw new IOException("file shrank");
            }
            out.write(buf.array(), 0, r);
            bytes.addAndGet(r);
            at += r;
            if (trickle) {
                out.flush();
                Thread.sleep(200);
            }
        }
    }

    private static void head(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** One CRLF- or LF-terminated line, or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > 65536) {
                throw new IOException("header line too long");
            }
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        pool.shutdownNow();
        file.close();
    }

    /** Serves a file until killed: {@code RangeServer FILE [PORT]}. */
    public static void main(String[] args) throws Exception {
        Path f = Path.of(args[0]);
        RangeServer s = new RangeServer(f, f.getFileName().toString(), args.length > 1 ? Integer.parseInt(args[1]) : 0);
        System.out.println(s.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
