package org.vivacite.ingest.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.wmbus.MeterKeys;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * The wireless M-Bus meters' AES-128 keys, kept outside the triplestore in a file only its owner
 * may read: a CSV {@code meter_id,key_hex} (as {@code simulate} writes {@code keys.csv}), or a
 * Java KeyStore (PKCS12 or JKS, by its extension {@code .p12}, {@code .pfx}, {@code .jks}) whose
 * secret-key entries are named by meter id. A file that group or others may read is refused.
 * Keys are never logged, and errors name the file and line, never a key.
 */
public final class MeterKeyFile implements MeterKeys {

    private volatile Map<String, byte[]> keys;
    private final Path file;
    private final char[] password;

    private MeterKeyFile(Path file, char[] password) {
        this.file = file;
        this.password = password;
        reload();
    }

    /**
     * The keys of a file.
     *
     * @param password the KeyStore's password (ignored for CSV), may be null
     * @throws DecodeException naming the file and what is wrong with it
     */
    public static MeterKeyFile load(Path file, char[] password) {
        return new MeterKeyFile(file, password);
    }

    /** Reads the file again (keys of meters registered since). */
    public void reload() {
        if (!Files.exists(file)) {
            keys = Map.of();
            return;
        }
        checkPermissions(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        keys = name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks") ? keyStore() : csv();
    }

    /** The file the keys are kept in. */
    public Path file() {
        return file;
    }

    /**
     * Adds keys to a CSV key file (created owner-only if missing) and reads it again; keys of
     * meters already in it are left as they are.
     *
     * @throws DecodeException for a KeyStore, which its owner maintains with {@code keytool}
     */
    public synchronized void add(Map<String, byte[]> more) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")) {
            throw new DecodeException(
                    "meter keys " + file + ": a KeyStore is maintained with keytool, not by the platform");
        }
        StringBuilder lines = new StringBuilder();
        more.forEach((id, k) -> {
            if (!keys.containsKey(id.toUpperCase(Locale.ROOT))) {
                lines.append(id)
                        .append(',')
                        .append(java.util.HexFormat.of().formatHex(k))
                        .append('\n');
            }
        });
        if (lines.isEmpty()) {
            return;
        }
        try {
            if (!Files.exists(file)) {
                OwnerOnly.directories(file.toAbsolutePath().getParent());
                OwnerOnly.createFile(file);
                Files.writeString(file, "meter_id,key_hex\n");
            }
            Files.writeString(file, lines, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write meter keys " + file, e);
        }
        reload();
    }

    public int size() {
        return keys.size();
    }

    @Override
    public Optional<byte[]> key(String manufacturer, String meterId) {
        return Optional.ofNullable(keys.get(meterId.toUpperCase(Locale.ROOT)));
    }

    private static void checkPermissions(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            for (PosixFilePermission forbidden : List.of(
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE)) {
                if (p.contains(forbidden)) {
                    throw new DecodeException("meter keys " + file
                            + ": group or others may read or write it; keys are secrets (chmod 600 " + file + ")");
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read meter keys " + file, e);
        }
    }

    private Map<String, byte[]> csv() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read meter keys " + file, e);
        }
        Map<String, byte[]> map = new HashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("meter_id")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 2) {
                throw new DecodeException("meter keys " + file + " line " + n + ": expected meter_id,key_hex");
            }
            map.put(f[0].strip().toUpperCase(Locale.ROOT), parseKey(f[1].strip(), file + " line " + n));
        }
        return Collections.unmodifiableMap(map);
    }

    private Map<String, byte[]> keyStore() {
        try (InputStream in = Files.newInputStream(file)) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            KeyStore ks = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            Map<String, byte[]> map = new HashMap<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    java.security.Key k = ks.getKey(alias, password);
                    if (k != null && k.getEncoded() != null && k.getEncoded().length == 16) {
                        map.put(alias.toUpperCase(Locale.ROOT), k.getEncoded());
                    }
                }
            }
            return Collections.unmodifiableMap(map);
        } catch (IOException | GeneralSecurityException e) {
            throw new DecodeException("meter keys " + file + ": not a readable KeyStore with this password ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A key in hex: 32 hexadecimal digits; the error names where, never the value. */
    public static byte[] parseKey(String hex, String where) {
        try {
            byte[] k = HexFormat.of().parseHex(hex);
            if (k.length == 16) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw new DecodeException(where + ": a key is 32 hexadecimal digits (AES-128)");
    }
}
