package org.vivacite.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.triplestore.support.OwnerOnly;

/** Tomcat's work directories live under {@code {data}/tmp}, like everything else the server writes. */
@Configuration
class DataDirectoryConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatUnderDataDirectory(VivaciteProperties properties) {
        return factory -> {
            Path tmp = properties.data().toAbsolutePath().resolve("tmp");
            factory.setBaseDirectory(directory(tmp.resolve("tomcat")).toFile());
            factory.setDocumentRoot(directory(tmp.resolve("docbase")).toFile());
        };
    }

    /** Owner-only: Tomcat keeps uploads (ingest bodies) there while it reads them. */
    private static Path directory(Path dir) {
        try {
            OwnerOnly.directories(dir);
            OwnerOnly.restrict(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
