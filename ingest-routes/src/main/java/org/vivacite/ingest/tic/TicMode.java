package org.vivacite.ingest.tic;

/** The two modes of a Linky's customer interface, told apart per dataset by its separator. */
public enum TicMode {
    /** 1 200 baud, {@code LABEL SP VALUE SP CHECKSUM}; the checksum covers label, SP and value. */
    HISTORIC,
    /** 9 600 baud, {@code LABEL HT [HORODATE HT] VALUE HT CHECKSUM}; the checksum covers all before it. */
    STANDARD
}
