package dev.jwtauth.token;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little DER (X.690) that key formats need: building a TLV, and reading the TLVs of a structure one by one.
 * Only definite lengths and single-byte tags (all that key structures use); anything else is a
 * {@link KeyFormatException}, never an exception of another kind, whatever the bytes.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;

    private final byte[] der;
    private final int end;
    private int at;

    /** A reader of the TLVs in {@code der[from, to)}. */
    private Der(byte[] der, int from, int to) {
        this.der = der;
        this.at = from;
        this.end = to;
    }

    /** A reader of the content of the one TLV that {@code der} must be exactly, which must have this tag. */
    static Der contentOf(byte[] der, int tag) {
        Der outer = new Der(der, 0, der.length);
        Der content = outer.next(tag);
        if (outer.hasNext()) {
            throw new KeyFormatException("trailing bytes after the DER structure");
        }
        return content;
    }

    boolean hasNext() {
        return at < end;
    }

    /** The tag of the next TLV, without reading it. */
    int peekTag() {
        if (!hasNext()) {
            throw new KeyFormatException("truncated DER structure");
        }
        return der[at] & 0xFF;
    }

    /** A reader of the next TLV's content, which must have this tag. */
    Der next(int tag) {
        if (peekTag() != tag) {
            throw new KeyFormatException("unexpected DER structure");
        }
        int position = at + 1;
        if (position >= end) {
            throw new KeyFormatException("truncated DER structure");
        }
        int length = der[position++] & 0xFF;
        if (length >= 0x80) {
            int lengthBytes = length & 0x7F;
            if (lengthBytes == 0 || lengthBytes > 3 || position + lengthBytes > end) {
                throw new KeyFormatException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = (length << 8) | (der[position++] & 0xFF);
            }
        }
        if (length > end - position) {
            throw new KeyFormatException("truncated DER structure");
        }
        at = position + length;
        return new Der(der, position, position + length);
    }

    /** The content bytes not yet read. */
    byte[] bytes() {
        byte[] bytes = Arrays.copyOfRange(der, at, end);
        at = end;
        return bytes;
    }

    /** A DER TLV whose content is the given parts in order; only the length encoding (X.690 §8.1.3) is needed. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int lengthBytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthBytes);
            for (int shift = (lengthBytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
