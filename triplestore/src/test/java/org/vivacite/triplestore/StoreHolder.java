package org.vivacite.triplestore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child JVM that opens a store and holds it until killed: another process, for lock tests. */
public final class StoreHolder {

    public static void main(String[] args) throws Exception {
        QuadStore store = QuadStores.open(args[0], "private", Path.of(args[1]));
        store.statistics();
        System.out.println("OPEN");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts the holder and returns once it has the store open. */
    static Process start(String kind, Path directory) throws IOException, InterruptedException {
        Process p = ChildJvm.of(StoreHolder.class, kind, directory.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("OPEN")) {
                return p;
            }
        }
        throw new IllegalStateException("store holder exited with " + p.waitFor());
    }
}
