package io.tributary.broker.it;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A blocking Kafka protocol client over one socket, built from kafka-clients' own request and
 * response classes, for tests that need control the Java producer does not give: pipelining,
 * acks=0, hand-picked producer ids and sequences, garbage. Public for the multi-node tests in
 * {@code io.tributary.broker.cluster}.
 */
public final class RawKafkaClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Integer, RequestHeader> sent = new HashMap<>();
    private int nextCorrelationId = 1;

    public RawKafkaClient(String bootstrap) throws IOException {
        int colon = bootstrap.lastIndexOf(':');
        socket = new Socket();
        socket.connect(new InetSocketAddress(bootstrap.substring(0, colon), Integer.parseInt(bootstrap.substring(colon + 1))), 5000);
        socket.setSoTimeout(15_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends without waiting; returns the correlation id. */
    int send(AbstractRequest request) throws IOException {
        int id = nextCorrelationId++;
        RequestHeader h = new RequestHeader(request.apiKey(), request.version(), "raw-test", id);
        ByteBuffer body = request.serializeWithHeader(h);
        ByteBuffer frame = ByteBuffer.allocate(4 + body.remaining()).putInt(body.remaining()).put(body);
        out.write(frame.array());
        out.flush();
        sent.put(id, h);
        return id;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One response frame, whichever request it answers. */
    Response receive() throws IOException {
        int size = in.readInt();
        byte[] b = new byte[size];
        in.readFully(b);
        int correlationId = ByteBuffer.wrap(b).getInt();
        RequestHeader h = sent.remove(correlationId);
        if (h == null) {
            throw new IllegalStateException("response for unknown correlation id " + correlationId);
        }
        return new Response(correlationId, AbstractResponse.parseResponse(ByteBuffer.wrap(b), h));
    }

    @SuppressWarnings("unchecked")
    public <T extends AbstractResponse> T call(AbstractRequest request) throws IOException {
        int id = send(request);
        Response r = receive();
        if (r.correlationId() != id) {
            throw new IllegalStateException("expected the answer to " + id + ", got " + r.correlationId());
        }
        return (T) r.body();
    }

    boolean closedByPeer(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            return in.read() == -1;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    record Response(int correlationId, AbstractResponse body) {
    }

    /** A Produce (v12, topics by name) of one batch to one partition. */
    public static ProduceRequest produce(String topic, int partition, short acks, MemoryRecords records) {
        ProduceRequestData data = new ProduceRequestData().setAcks(acks).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName(topic).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(partition).setRecords(records))));
        data.setTopicData(topics);
        return new ProduceRequest.Builder((short) 12, (short) 12, data).build((short) 12);
    }

    public static MemoryRecords idempotent(long producerId, short epoch, int baseSequence, String... values) {
        return idempotentAt(System.currentTimeMillis(), producerId, epoch, baseSequence, values);
    }

    /** An idempotent batch whose records all carry {@code timestampMs} (tests that roll segments by segment.ms). */
    public static MemoryRecords idempotentAt(long timestampMs, long producerId, short epoch, int baseSequence, String... values) {
        SimpleRecord[] rs = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            rs[i] = new SimpleRecord(timestampMs, null, values[i].getBytes());
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence, rs);
    }

    public static MemoryRecords plain(long timestampMs, String... values) {
        SimpleRecord[] rs = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            rs[i] = new SimpleRecord(timestampMs, null, values[i].getBytes());
        }
        return MemoryRecords.withRecords(Compression.NONE, rs);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
