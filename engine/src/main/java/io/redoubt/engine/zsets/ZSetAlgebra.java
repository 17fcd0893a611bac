package io.redoubt.engine.zsets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION, ZINTER and ZDIFF over already-read inputs, with Redis's arithmetic: weighted scores and
 * sums that come out NaN count as 0, inputs are combined smallest first (the order changes
 * floating-point sums), and the result is in (score, member) order.
 */
final class ZSetAlgebra {
    enum Op { UNION, INTER, DIFF }

    enum Aggregate { SUM, MIN, MAX }

    /** One input of a set operation: its elements in (score, member) order, and its weight. */
    record Source(ScoredList elements, double weight) {
    }

    private ZSetAlgebra() {
    }

    /** The result of {@code op} over {@code sources} (the first source is the DIFF minuend). */
    static ScoredList compute(Op op, List<Source> sources, Aggregate aggregate) {
        return sortedResult(combineAll(op, sources, aggregate));
    }

    /** A member as a hash-map key. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private static Map<Key, double[]> combineAll(Op op, List<Source> sources, Aggregate aggregate) {
        Map<Key, double[]> acc = new HashMap<>();
        Source first = sources.get(0);
        if (op == Op.DIFF) {
            for (int i = 0; i < first.elements().size(); i++) {
                acc.put(new Key(first.elements().member(i)), new double[] {first.elements().score(i)});
            }
            for (int k = 1; k < sources.size() && !acc.isEmpty(); k++) {
                ScoredList other = sources.get(k).elements();
                for (int i = 0; i < other.size(); i++) {
                    acc.remove(new Key(other.member(i)));
                }
            }
            return acc;
        }
        // Redis walks the inputs smallest first; the order matters for floating-point sums.
        List<Source> order = new ArrayList<>(sources);
        order.sort(Comparator.comparingInt(s -> s.elements().size()));
        if (op == Op.UNION) {
            for (Source s : order) {
                ScoredList el = s.elements();
                for (int i = 0; i < el.size(); i++) {
                    double v = weighted(el.score(i), s.weight());
                    double[] cur = acc.get(new Key(el.member(i)));
                    if (cur == null) {
                        acc.put(new Key(el.member(i)), new double[] {v});
                    } else {
                        cur[0] = combine(cur[0], v, aggregate);
                    }
                }
            }
            return acc;
        }
        Source smallest = order.get(0);
        if (smallest.elements().size() == 0) {
            return acc;
        }
        List<Map<Key, Double>> others = new ArrayList<>();
        for (int k = 1; k < order.size(); k++) {
            others.add(asMap(order.get(k).elements()));
        }
        ScoredList el = smallest.elements();
        outer:
        for (int i = 0; i < el.size(); i++) {
            Key key = new Key(el.member(i));
            double v = weighted(el.score(i), smallest.weight());
            for (int k = 0; k < others.size(); k++) {
                Double s = others.get(k).get(key);
                if (s == null) {
                    continue outer;
                }
                v = combine(v, weighted(s, order.get(k + 1).weight()), aggregate);
            }
            acc.put(key, new double[] {v});
        }
        return acc;
    }

    private static Map<Key, Double> asMap(ScoredList el) {
        Map<Key, Double> m = new HashMap<>();
        for (int i = 0; i < el.size(); i++) {
            m.put(new Key(el.member(i)), el.score(i));
        }
        return m;
    }

    private static double weighted(double score, double weight) {
        double v = score * weight;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double combine(double target, double v, Aggregate aggregate) {
        return switch (aggregate) {
            case SUM -> {
                double s = target + v;
                yield Double.isNaN(s) ? 0 : s;
            }
            case MIN -> Math.min(target, v);
            case MAX -> Math.max(target, v);
        };
    }

    private static ScoredList sortedResult(Map<Key, double[]> result) {
        List<Map.Entry<Key, double[]>> items = new ArrayList<>(result.entrySet());
        items.sort((a, b) -> {
            int c = Double.compare(a.getValue()[0], b.getValue()[0]);
            if (a.getValue()[0] == b.getValue()[0]) {
                c = 0;
            }
            return c != 0 ? c : Arrays.compareUnsigned(a.getKey().bytes(), b.getKey().bytes());
        });
        ScoredList out = new ScoredList();
        for (Map.Entry<Key, double[]> it : items) {
            out.add(it.getKey().bytes(), it.getValue()[0]);
        }
        return out;
    }
}
