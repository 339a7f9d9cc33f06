package org.vivacite.portal;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The API of the roles beside the citizen (docs/identity.md) for the application to import beside
 * {@code IdentityConfiguration}, whose chain lets only managers into {@code /api/manager/**} and
 * only officials into {@code /api/official/**}: a building manager's buildings ({@code
 * manager.ManagerController}, over a {@code BuildingData} the application provides) and an
 * official's published aggregates ({@code official.OfficialController}, over the {@code
 * ReleaseFolders} of open data).
 */
@Configuration
@ComponentScan(basePackages = {"org.vivacite.portal.manager", "org.vivacite.portal.official"})
public class RolesApi {}
