package org.vivacite.opendata.release;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the release downloads ({@link DownloadController}) over the application's {@link ReleaseFolders}. */
@Configuration(proxyBeanMethods = false)
public class ReleaseWeb {

    @Bean
    DownloadController downloadController(ReleaseFolders folders) {
        return new DownloadController(folders);
    }
}
