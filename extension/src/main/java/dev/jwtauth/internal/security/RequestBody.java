package dev.jwtauth.internal.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A request body that jwtauth reads before the application (a token in its {@code BearerToken} or {@code ss-tok}
 * field): read once, at most {@value #LIMIT} bytes of it, kept with the request, and replayed to whoever reads the
 * body next — the application's resource through {@link JwtRequest}, or a token service — as if nobody had read it.
 * A longer body is replayed whole too (the bytes read, then the rest of the stream), but jwtauth looks at none of
 * it.
 */
public final class RequestBody {
    /** The most jwtauth reads of a body, for a token service's fields or a token. */
    public static final int LIMIT = 16 * 1024;
    private static final String ATTRIBUTE = RequestBody.class.getName();
    private static final String FORM = "application/x-www-form-urlencoded";

    private final byte[] head;
    private final boolean complete;
    private final InputStream rest;
    private ServletInputStream replay;
    private Map<String, List<String>> form;
    private Map<String, String[]> parameters;

    private RequestBody(byte[] head, boolean complete, InputStream rest) {
        this.head = head;
        this.complete = complete;
        this.rest = rest;
    }

    /** The body of {@code request}, read now if nobody read it through this class before. */
    public static RequestBody of(HttpServletRequest request) throws IOException {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestBody known) {
            return known;
        }
        ServletInputStream in = request.getInputStream();
        if (request.getAttribute(ATTRIBUTE) instanceof RequestBody known) {
            return known; // the request is a JwtRequest, which has just read it for us: that stream is its replay
        }
        byte[] head = in.readNBytes(LIMIT + 1);
        RequestBody body = head.length > LIMIT ? new RequestBody(head, false, in) : new RequestBody(head, true, null);
        request.setAttribute(ATTRIBUTE, body);
        return body;
    }

    /** The body, read by this class before; none if nobody did. */
    static Optional<RequestBody> read(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof RequestBody known ? Optional.of(known) : Optional.empty();
    }

    /** The whole body if it is at most {@value #LIMIT} bytes; none when longer. */
    public Optional<byte[]> bytes() {
        return complete ? Optional.of(head.clone()) : Optional.empty();
    }

    /** The whole body as UTF-8 text if it is at most {@value #LIMIT} bytes of it; none when longer or not UTF-8. */
    Optional<String> text() {
        if (!complete) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The fields of a URL-encoded form body, names as sent, values in order; none when the body is no such form,
     * longer than {@value #LIMIT} bytes or not decodable.
     */
    Optional<Map<String, List<String>>> form(HttpServletRequest request) {
        if (!isForm(request) || !complete) {
            return Optional.empty();
        }
        if (form == null) {
            form = parse(new String(head, StandardCharsets.ISO_8859_1)).orElse(Map.of());
        }
        return Optional.of(form);
    }

    /** The body, for the one who reads it next: the same stream for every call, as a request's own. */
    ServletInputStream stream() {
        if (replay == null) {
            InputStream all = new ByteArrayInputStream(head);
            replay = new Replay(complete ? all : new SequenceInputStream(all, rest), complete);
        }
        return replay;
    }

    /**
     * The parameters of {@code request} as the container would give them after this body was read: the query
     * string's, then the form's (read whole now if it is longer than {@value #LIMIT} bytes).
     */
    Map<String, String[]> parameters(HttpServletRequest request) throws IOException {
        if (parameters != null) {
            return parameters;
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (request.getQueryString() != null) {
            parse(request.getQueryString()).ifPresent(query -> query.forEach((name, values) ->
                    all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values)));
        }
        if (isForm(request)) {
            String text = complete ? new String(head, StandardCharsets.ISO_8859_1)
                    : new String(stream().readAllBytes(), StandardCharsets.ISO_8859_1);
            parse(text).ifPresent(body -> body.forEach((name, values) ->
                    all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values)));
        }
        Map<String, String[]> arrays = new LinkedHashMap<>();
        all.forEach((name, values) -> arrays.put(name, values.toArray(String[]::new)));
        parameters = Collections.unmodifiableMap(arrays);
        return parameters;
    }

    static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.regionMatches(true, 0, FORM, 0, FORM.length());
    }

    /** {@code a=1&b=2} as UTF-8 (its bytes were read as ISO-8859-1, one char each); none when an escape is broken. */
    private static Optional<Map<String, List<String>>> parse(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameAndValue = pair.split("=", 2);
            try {
                fields.computeIfAbsent(decode(nameAndValue[0]), n -> new ArrayList<>())
                        .add(nameAndValue.length > 1 ? decode(nameAndValue[1]) : "");
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(fields);
    }

    private static String decode(String text) {
        return URLDecoder.decode(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The replayed body. Blocking reads only: the whole of a short body is ready at once, so a listener is told so. */
    private static final class Replay extends ServletInputStream {
        private final InputStream in;
        private final boolean inMemory;
        private boolean finished;

        Replay(InputStream in, boolean inMemory) {
            this.in = in;
            this.inMemory = inMemory;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return inMemory || finished;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            if (!inMemory) {
                throw new IllegalStateException("a body longer than " + LIMIT + " bytes that jwtauth looked at is read blocking");
            }
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
