package org.vivacite.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A test server on a free loopback port chosen before it starts: the embedded OIDC provider's issuer
 * and the base IRI name the port, so it cannot be one Spring picks at start.
 */
public final class LoopbackServer {

    private LoopbackServer() {}

    /** Registers the data folder, a free port on {@code 127.0.0.1} and the base IRI on it; returns the port. */
    public static int register(DynamicPropertyRegistry registry, Path data) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        registry.add("vivacite.data", data::toString);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("server.port", () -> port);
        registry.add("vivacite.base-iri", () -> "http://127.0.0.1:" + port + "/");
        return port;
    }
}
