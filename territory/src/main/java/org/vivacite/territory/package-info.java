/**
 * A real territory from national reference data: communes and their intercommunality (INSEE COG,
 * DGCL), districts (IGN IRIS contours), streets and addresses (BAN), buildings (RNB) and the
 * city's dwelling and public-building files, written to the territory graph of both stores.
 */
package org.vivacite.territory;
