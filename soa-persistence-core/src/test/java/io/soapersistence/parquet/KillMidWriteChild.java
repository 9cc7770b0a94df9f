package io.soapersistence.parquet;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import io.soapersistence.fixtures.OrderSoA;

/**
 * A writer that is killed mid-write by {@link KillMidWriteTest}: it starts from the state in the last line of
 * its log, then loops forever over save, append, clear and (multi-file) compact with small batches. Before each
 * operation it logs {@code begin <op> <state after>}, after the operation's future completed {@code commit <op>
 * <state after>}; each line is forced to disk before going on. It prints {@code ready} before the first write, after
 * warming up on a scratch dataset next to the directory.
 * <p>
 * Arguments: dataset directory, layout, log file, random seed.
 */
public final class KillMidWriteChild {

    private KillMidWriteChild() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        Layout layout = Layout.valueOf(args[1]);
        Path log = Path.of(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        List<String> lines = CrashState.completeLines(log);
        CrashState state = CrashState.parse(lines.get(lines.size() - 1).split(" ")[2]);
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, directory)
            .withLayout(layout)
            .withCompactionThreshold(4);
        warmUp(directory.resolveSibling(directory.getFileName() + "-warm-up"), layout);
        try (FileChannel out = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            System.out.println("ready");
            System.out.flush();
            while (true) {
                int choice = random.nextInt(10);
                long firstId = state.nextId();
                int rows = 1 + random.nextInt(400);
                String op;
                CrashState after;
                if (state.rows() > 4000 || choice < 2) {
                    op = "save";
                    after = CrashState.EMPTY.plus(firstId, rows);
                }
                else if (choice < 8) {
                    op = "append";
                    after = state.plus(firstId, rows);
                }
                else if (choice < 9 && layout == Layout.MULTI_FILE) {
                    op = "compact";
                    after = state;
                }
                else {
                    op = "clear";
                    after = CrashState.EMPTY;
                }
                write(out, "begin " + op + " " + after + "\n");
                switch (op) {
                    case "save" -> persistence.save(CrashState.batch(firstId, rows)).join();
                    case "append" -> persistence.append(CrashState.batch(firstId, rows)).join();
                    case "compact" -> persistence.compact().join();
                    default -> persistence.clear().join();
                }
                write(out, "commit " + op + " " + after + "\n");
                state = after;
            }
        }
    }

    /**
     * Runs each operation once on a scratch dataset, so that the kill lands in an operation of a warm JVM and not
     * in class loading.
     */
    private static void warmUp(Path scratch, Layout layout) {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, scratch)
            .withLayout(layout);
        persistence.save(CrashState.batch(1, 50)).join();
        persistence.append(CrashState.batch(51, 50)).join();
        persistence.compact().join();
        persistence.load().join();
        persistence.clear().join();
    }

    private static void write(FileChannel out, String line) throws java.io.IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        out.force(false);
    }
}
