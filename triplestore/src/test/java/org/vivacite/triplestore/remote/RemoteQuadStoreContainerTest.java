package org.vivacite.triplestore.remote;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The remote-store contract against a Fuseki server in a container, as a city would run it. Needs
 * a Docker engine; without one it is skipped, and {@link RemoteQuadStoreTest} (the same suite
 * against Fuseki started in-process) is the twin that always runs.
 */
@EnabledIf(
        value = "dockerAvailable",
        disabledReason = "no Docker engine on this machine: the container run of the remote-store contract is"
                + " skipped; RemoteQuadStoreTest runs the same suite against an in-process Fuseki")
class RemoteQuadStoreContainerTest extends RemoteContractTest {

    private static final DockerImageName FUSEKI = DockerImageName.parse("stain/jena-fuseki:5.1.0");

    private static GenericContainer<?> fuseki;
    private static URI endpoint;

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    static void startFuseki() {
        fuseki = new GenericContainer<>(FUSEKI)
                .withExposedPorts(3030)
                .withEnv("ADMIN_PASSWORD", "test-only")
                .withCopyFileToContainer(
                        MountableFile.forClasspathResource("fuseki/city.ttl"), "/fuseki/configuration/city.ttl")
                .waitingFor(Wait.forHttp("/$/ping").forStatusCode(200));
        fuseki.start();
        endpoint = URI.create("http://" + fuseki.getHost() + ":" + fuseki.getMappedPort(3030) + "/city");
    }

    @Override
    protected URI endpoint() {
        return endpoint;
    }

    @AfterAll
    static void stopFuseki() {
        if (fuseki != null) {
            fuseki.stop();
        }
    }
}
