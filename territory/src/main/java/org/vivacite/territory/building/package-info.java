/**
 * Streets and addresses (Base Adresse Nationale), buildings (Référentiel National des Bâtiments,
 * or a building CSV), the city's dwellings and public buildings: the readers of the territory
 * import that come after the areas, each a {@link org.vivacite.territory.TerritorySource}. A
 * building is placed in its IRIS by geometry, on its street by its BAN address; what cannot be
 * placed is reported by id (docs/territory.md).
 */
package org.vivacite.territory.building;
