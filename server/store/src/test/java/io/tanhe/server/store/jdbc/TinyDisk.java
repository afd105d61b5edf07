package io.tanhe.server.store.jdbc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A size-limited tmpfs mounted for one test (needs root, as in CI), and a filler file to eat its space.
 * {@link #mount} returns null when this machine cannot mount, with the reason in {@link #whyNot}.
 */
final class TinyDisk implements AutoCloseable {
    static String whyNot = "";

    final Path root;

    private TinyDisk(Path root) {
        this.root = root;
    }

    static TinyDisk mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        if (out != null) {
            whyNot = "cannot mount a " + megabytes + " MiB tmpfs (" + out.strip() + "); run as root (.ci/run does) to test a full disk";
            return null;
        }
        return new TinyDisk(mountPoint);
    }

    /** Fills the disk until only about {@code leaveBytes} are free; returns the filler file. */
    Path fillLeaving(long leaveBytes) throws IOException {
        Path filler = root.resolve("filler");
        long free = Files.getFileStore(root).getUsableSpace();
        try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] block = new byte[64 * 1024];
            long target = Math.max(0, free - leaveBytes);
            for (long written = 0; written < target; written += block.length) {
                f.write(block, 0, (int) Math.min(block.length, target - written));
            }
        }
        return filler;
    }

    long free() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", root.toString());
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return command[0] + " did not finish in 30 s";
        }
        return p.exitValue() == 0 ? null : out;
    }
}
