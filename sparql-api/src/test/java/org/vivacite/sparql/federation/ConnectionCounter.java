package org.vivacite.sparql.federation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A listener on a free loopback port that accepts, counts and closes every connection. */
final class ConnectionCounter implements AutoCloseable {

    private final ServerSocket server;
    private final List<Integer> acceptedFromPorts = new CopyOnWriteArrayList<>();
    private final Set<Integer> probePorts = ConcurrentHashMap.newKeySet();

    ConnectionCounter() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptAll, "connection-counter-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /**
     * The connections accepted so far. It first opens a probe connection of its own and waits until
     * the probe is accepted: connections are accepted in arrival order, so every earlier one has been
     * counted by then. The probes are not counted.
     */
    int connections() throws IOException, InterruptedException {
        try (Socket probe = new Socket(InetAddress.getByName("127.0.0.1"), port())) {
            int probePort = probe.getLocalPort();
            probePorts.add(probePort);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!acceptedFromPorts.contains(probePort)) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("The listener did not accept the probe connection");
                }
                Thread.sleep(5);
            }
        }
        return (int) acceptedFromPorts.stream()
                .filter(port -> !probePorts.contains(port))
                .count();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                acceptedFromPorts.add(accepted.getPort());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
