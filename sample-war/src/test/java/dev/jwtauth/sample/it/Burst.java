package dev.jwtauth.sample.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Many requests at once, as a browser fires them: every connection is opened first (TLS handshake done), then all
 * requests are written together, released by one latch, and each response (HTTP/1.1, {@code Content-Length} or
 * chunked) is read with its time since the release. An answer missing at the deadline is a stall: {@link #fire}
 * fails with what every request got by then.
 */
final class Burst {
    private Burst() {
    }

    /** One request: method and URI, headers as name-value pairs, no body. */
    record Request(String method, URI uri, String... headers) {
        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    /** A response and when it was complete, counted from the release of the burst. */
    record Answer(Request request, Http.Reply reply, Duration after) {
        @Override
        public String toString() {
            return request + " -> " + reply.status() + " after " + after.toMillis() + " ms";
        }
    }

    /** Trust in the test servers' certificates; one context for every burst. */
    private static final SSLSocketFactory TLS = Http.trustAll().getSocketFactory();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Sends {@code requests} at once; fails unless every one is answered within {@code deadline} of the release. */
    static List<Answer> fire(List<Request> requests, Duration deadline) {
        int n = requests.size();
        SSLSocket[] sockets = new SSLSocket[n];
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch connected = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long[] released = new long[1];
        long opening = System.nanoTime();
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Request request = requests.get(i);
                futures.add(threads.submit(() -> {
                    try {
                        sockets[index] = (SSLSocket) TLS.createSocket(request.uri().getHost(), request.uri().getPort());
                        sockets[index].startHandshake();
                    } finally {
                        connected.countDown();
                    }
                    go.await();
                    OutputStream out = sockets[index].getOutputStream();
                    out.write(bytes(request));
                    out.flush();
                    Http.Reply reply = read(new BufferedInputStream(sockets[index].getInputStream()));
                    return new Answer(request, reply, Duration.ofNanos(System.nanoTime() - released[0]));
                }));
            }
            if (!connected.await(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    || Stream.of(sockets).anyMatch(socket -> socket == null || !socket.isConnected())) {
                throw new AssertionError("not all of " + n + " connections opened within " + CONNECT_TIMEOUT.toSeconds()
                        + " s: " + failures(futures));
            }
            released[0] = System.nanoTime();
            go.countDown();
            long end = released[0] + deadline.toNanos();
            List<Answer> answers = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                try {
                    answers.add(futures.get(i).get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    missing.add("#" + i);
                } catch (ExecutionException e) {
                    missing.add("#" + i + " (" + e.getCause() + ")");
                }
            }
            if (!missing.isEmpty()) {
                throw new AssertionError(missing.size() + " of " + n + " requests got no answer within "
                        + deadline.toSeconds() + " s: " + missing + "; the answers: " + summary(answers));
            }
            System.out.printf("Burst: %d × %s (connections opened in %d ms): %s%n", n, requests.get(0),
                    Duration.ofNanos(released[0] - opening).toMillis(), summary(answers));
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            for (SSLSocket socket : sockets) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // closing only unblocks a reader that is still waiting
                }
            }
            threads.shutdownNow();
        }
    }

    /** Why the requests that failed did. */
    private static List<String> failures(List<Future<Answer>> futures) {
        return futures.stream().filter(Future::isDone).map(future -> {
            try {
                future.get();
                return "done";
            } catch (ExecutionException e) {
                return String.valueOf(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }).toList();
    }

    /** How many answers had each status, and the slowest, e.g. {@code 19×200, 1×500; slowest 140012 ms}. */
    static String summary(List<Answer> answers) {
        Map<Integer, Long> statuses = answers.stream()
                .collect(Collectors.groupingBy(answer -> answer.reply().status(), TreeMap::new, Collectors.counting()));
        String counts = statuses.entrySet().stream().map(e -> e.getValue() + "×" + e.getKey()).collect(Collectors.joining(", "));
        long slowest = answers.stream().mapToLong(answer -> answer.after().toMillis()).max().orElse(0);
        return (counts.isEmpty() ? "none" : counts) + "; slowest " + slowest + " ms";
    }

    private static byte[] bytes(Request request) {
        StringBuilder text = new StringBuilder(request.method()).append(' ').append(request.uri().getRawPath())
                .append(request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(request.uri().getHost()).append(':').append(request.uri().getPort()).append("\r\n");
        for (int i = 0; i + 1 < request.headers().length; i += 2) {
            text.append(request.headers()[i]).append(": ").append(request.headers()[i + 1]).append("\r\n");
        }
        if (!request.method().equals("GET")) {
            text.append("Content-Length: 0\r\n");
        }
        return text.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Http.Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.getOrDefault("content-length", List.of()).stream().findFirst().orElse(null);
        if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
            for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                body.write(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else {
            in.transferTo(body);
        }
        return new Http.Reply(Integer.parseInt(parts[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(String line) {
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
    }

    /** One header line without its CRLF; fails at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
