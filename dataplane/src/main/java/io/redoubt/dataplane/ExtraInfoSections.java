package io.redoubt.dataplane;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * INFO sections that modules above the dataplane provide (the node's audit counters), shown only when
 * asked for by name ({@code INFO audit}), so that {@code INFO}, {@code INFO all} and
 * {@code INFO everything} keep exactly Redis's sections.
 */
public final class ExtraInfoSections {
    private record Section(String name, String title, Supplier<Map<String, String>> fields) {
    }

    private final CopyOnWriteArrayList<Section> sections = new CopyOnWriteArrayList<>();

    /** Adds section {@code name} (lower case, as asked for) titled {@code title}; fields in the map's order. */
    public void add(String name, String title, Supplier<Map<String, String>> fields) {
        sections.add(new Section(name, title, fields));
    }

    void write(java.util.Set<String> wanted, InfoText out) {
        for (Section s : sections) {
            if (wanted.contains(s.name())) {
                out.section(s.title());
                s.fields().get().forEach(out::field);
            }
        }
    }
}
