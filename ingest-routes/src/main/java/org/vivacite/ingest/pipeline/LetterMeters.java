package org.vivacite.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ingest.wmbus.WmbusTelegram;

/**
 * Whose meters a dead letter's units name, so that a household's data in the dead letters can be
 * found: to record who read them ({@link #dwellings}), and to erase them ({@link #erase}).
 *
 * <p>A unit is attributed to the meters it names: a wM-Bus telegram by the address of its link
 * layer (never encrypted, so whatever its key), the other formats by the meters of the readings
 * their decoders give. A unit that names no meter (undecodable, or a telegram too short for an
 * address) is attributed to nobody; a letter cut to the store's limit, whose units cannot be told
 * apart, neither.
 */
public final class LetterMeters {

    private final MeterRegistry registry;
    private final ObservationMapper mapper;
    private final Decoders decoders;

    public LetterMeters(MeterRegistry registry, ObservationMapper mapper, Decoders decoders) {
        this.registry = registry;
        this.mapper = mapper;
        this.decoders = decoders;
    }

    /** What an erasure did to the dead letters. */
    public record Erased(int units, int lettersDeleted, int lettersRewritten) {}

    /**
     * The features of interest (dwellings, or buildings for building-level meters) of the
     * registered meters a letter's units name.
     */
    public Set<String> dwellings(DeadLetter letter) {
        Set<String> dwellings = new LinkedHashSet<>();
        for (Envelope unit : units(letter).orElse(List.of())) {
            for (Wire w : meters(unit)) {
                registry.all().stream()
                        .filter(w::names)
                        .map(m -> mapper.nodes(m).featureOfInterest().getURI())
                        .forEach(dwellings::add);
            }
        }
        return dwellings;
    }

    /**
     * Removes from every letter, waiting or replayed, the units that name a meter of that dwelling
     * (a dwelling meter whose feature of interest it is); a letter left without units is deleted,
     * the others keep their other units, in order, with their reasons.
     */
    public Erased erase(DeadLetterStore store, String dwelling) {
        List<RegisteredMeter> meters = registry.all().stream()
                .filter(m -> !m.buildingLevel())
                .filter(m -> mapper.nodes(m).featureOfInterest().getURI().equals(dwelling))
                .toList();
        if (meters.isEmpty()) {
            return new Erased(0, 0, 0);
        }
        int units = 0;
        int deleted = 0;
        int rewritten = 0;
        List<DeadLetter> letters = Stream.concat(store.letters(l -> true), store.replayed().stream())
                .toList();
        for (DeadLetter letter : letters) {
            Optional<List<Envelope>> cut = units(letter);
            if (cut.isEmpty()) {
                continue;
            }
            List<Envelope> all = cut.get();
            List<Envelope> kept = new ArrayList<>();
            StringBuilder codes = new StringBuilder();
            List<String> details = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                boolean theirs = meters(all.get(i)).stream()
                        .anyMatch(w -> meters.stream().anyMatch(w::names));
                if (!theirs) {
                    kept.add(all.get(i));
                    codes.append(letter.units().codes().charAt(i));
                    String d = letter.units().detail(i);
                    details.add(d == null ? "" : d);
                }
            }
            int gone = all.size() - kept.size();
            if (gone == 0) {
                continue;
            }
            units += gone;
            if (kept.isEmpty()) {
                store.rewrite(letter, null, null);
                deleted++;
            } else {
                store.rewrite(letter, Units.join(kept), new DeadLetter.Units(codes.toString(), details));
                rewritten++;
            }
        }
        return new Erased(units, deleted, rewritten);
    }

    /** The letter's units, in order; empty when they cannot be told apart (cut short, no format). */
    private static Optional<List<Envelope>> units(DeadLetter letter) {
        Envelope e = letter.envelope();
        if (e.format() == null || letter.truncated()) {
            return Optional.empty();
        }
        List<Envelope> units = Units.split(e);
        return units.size() == letter.units().size() ? Optional.of(units) : Optional.empty();
    }

    /** A meter as a unit names it: its wire id or delivery point, and its manufacturer when the format gives one. */
    private record Wire(String id, String manufacturer) {

        boolean names(RegisteredMeter m) {
            String key = RegisteredMeter.normalise(id);
            boolean same = key.equals(RegisteredMeter.normalise(m.meterId()))
                    || (m.usagePointId() != null && key.equals(RegisteredMeter.normalise(m.usagePointId())));
            return same && (manufacturer == null || manufacturer.equalsIgnoreCase(m.manufacturer()));
        }
    }

    private List<Wire> meters(Envelope unit) {
        if (unit.format() == Format.WMBUS) {
            byte[] p = unit.payload();
            byte[] telegram;
            if (Units.text(p)) {
                String digits = new String(p, StandardCharsets.US_ASCII).replaceAll("\\s", "");
                if (digits.length() % 2 != 0 || !digits.matches("[0-9A-Fa-f]+")) {
                    return List.of();
                }
                telegram = HexFormat.of().parseHex(digits);
            } else {
                telegram = p;
            }
            return WmbusTelegram.address(telegram)
                    .map(t -> List.of(new Wire(t.meterId(), t.manufacturer().toUpperCase(Locale.ROOT))))
                    .orElse(List.of());
        }
        List<Wire> wires = new ArrayList<>();
        for (DecodedReading r : decoders.decode(unit).readings()) {
            Wire w = new Wire(r.meterId(), r.manufacturer());
            if (!wires.contains(w)) {
                wires.add(w);
            }
        }
        return wires;
    }
}
