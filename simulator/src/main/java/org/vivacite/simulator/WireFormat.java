package org.vivacite.simulator;

import java.util.Locale;

/**
 * The forms in which readings reach the platform, each named as in the ingest paths ({@code
 * /ingest/{name}}, {@code vivacite/ingest/{name}/{gateway}}) and the simulator's output folders.
 */
public enum WireFormat {
    /** Wireless M-Bus telegrams, one in hex per line, without link-layer CRCs. */
    WMBUS("wmbus", "text/plain"),
    /** Linky customer tele-information, raw bytes (STX … ETX frames). */
    TIC("tic", "application/octet-stream"),
    /** SenML packs, JSON (RFC 8428; CBOR is {@code application/senml+cbor}). */
    SENML("senml", "application/senml+json"),
    /** A DSO load curve or daily consumption in the platform's documented CSV. */
    CSV("csv", "text/csv"),
    /** The Enedis Data Connect {@code meter_reading} JSON. */
    DATACONNECT("dataconnect", "application/json");

    private final String path;
    private final String mediaType;

    WireFormat(String path, String mediaType) {
        this.path = path;
        this.mediaType = mediaType;
    }

    /** The name in ingest paths and output folders. */
    public String path() {
        return path;
    }

    /** The media type of a payload in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The format of a path name, case-insensitive. */
    public static WireFormat of(String name) {
        for (WireFormat f : values()) {
            if (f.path.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown wire format '" + name + "': expected wmbus, tic, senml, csv or dataconnect");
    }
}
