package org.rollcall.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Builds PostgreSQL protocol v3 backend messages (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
final class Backend {

    private final ByteBuf buf;
    private final int lengthAt;

    private Backend(ByteBufAllocator alloc, char type) {
        buf = alloc.buffer();
        buf.writeByte(type);
        lengthAt = buf.writerIndex();
        buf.writeInt(0);
    }

    static Backend message(ByteBufAllocator alloc, char type) {
        return new Backend(alloc, type);
    }

    Backend int32(int value) {
        buf.writeInt(value);
        return this;
    }

    Backend int16(int value) {
        buf.writeShort(value);
        return this;
    }

    Backend byte1(int value) {
        buf.writeByte(value);
        return this;
    }

    /** A NUL-terminated UTF-8 string. */
    Backend string(String value) {
        buf.writeCharSequence(value, StandardCharsets.UTF_8);
        buf.writeByte(0);
        return this;
    }

    Backend bytes(byte[] value) {
        buf.writeBytes(value);
        return this;
    }

    /** A column value: its length and UTF-8 text, or -1 for NULL. */
    Backend value(String text) {
        if (text == null) {
            buf.writeInt(-1);
        } else {
            int at = buf.writerIndex();
            buf.writeInt(0);
            int written = buf.writeCharSequence(text, StandardCharsets.UTF_8);
            buf.setInt(at, written);
        }
        return this;
    }

    /** A column value in binary format: its length and bytes, or -1 for NULL. */
    Backend value(byte[] binary) {
        if (binary == null) {
            buf.writeInt(-1);
        } else {
            buf.writeInt(binary.length).writeBytes(binary);
        }
        return this;
    }

    ByteBuf done() {
        buf.setInt(lengthAt, buf.writerIndex() - lengthAt);
        return buf;
    }

    static ByteBuf readyForQuery(ByteBufAllocator alloc, char status) {
        return message(alloc, 'Z').byte1(status).done();
    }

    static ByteBuf commandComplete(ByteBufAllocator alloc, String tag) {
        return message(alloc, 'C').string(tag).done();
    }

    static ByteBuf parameterStatus(ByteBufAllocator alloc, String name, String value) {
        return message(alloc, 'S').string(name).string(value).done();
    }

    /** A NoticeResponse: a warning the client shows or keeps (pgjdbc: an SQLWarning). */
    static ByteBuf notice(ByteBufAllocator alloc, String sqlState, String text) {
        return message(alloc, 'N').byte1('S').string("WARNING").byte1('V').string("WARNING").byte1('C').string(sqlState)
                .byte1('M').string(text).byte1(0).done();
    }

    /** An ErrorResponse (or, with severity FATAL, the last word before the connection closes). */
    static ByteBuf error(ByteBufAllocator alloc, String severity, String sqlState, String text) {
        return message(alloc, 'E').byte1('S').string(severity).byte1('V').string(severity).byte1('C').string(sqlState)
                .byte1('M').string(text).byte1(0).done();
    }
}
