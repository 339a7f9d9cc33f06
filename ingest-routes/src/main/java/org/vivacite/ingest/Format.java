package org.vivacite.ingest;

import java.util.Locale;

/** The payload formats the platform ingests; their names are those of the contract ({@code wmbus}, {@code tic}…). */
public enum Format {
    /** Wireless M-Bus telegrams, one in hex per line (or binary, one telegram). */
    WMBUS,
    /** A Linky TIC byte stream, historic or standard mode. */
    TIC,
    /** A SenML pack (RFC 8428), JSON or CBOR. */
    SENML,
    /** The DSO's CSV load curve export (docs/ingest.md). */
    CSV,
    /** An Enedis Data Connect {@code meter_reading} JSON document. */
    DATACONNECT;

    /** The name used in paths, topics and commands. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format of a name of the contract.
     *
     * @throws DecodeException naming the unknown format and the known ones
     */
    public static Format of(String name) {
        for (Format f : values()) {
            if (f.id().equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new DecodeException("unknown format '" + name + "': expected wmbus, tic, senml, csv or dataconnect");
    }
}
