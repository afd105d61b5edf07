package io.tanhe.drivers.metersim;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The sockets and streams a simulator opened, closed together. */
final class Closeables {
    private final List<Closeable> open = new ArrayList<>();

    synchronized void add(Closeable c) {
        open.add(c);
    }

    synchronized void closeAll() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // best effort: the test is over
            }
        }
        open.clear();
    }
}
