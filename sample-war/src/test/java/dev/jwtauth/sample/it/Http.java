package dev.jwtauth.sample.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A plain HTTP client for the tests: no cookie store (each test says exactly which cookies it sends), and trust in
 * the Liberty test server's self-signed certificate, which exists only on this machine.
 */
final class Http {
    static final int HTTP_PORT = Integer.getInteger("it.http.port", 9081);
    static final int HTTPS_PORT = Integer.getInteger("it.https.port", 9444);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .sslContext(trustAll())
            .sslParameters(noHostnameCheck())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {
    }

    static URI https(String app, String path) {
        return URI.create("https://localhost:" + HTTPS_PORT + "/" + app + path);
    }

    static URI http(String app, String path) {
        return URI.create("http://localhost:" + HTTP_PORT + "/" + app + path);
    }

    static Reply get(URI uri, String... headers) {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    static Reply postForm(URI uri, String form, String... headers) {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"), headers);
    }

    static Reply send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request to " + request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * A JSON POST over HTTPS from the loopback address {@code from} (127.0.0.2, 127.0.0.3, …), so the server sees
     * another client address. java.net.http cannot choose its local address, so this speaks HTTP/1.1 itself: one
     * request per connection ({@code Connection: close}), the answer read to its end.
     */
    static Reply postJsonFrom(String from, URI uri, String json, String... headers) {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"),
                uri.getPort(), InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new AssertionError("request from " + from + " to " + uri + " failed", e);
        }
    }

    /** An HTTP/1.1 answer: status line, headers, and a body of its Content-Length, chunked, or up to the end. */
    private static Reply parse(InputStream in) throws IOException {
        int status = Integer.parseInt(line(in).split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("Content-Length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("Content-Length").get(0))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Reply(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the answer ended in the middle of a line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** What came back, with the JSON body parsed on demand. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        Map<String, Object> json() {
            try {
                return JsonUtil.parseJson(body);
            } catch (JoseException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** {@code responseStatus.errorCode} and {@code responseStatus.message} of an error body. */
        String error() {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) json().get("responseStatus");
            if (status == null) {
                throw new AssertionError("no responseStatus in (status " + this.status + "): " + body);
            }
            return status.get("errorCode") + ": " + status.get("message");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /** Trust in any server certificate: for the IT server's self-signed one only. */
    static SSLContext trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLParameters noHostnameCheck() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        return parameters;
    }
}
