package com.bsp.onboarding.ingest.typed;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A slice of a webhook body that is already valid JSON, handed to Jackson's generator as a raw value.
 * The UTF-8 generator copies these bytes as they are; a String would be re-encoded char by char.
 */
final class RawJsonBytes implements SerializableString {

    private final byte[] bytes;
    private final int offset;
    private final int length;

    RawJsonBytes(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int bufferOffset) {
        if (bufferOffset + length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, offset, buffer, bufferOffset, length);
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, offset, length);
        return length;
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return getValue().toCharArray();
    }

    private char[] asUnquotedChars() {
        return getValue().toCharArray();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return asUnquotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int bufferOffset) {
        return appendUnquotedUTF8(buffer, bufferOffset);
    }

    @Override
    public int appendQuoted(char[] buffer, int bufferOffset) {
        return appendUnquoted(buffer, bufferOffset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int bufferOffset) {
        char[] chars = asUnquotedChars();
        if (bufferOffset + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, bufferOffset, chars.length);
        return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return putUnquotedUTF8(buffer);
    }
}
