package org.vivacite.ingest.source.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.BaseInterceptor;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.persistence.Persister;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTConnection;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTProtocolManagerFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyServerConnection;
import org.apache.activemq.artemis.core.server.ActiveMQComponent;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.routing.RoutingHandler;
import org.apache.activemq.artemis.spi.core.protocol.ConnectionEntry;
import org.apache.activemq.artemis.spi.core.protocol.ProtocolManager;
import org.apache.activemq.artemis.spi.core.protocol.ProtocolManagerFactory;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.remoting.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest MQTT packet the embedded broker reads, checked at the packet's fixed header, before
 * its body is read: a packet whose Remaining Length (its variable header and payload) is larger is
 * refused, the connection closed (an MQTT 5 client that was let in is first sent {@code DISCONNECT}
 * with reason {@code 0x95}, packet too large). Nothing of the packet is kept: the payload was
 * never read, so it cannot be dead-lettered; the refusal is logged and counted ({@link Oversized}).
 *
 * <p>Artemis 2.40 has no such bound: its MQTT decoder is made with a fixed 256 MB limit and reads
 * a whole packet into memory before its own {@code maximumPacketSize} is checked (for MQTT 5
 * sessions only). So the broker's MQTT protocol is Artemis's own with one handler in front of its
 * decoder ({@link #protocol}). The limit is also announced to MQTT 5 clients, as the Maximum
 * Packet Size of {@code CONNACK} (Artemis's {@code maximumPacketSize}, which then also checks it
 * after decoding, never reached).
 *
 * @param maxRemainingLength the largest Remaining Length a packet may announce
 * @param oversized told of each packet refused
 */
public record MqttPacketLimit(int maxRemainingLength, Oversized oversized) {

    /** Room for what an MQTT packet carries besides its payload: the topic, packet id, MQTT 5 properties. */
    public static final int HEADER_ROOM = 64 * 1024;

    /** The largest Remaining Length MQTT can express (four bytes of variable byte integer). */
    public static final int MQTT_MAX = 268_435_455;

    /** Netty's MQTT decoder keeps the version of the CONNECT it decoded under this channel attribute. */
    private static final AttributeKey<MqttVersion> MQTT_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private static final byte PACKET_TOO_LARGE = (byte) 0x95;
    private static final Logger LOG = LoggerFactory.getLogger(MqttPacketLimit.class);

    /** Told of a packet refused for its size. */
    @FunctionalInterface
    public interface Oversized {
        /**
         * @param gateway the user logged in on the connection, or null before a login (or without logins)
         * @param size the Remaining Length the packet announced
         */
        void refused(String gateway, long size);
    }

    public MqttPacketLimit {
        if (maxRemainingLength < 0 || maxRemainingLength > MQTT_MAX) {
            throw new IllegalArgumentException(
                    "the largest MQTT packet must be between 0 and " + MQTT_MAX + " bytes, not " + maxRemainingLength);
        }
        Objects.requireNonNull(oversized, "oversized");
    }

    /**
     * Packets carrying a payload of up to {@code maxPayload} bytes ({@code vivacite.ingest.max-payload})
     * and {@link #HEADER_ROOM} for the rest, at most what MQTT can express.
     */
    public static MqttPacketLimit forPayload(long maxPayload, Oversized oversized) {
        return new MqttPacketLimit((int) Math.min(MQTT_MAX, Math.max(0, maxPayload) + HEADER_ROOM), oversized);
    }

    /** The largest whole packet: the Remaining Length and at most five bytes of fixed header. */
    int maxPacketSize() {
        return maxRemainingLength + 5;
    }

    /** Artemis's MQTT protocol, with this limit in front of its decoder. */
    ProtocolManagerFactory<MQTTInterceptor> protocol() {
        return new Protocol(this);
    }

    /**
     * Refuses the connection's packet of {@code size} bytes: logs and counts it, tells an MQTT 5
     * client that was let in why, and closes the connection.
     */
    private void refuse(ActiveMQServer server, Channel channel, long size) {
        RemotingConnection connection = server.getRemotingService().getConnection(channel.id());
        String clientId = connection == null ? null : connection.getClientID();
        String gateway = server.getSessions().stream()
                .filter(s -> channel.id().equals(s.getConnectionID()))
                .map(ServerSession::getValidatedUser)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        LOG.warn(
                "MQTT packet of {} bytes from {} (client id {}, {}) refused: larger than the {} bytes a packet may"
                        + " carry (vivacite.ingest.max-payload + {} bytes); connection closed, nothing of it kept",
                size,
                gateway == null ? "a client not logged in" : "gateway '" + gateway + "'",
                clientId == null ? "none yet" : "'" + clientId + "'",
                channel.remoteAddress(),
                maxRemainingLength,
                HEADER_ROOM);
        oversized.refused(gateway, size);
        boolean letIn = connection instanceof MQTTConnection mqtt && mqtt.getConnected();
        if (letIn && channel.attr(MQTT_VERSION).get() == MqttVersion.MQTT_5) {
            MqttMessage disconnect = new MqttMessage(
                    new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttReasonCodeAndPropertiesVariableHeader(PACKET_TOO_LARGE, MqttProperties.NO_PROPERTIES));
            // from the pipeline's tail, through Artemis's MQTT encoder
            channel.writeAndFlush(disconnect).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /**
     * Follows the packets' boundaries in the bytes as they come, without keeping any: reads each
     * fixed header's Remaining Length (a variable byte integer) as soon as its bytes are there,
     * passes the bytes on while packets are within the limit, and stops at the first that is not,
     * passing on only the packets before it.
     */
    private static final class Guard extends ChannelInboundHandlerAdapter {
        private final MqttPacketLimit limit;
        private final ActiveMQServer server;
        /** Bytes of the current packet's body still to pass on. */
        private long body;
        /** In a fixed header, the bytes of its Remaining Length read so far; -1 before its first byte. */
        private int lengthBytes = -1;
        /** The Remaining Length read so far. */
        private int length;

        private boolean refused;
        /** After a malformed Remaining Length: Artemis's decoder refuses it and discards what follows. */
        private boolean blind;

        Guard(MqttPacketLimit limit, ActiveMQServer server) {
            this.limit = limit;
            this.server = server;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf) || blind) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (refused) {
                buf.release();
                return;
            }
            int start = buf.readerIndex();
            int end = buf.writerIndex();
            int packetStart = start;
            int i = start;
            while (i < end) {
                if (body > 0) {
                    int skip = (int) Math.min(body, end - i);
                    i += skip;
                    body -= skip;
                    continue;
                }
                int b = buf.getUnsignedByte(i++);
                if (lengthBytes < 0) { // a packet's first byte: its type and flags
                    packetStart = i - 1;
                    lengthBytes = 0;
                    length = 0;
                    continue;
                }
                length |= (b & 0x7F) << (7 * lengthBytes++);
                if ((b & 0x80) != 0) {
                    if (lengthBytes == 4) {
                        blind = true; // malformed: five bytes of length
                        break;
                    }
                    continue;
                }
                if (length > limit.maxRemainingLength()) {
                    refused = true;
                    ctx.channel().config().setAutoRead(false);
                    if (packetStart > start) {
                        ctx.fireChannelRead(buf.retainedSlice(start, packetStart - start));
                    }
                    buf.release();
                    limit.refuse(server, ctx.channel(), length);
                    return;
                }
                body = length;
                lengthBytes = -1;
            }
            ctx.fireChannelRead(buf);
        }
    }

    /** Artemis's MQTT protocol factory, making protocol managers that put a {@link Guard} first. */
    private static final class Protocol implements ProtocolManagerFactory<MQTTInterceptor> {
        private final MqttPacketLimit limit;
        private final MQTTProtocolManagerFactory mqtt = new MQTTProtocolManagerFactory();

        Protocol(MqttPacketLimit limit) {
            this.limit = limit;
        }

        @Override
        public Persister<org.apache.activemq.artemis.api.core.Message>[] getPersister() {
            return mqtt.getPersister();
        }

        @Override
        public ProtocolManager createProtocolManager(
                ActiveMQServer server,
                Map<String, Object> parameters,
                List<BaseInterceptor> incomingInterceptors,
                List<BaseInterceptor> outgoingInterceptors)
                throws Exception {
            return new Guarded(
                    mqtt.createProtocolManager(server, parameters, incomingInterceptors, outgoingInterceptors),
                    this,
                    limit,
                    server);
        }

        @Override
        public List<MQTTInterceptor> filterInterceptors(List<BaseInterceptor> interceptors) {
            return mqtt.filterInterceptors(interceptors);
        }

        @Override
        public String[] getProtocols() {
            return mqtt.getProtocols();
        }

        @Override
        public String getModuleName() {
            return mqtt.getModuleName();
        }

        @Override
        public void loadProtocolServices(ActiveMQServer server, List<ActiveMQComponent> services) {
            mqtt.loadProtocolServices(server, services);
        }

        @Override
        public void updateProtocolServices(ActiveMQServer server, List<ActiveMQComponent> services) throws Exception {
            mqtt.updateProtocolServices(server, services);
        }
    }

    /** Artemis's MQTT protocol manager, but for the {@link Guard} it puts in front of the decoder. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Guarded implements ProtocolManager<MQTTInterceptor, RoutingHandler> {
        private final ProtocolManager mqtt;
        private final ProtocolManagerFactory<MQTTInterceptor> factory;
        private final MqttPacketLimit limit;
        private final ActiveMQServer server;

        Guarded(
                ProtocolManager mqtt,
                ProtocolManagerFactory<MQTTInterceptor> factory,
                MqttPacketLimit limit,
                ActiveMQServer server) {
            this.mqtt = mqtt;
            this.factory = factory;
            this.limit = limit;
            this.server = server;
        }

        @Override
        public void addChannelHandlers(ChannelPipeline pipeline) {
            pipeline.addLast(new Guard(limit, server));
            mqtt.addChannelHandlers(pipeline);
        }

        @Override
        public ProtocolManagerFactory<MQTTInterceptor> getFactory() {
            return factory;
        }

        @Override
        public void updateInterceptors(List<BaseInterceptor> incoming, List<BaseInterceptor> outgoing) {
            mqtt.updateInterceptors(incoming, outgoing);
        }

        @Override
        public ConnectionEntry createConnectionEntry(Acceptor acceptor, Connection connection) {
            return mqtt.createConnectionEntry(acceptor, connection);
        }

        @Override
        public void removeHandler(String name) {
            mqtt.removeHandler(name);
        }

        @Override
        public void handleBuffer(RemotingConnection connection, ActiveMQBuffer buffer) {
            mqtt.handleBuffer(connection, buffer);
        }

        @Override
        public boolean isProtocol(byte[] array) {
            return mqtt.isProtocol(array);
        }

        @Override
        public boolean acceptsNoHandshake() {
            return mqtt.acceptsNoHandshake();
        }

        @Override
        public void handshake(NettyServerConnection connection, ActiveMQBuffer buffer) {
            mqtt.handshake(connection, buffer);
        }

        @Override
        public List<String> websocketSubprotocolIdentifiers() {
            return mqtt.websocketSubprotocolIdentifiers();
        }

        @Override
        public void setAnycastPrefix(String prefix) {
            mqtt.setAnycastPrefix(prefix);
        }

        @Override
        public void setMulticastPrefix(String prefix) {
            mqtt.setMulticastPrefix(prefix);
        }

        @Override
        public Map<SimpleString, RoutingType> getPrefixes() {
            return mqtt.getPrefixes();
        }

        @Override
        public void setSecurityDomain(String domain) {
            mqtt.setSecurityDomain(domain);
        }

        @Override
        public String getSecurityDomain() {
            return mqtt.getSecurityDomain();
        }

        @Override
        public RoutingHandler getRoutingHandler() {
            return mqtt.getRoutingHandler();
        }
    }
}
