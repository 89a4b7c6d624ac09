package dev.jwtauth.token;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM (RFC 7468) as people paste it into configuration: one key block, perhaps after OpenSSL's
 * {@code EC PARAMETERS} block ({@code openssl ecparam -genkey} prints one first), perhaps with literal {@code \n}
 * escapes (environment variables). Messages name labels, never the content.
 */
final class Pem {
    /** RFC 7468 labels are printable ASCII; we accept the subset real RSA/EC/X.509 labels use so we can quote it. */
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,64})-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Names the curve only; the key block that follows names it again. */
    private static final String EC_PARAMETERS = "EC PARAMETERS";

    /** One PEM block: its label and its DER content. */
    record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    /** Whether the text contains a PEM block at all (rather than JSON or bare Base64). */
    static boolean isPem(String text) {
        return BEGIN.matcher(text.replace("\\n", "\n")).find();
    }

    /** The first key block of the text. */
    static Block read(String pem) {
        // Environment variables often carry PEM with literal "\n" escapes instead of line breaks.
        String text = requireText(pem).replace("\\r", "").replace("\\n", "\n");
        Matcher begin = BEGIN.matcher(text);
        while (true) {
            if (!begin.find()) {
                throw new KeyFormatException("not a PEM block (no '-----BEGIN ...-----' line)");
            }
            String label = begin.group(1);
            int end = text.indexOf("-----END " + label + "-----", begin.end());
            if (end < 0) {
                throw new KeyFormatException("PEM block '" + label + "' has no matching '-----END " + label + "-----' line");
            }
            if (label.equals(EC_PARAMETERS)) {
                begin.region(end, text.length());
                continue;
            }
            String body = text.substring(begin.end(), end);
            // PKCS#8 encryption uses its own label; OpenSSL's legacy encryption adds RFC 1421 headers to the body.
            if (label.equals("ENCRYPTED PRIVATE KEY") || body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
                throw new KeyFormatException("encrypted PEM is not supported; decrypt it first, e.g. with 'openssl pkcs8 -topk8 -nocrypt'");
            }
            String base64 = WHITESPACE.matcher(body).replaceAll("");
            if (base64.isEmpty()) {
                throw new KeyFormatException("PEM block '" + label + "' is empty");
            }
            return new Block(label, decodeBase64(base64, "PEM block '" + label + "'"));
        }
    }

    /** PEM with 64-character lines and a trailing newline, as OpenSSL writes it. */
    static String write(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static String requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new KeyFormatException("no key given (empty value)");
        }
        return text;
    }

    static byte[] decodeBase64(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending input character; keep even that out of logs.
            throw new KeyFormatException("bad Base64 in " + where);
        }
    }
}
