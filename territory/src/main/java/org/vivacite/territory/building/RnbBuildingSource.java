package org.vivacite.territory.building;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;
import org.vivacite.territory.TerritorySource;

/**
 * The Référentiel National des Bâtiments' export ({@code RNB_XX.csv} from data.gouv.fr: {@code
 * ;}-separated, columns {@code rnb_id;point;shape;status;ext_ids;addresses;…}; {@code point} and
 * {@code shape} in EWKT, {@code SRID=4326;…}; {@code addresses} a JSON array of objects with {@code
 * cle_interop_ban}). Places each standing building (status {@code constructed}, {@code
 * ongoingChange} or {@code notUsable}) with {@link BuildingWriter}; its first address found in the
 * BAN file is its {@code vc:BanAddressKey}. A building of the territory in another status is
 * reported, not placed. {@code ext_ids} are not kept.
 */
public final class RnbBuildingSource implements TerritorySource {

    static final List<String> COLUMNS = List.of("rnb_id", "point", "shape", "addresses");

    /** Reads a cell's JSON; Jackson's, as Jena's parser allocates a large buffer per call (one per row). */
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private static final Set<String> STANDING = Set.of("constructed", "ongoingchange", "notusable");

    @Override
    public String kind() {
        return "RNB buildings (CSV)";
    }

    @Override
    public int stage() {
        return BUILDINGS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        return Table.header(head).containsAll(COLUMNS);
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        BuildingWriter writer = BuildingWriter.of(draft);
        Map<String, Long> seen = new HashMap<>();
        Table.read(file, COLUMNS, row -> {
            String rnb = BuildingWriter.rnb(row, "rnb_id");
            Long first = seen.putIfAbsent(rnb, row.line());
            if (first != null) {
                throw BuildingWriter.twice(row, rnb, first);
            }
            List<String> addresses = addresses(row);
            String status = row.get("status");
            Geometry shape = ewkt(row, "shape");
            Geometry point = ewkt(row, "point");
            if (point != null && !(point instanceof Point)) {
                throw row.error("point is a " + point.getGeometryType() + ", not a POINT");
            }
            BuildingWriter.Candidate c = new BuildingWriter.Candidate(rnb, shape, (Point) point, addresses);
            if (!status.isEmpty() && !STANDING.contains(status.toLowerCase(Locale.ROOT))) {
                if (writer.existing(rnb) != null || writer.ours(c)) {
                    draft.unplaced(
                            file.getFileName().toString(), rnb, "status " + status + ": not a standing building");
                }
                return;
            }
            writer.place(row, c);
        });
    }

    /** The {@code cle_interop_ban} of each object of the {@code addresses} JSON array. */
    private static List<String> addresses(Table.Row row) {
        String text = row.get("addresses");
        List<String> keys = new ArrayList<>();
        if (text.isEmpty()) {
            return keys;
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw row.error("addresses is not JSON: " + e.getOriginalMessage());
        }
        if (!json.isArray()) {
            throw row.error("addresses is not a JSON array");
        }
        for (JsonNode a : json) {
            if (!a.isObject() || !a.has("cle_interop_ban")) {
                throw row.error("addresses has an entry without cle_interop_ban: " + a);
            }
            JsonNode key = a.get("cle_interop_ban");
            if (key.isTextual()) {
                keys.add(key.asText().toLowerCase(Locale.ROOT));
            }
        }
        return keys;
    }

    /** An EWKT cell ({@code SRID=4326;POLYGON(…)}) in WGS 84, or null when empty. */
    private static Geometry ewkt(Table.Row row, String column) {
        String text = row.get(column);
        if (text.isEmpty()) {
            return null;
        }
        int semicolon = text.indexOf(';');
        if (text.regionMatches(true, 0, "SRID=", 0, 5) && semicolon > 0) {
            String srid = text.substring(5, semicolon);
            if (!srid.equals("4326")) {
                throw row.error(column + " is in SRID " + srid + ", not 4326 (WGS 84)");
            }
            text = text.substring(semicolon + 1);
        }
        try {
            return Places.wkt(text, column);
        } catch (TerritoryException e) {
            throw row.error(e.getMessage());
        }
    }
}
