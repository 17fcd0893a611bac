package io.redoubt.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis 7's AOF manifest: one line per file, {@code file <name> seq <n> type <b|h|i>}, naming the base
 * file and the incremental files in order (history files are dropped here, not kept). Written to a
 * temporary file, forced, then renamed, so a crash leaves either the old or the new manifest.
 */
public record AofManifest(String base, long baseSeq, List<String> incrs, List<Long> incrSeqs) {

    public static AofManifest read(Path file) throws IOException {
        String base = null;
        long baseSeq = 0;
        List<String> incrs = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] w = t.split("\\s+");
            String name = null;
            String type = null;
            long seq = -1;
            for (int i = 0; i + 1 < w.length; i += 2) {
                switch (w[i]) {
                    case "file" -> name = w[i + 1];
                    case "seq" -> seq = Long.parseLong(w[i + 1]);
                    case "type" -> type = w[i + 1];
                    default -> {
                    }
                }
            }
            if (name == null || type == null || seq < 0 || name.contains("/")) {
                throw new IOException(file + ": invalid AOF manifest line " + lineNo);
            }
            switch (type) {
                case "b" -> {
                    base = name;
                    baseSeq = seq;
                }
                case "i" -> {
                    incrs.add(name);
                    seqs.add(seq);
                }
                case "h" -> {
                }
                default -> throw new IOException(file + ": unknown AOF file type '" + type + "' at line " + lineNo);
            }
        }
        return new AofManifest(base, baseSeq, incrs, seqs);
    }

    public void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        if (base != null) {
            b.append("file ").append(base).append(" seq ").append(baseSeq).append(" type b\n");
        }
        for (int i = 0; i < incrs.size(); i++) {
            b.append("file ").append(incrs.get(i)).append(" seq ").append(incrSeqs.get(i)).append(" type i\n");
        }
        DurableFiles.replace(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
