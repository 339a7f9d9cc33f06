package org.vivacite.opendata;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.vivacite.opendata.catalog.CatalogConfiguration;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.opendata.release.ReleaseWeb;

/**
 * The open-data pages a Spring application imports: {@code GET /catalog} and the release downloads
 * under {@code /open-data/}. The application provides a {@link ReleaseFolders} bean (which is the
 * {@link ReleaseIndex}) and a {@link org.vivacite.opendata.catalog.CatalogSettings} bean.
 */
@Configuration(proxyBeanMethods = false)
@Import({CatalogConfiguration.class, ReleaseWeb.class})
public class OpenDataWeb {}
