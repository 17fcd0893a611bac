package io.redoubt.engine.geo;

import java.util.Comparator;

/**
 * Redis's {@code pqsort}: the Bentley-McIlroy quicksort of NetBSD's libc, changed to sort only the
 * partitions that overlap a range of ranks. Redis uses it when COUNT cuts a geo search short; it is
 * not stable, so points at equal distances come out in its order, which this port reproduces step
 * by step (pivot choice, partitioning, insertion sort switch).
 */
final class PartialQuickSort {
    private PartialQuickSort() {
    }

    /** Sorts {@code a} enough that ranks {@code [lrange, rrange]} hold the right elements in order. */
    static <T> void sort(T[] a, Comparator<? super T> cmp, int lrange, int rrange) {
        sort(a, 0, a.length, cmp, lrange, rrange);
    }

    private static <T> void sort(T[] a, int base, int n, Comparator<? super T> cmp, int lrange, int rrange) {
        while (true) {
            boolean swapped = false;
            if (n < 7) {
                insertionSort(a, base, n, cmp);
                return;
            }
            int pm = base + n / 2;
            if (n > 7) {
                int pl = base;
                int pn = base + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
                    pm = med3(a, pm - d, pm, pm + d, cmp);
                    pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
                }
                pm = med3(a, pl, pm, pn, cmp);
            }
            swap(a, base, pm);
            int pa = base + 1;
            int pb = pa;
            int pc = base + n - 1;
            int pd = pc;
            while (true) {
                int c;
                while (pb <= pc && (c = cmp.compare(a[pb], a[base])) <= 0) {
                    if (c == 0) {
                        swapped = true;
                        swap(a, pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (c = cmp.compare(a[pc], a[base])) >= 0) {
                    if (c == 0) {
                        swapped = true;
                        swap(a, pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(a, pb, pc);
                swapped = true;
                pb++;
                pc--;
            }
            if (!swapped) {
                insertionSort(a, base, n, cmp);
                return;
            }
            int pn = base + n;
            int r = Math.min(pa - base, pb - pa);
            vecswap(a, base, pb - r, r);
            r = Math.min(pd - pc, pn - pd - 1);
            vecswap(a, pb, pn - r, r);
            r = pb - pa;
            if (r > 1 && overlaps(base, base + r - 1, lrange, rrange)) {
                sort(a, base, r, cmp, lrange, rrange);
            }
            r = pd - pc;
            if (r <= 1) {
                return;
            }
            base = pn - r;
            n = r;
            if (!overlaps(base, base + r - 1, lrange, rrange)) {
                return;
            }
        }
    }

    private static boolean overlaps(int l, int r, int lrange, int rrange) {
        return !((lrange < l && rrange < l) || (lrange > r && rrange > r));
    }

    private static <T> void insertionSort(T[] a, int base, int n, Comparator<? super T> cmp) {
        for (int pm = base + 1; pm < base + n; pm++) {
            for (int pl = pm; pl > base && cmp.compare(a[pl - 1], a[pl]) > 0; pl--) {
                swap(a, pl, pl - 1);
            }
        }
    }

    private static <T> int med3(T[] a, int i, int j, int k, Comparator<? super T> cmp) {
        return cmp.compare(a[i], a[j]) < 0
                ? (cmp.compare(a[j], a[k]) < 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? k : i))
                : (cmp.compare(a[j], a[k]) > 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? i : k));
    }

    private static <T> void swap(T[] a, int i, int j) {
        T t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** Swaps the {@code n} elements from {@code i} with those from {@code j}, front to back as in C. */
    private static <T> void vecswap(T[] a, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            swap(a, i + k, j + k);
        }
    }
}
