package org.vivacite.territory.building;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritorySource;

/**
 * The Base Adresse Nationale's CSV ({@code adresses-XX.csv}, national format: {@code ;}-separated,
 * UTF-8, columns {@code id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;…;lon;lat;…}).
 * Keeps the addresses of the territory's communes (others are skipped: a department's file names
 * many communes) for the building readers, and makes the streets: one {@code vc:Street} per BAN
 * street code and IRIS its address points lie in ({@code id/street/{code}/{iris}}), so that a
 * street crossing IRIS boundaries keeps the territory a tree. An address point in no IRIS of its
 * commune is reported, by its key.
 */
public final class BanAddressSource implements TerritorySource {

    static final List<String> COLUMNS = List.of("id", "numero", "rep", "nom_voie", "code_insee", "lon", "lat");

    @Override
    public String kind() {
        return "BAN addresses (CSV)";
    }

    @Override
    public int stage() {
        return ADDRESSES;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        return Table.header(head)
                .containsAll(List.of("id", "id_fantoir", "numero", "nom_voie", "code_insee", "lon", "lat"));
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        Places places = Places.of(draft);
        Addresses addresses = Addresses.of(draft);
        BuildingWriter writer = BuildingWriter.of(draft);
        Table.read(file, COLUMNS, row -> {
            String insee = row.get("code_insee");
            if (!places.hasCommune(insee)) {
                return;
            }
            String key = row.get("id").toLowerCase(Locale.ROOT);
            String street = Addresses.street(key);
            if (street == null) {
                throw row.error("id '" + row.get("id")
                        + "' is not a BAN address key ({insee}_{voie}_{number on 5 digits}[_{suffix}])");
            }
            if (!key.startsWith(insee.toLowerCase(Locale.ROOT) + "_")) {
                throw row.error("id '" + key + "' is not an address of commune " + insee + " (code_insee)");
            }
            String name = row.get("nom_voie");
            if (name.isEmpty()) {
                throw row.error("nom_voie is empty");
            }
            double lon = Coordinates.lon(row, "lon");
            double lat = Coordinates.lat(row, "lat");
            String number = (row.get("numero") + " " + row.get("rep")).strip();
            Addresses.Address address = new Addresses.Address(key, insee, street, name, number, lon, lat);
            addresses.add(address, row.get("numero"), row.get("rep"));
            List<Places.Iris> in = places.containing(Places.point(lon, lat)).stream()
                    .filter(i -> i.commune().equals(insee))
                    .toList();
            if (in.size() == 1) {
                writer.street(street, name, in.get(0));
            } else if (in.isEmpty()) {
                draft.unplaced(file.getFileName().toString(), key, "address point in no IRIS of its commune " + insee);
            } else {
                draft.unplaced(
                        file.getFileName().toString(),
                        key,
                        "address point in several IRIS of its commune: "
                                + in.stream().map(Places.Iris::code).toList());
            }
        });
    }
}
