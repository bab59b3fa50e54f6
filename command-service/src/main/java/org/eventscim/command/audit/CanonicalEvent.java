package org.eventscim.command.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a stored event that its chain link covers (encoding version 1). The fields, in this order:
 * <ol>
 *   <li>event identifier</li>
 *   <li>aggregate identifier</li>
 *   <li>sequence number: 8 bytes, big-endian</li>
 *   <li>aggregate type</li>
 *   <li>payload type</li>
 *   <li>payload revision</li>
 *   <li>timestamp, the stored text</li>
 *   <li>payload, the stored bytes</li>
 *   <li>metadata, the stored bytes (tenant, actor, source, request id)</li>
 * </ol>
 * Every field but the sequence number is a 4-byte big-endian length followed by that many bytes (text as
 * UTF-8), or the length -1 alone for an absent value. With every length written, no two different events
 * share their bytes, however their fields are cut. The publication order is not encoded: the chain itself
 * fixes it, each link covering the one before.
 */
final class CanonicalEvent {

    private static final int ABSENT = -1;

    /** Where the encoding goes: a digest while chaining, a byte array for tests and auditors. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    private CanonicalEvent() {
    }

    static byte[] encode(StoredEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(event, bytes::write);
        return bytes.toByteArray();
    }

    static void writeTo(StoredEvent event, Sink sink) {
        byte[] scratch = new byte[8];
        text(event.eventId(), sink, scratch);
        text(event.aggregateId(), sink, scratch);
        bigEndian(event.sequenceNumber(), 8, scratch);
        sink.write(scratch, 0, 8);
        text(event.aggregateType(), sink, scratch);
        text(event.payloadType(), sink, scratch);
        text(event.payloadRevision(), sink, scratch);
        text(event.timestamp(), sink, scratch);
        bytes(event.payload(), sink, scratch);
        bytes(event.metadata(), sink, scratch);
    }

    private static void text(String value, Sink sink, byte[] scratch) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8), sink, scratch);
    }

    private static void bytes(byte[] value, Sink sink, byte[] scratch) {
        bigEndian(value == null ? ABSENT : value.length, 4, scratch);
        sink.write(scratch, 0, 4);
        if (value != null) {
            sink.write(value, 0, value.length);
        }
    }

    private static void bigEndian(long value, int width, byte[] target) {
        for (int i = 0; i < width; i++) {
            target[i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }
}
