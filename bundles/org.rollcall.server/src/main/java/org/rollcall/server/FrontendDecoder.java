package org.rollcall.server;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * Splits the client's bytes into PostgreSQL protocol v3 messages: untyped ones (length first) until the startup
 * packet is through, typed ones (a type byte, then the length) after it. Each message goes on as one {@link Message}.
 */
final class FrontendDecoder extends ByteToMessageDecoder {

    /** A frontend message: its type ({@code 0} for startup-phase packets) and its body without the length. */
    record Message(char type, ByteBuf body) {
    }

    /** Longest message accepted: a query text of up to 64 MiB. */
    private static final int MAX_LENGTH = 64 << 20;

    private boolean startupPhase = true;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int header = startupPhase ? 4 : 5;
        if (in.readableBytes() < header) {
            return;
        }
        int start = in.readerIndex();
        char type = startupPhase ? 0 : (char) in.getUnsignedByte(start);
        int length = in.getInt(start + header - 4);
        if (length < 4 || length > MAX_LENGTH) {
            throw new CorruptedFrameException("invalid message length " + length);
        }
        if (in.readableBytes() < header - 4 + length) {
            return;
        }
        in.skipBytes(header);
        ByteBuf body = in.readRetainedSlice(length - 4);
        out.add(new Message(type, body));
        if (startupPhase && body.readableBytes() >= 4) {
            int code = body.getInt(body.readerIndex());
            // A v3 startup packet ends the untyped phase; SSLRequest, GSSENCRequest and CancelRequest do not.
            if (code >> 16 == 3) {
                startupPhase = false;
            }
        }
    }
}
