package io.tanhe.cli;

import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Hj212FormatException;
import io.tanhe.server.hj212.PacketExplainer;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** {@code tanhe hj212 …}: HJ 212-2017 packets by hand. */
@Command(name = "hj212", mixinStandardHelpOptions = true,
        description = "HJ 212-2017 packets: explain a packet field by field, build one around a data segment, or simulate a platform.",
        subcommands = {Hj212Command.Decode.class, Hj212Command.Encode.class, Hj212Command.Simulate.class})
public final class Hj212Command implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tanhe hj212 decode PACKET|-}. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = {"Explain every field of one HJ 212 packet, or say exactly what is wrong and where.",
                    "The packet may contain the two characters \\r\\n for CR LF, as packets are often written.",
                    "A missing CR LF at the end is added (with a note) unless --exact is given.",
                    "Exit code 0: valid packet; 1: malformed packet (the error names the byte offset)."})
    static final class Decode implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "PACKET", description = "the packet, or - to read it from standard input")
        String packet;

        @Option(names = "--exact", description = "decode the input exactly as given: no \\r\\n unescaping, no added CR LF")
        boolean exact;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            // bytes throughout, as the TCP path reads them: decoding standard input as UTF-8 first turned a
            // 0xFF into U+FFFD (3 bytes) and reported a length mismatch instead of the byte itself
            byte[] bytes = packet.equals("-") ? System.in.readAllBytes() : packet.getBytes(StandardCharsets.UTF_8);
            if (!exact) {
                bytes = unescapeCrLf(bytes);
                int n = bytes.length;
                if (!(n >= 2 && bytes[n - 2] == '\r' && bytes[n - 1] == '\n')) {
                    int keep = n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r') ? n - 1 : n;
                    byte[] ended = java.util.Arrays.copyOf(bytes, keep + 2);
                    ended[keep] = '\r';
                    ended[keep + 1] = '\n';
                    bytes = ended;
                    out.println("note: added the CR LF that ends a packet (--exact decodes the input as given)");
                }
            }
            try {
                PacketExplainer.explain(Hj212Codec.decode(bytes)).forEach(out::println);
                out.flush();
                return 0;
            } catch (Hj212FormatException e) {
                PrintWriter err = spec.commandLine().getErr();
                PacketExplainer.explain(bytes, e).forEach(err::println);
                err.flush();
                out.flush();
                return 1;
            }
        }
    }

    /** The two characters {@code \\r} and {@code \\n} as the bytes CR and LF; every other byte as it is. */
    static byte[] unescapeCrLf(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && i + 1 < in.length && (in[i + 1] == 'r' || in[i + 1] == 'n')) {
                out.write(in[i + 1] == 'r' ? '\r' : '\n');
                i++;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    /** {@code tanhe hj212 encode SEGMENT}. */
    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = {"Check a data segment (QN=…;ST=…;…;CP=&&…&&) and print the packet around it:",
                    "## + length + segment + CRC, and CR LF; header fields in the standard's order.",
                    "Exit code 1 if the segment is not valid (error offsets count from its first character)."})
    static final class Encode implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SEGMENT", description = "the data segment, without ##, length, CRC and CR LF")
        String segment;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                DataSegment s = Hj212Codec.parseSegment(segment);
                spec.commandLine().getOut().print(Hj212Codec.encodeText(s));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (Hj212FormatException e) {
                PacketExplainer.explain(segment.getBytes(StandardCharsets.UTF_8), e).forEach(err::println);
            } catch (IllegalArgumentException tooLong) {
                err.println("error: " + tooLong.getMessage());
            }
            err.flush();
            return 1;
        }
    }

    /** {@code tanhe hj212 simulate [--port N]}: a data-centre platform on 127.0.0.1 that acknowledges every upload. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"Run a simulated HJ 212 platform on 127.0.0.1 until interrupted (Ctrl-C):",
                    "it prints every packet it receives (<-) and its answer (->), and acknowledges",
                    "every data upload that asks for it with 9014 (and 9015 heartbeats with 9013)."})
    static final class Simulate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--port", defaultValue = "8212", description = "TCP port (default ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--data-cn", description = "another CN that carries data, e.g. a platform's monthly CN (repeatable)")
        List<String> dataCns = new ArrayList<>();

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Consumer<String> print = line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            };
            try (Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(port, Set.copyOf(dataCns), print)) {
                print.accept("HJ 212 platform simulator listening on 127.0.0.1:" + sim.port() + " (Ctrl-C stops it)");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return 0;
        }
    }
}
