package io.redoubt.dataplane;

import java.nio.charset.StandardCharsets;

/**
 * The pixel canvas LOLWUT draws on, with Redis's drawing primitives (Bresenham lines, squares as four
 * points on a circle) in Redis's float arithmetic, so the same picture comes out pixel for pixel, and
 * its rendering as Braille characters (2 by 4 pixels each) for LOLWUT 5. Out-of-canvas pixels are
 * ignored on draw and read as 0.
 */
final class LolwutCanvas {
    final int width;
    final int height;
    private final byte[] pixels;

    LolwutCanvas(int width, int height, int background) {
        this.width = width;
        this.height = height;
        this.pixels = new byte[width * height];
        java.util.Arrays.fill(pixels, (byte) background);
    }

    void draw(int x, int y, int color) {
        if (x >= 0 && x < width && y >= 0 && y < height) {
            pixels[x + y * width] = (byte) color;
        }
    }

    int get(int x, int y) {
        return x >= 0 && x < width && y >= 0 && y < height ? pixels[x + y * width] : 0;
    }

    void line(int x1, int y1, int x2, int y2, int color) {
        int dx = Math.abs(x2 - x1);
        int dy = Math.abs(y2 - y1);
        int sx = x1 < x2 ? 1 : -1;
        int sy = y1 < y2 ? 1 : -1;
        int err = dx - dy;
        while (true) {
            draw(x1, y1, color);
            if (x1 == x2 && y1 == y2) {
                return;
            }
            int e2 = err * 2;
            if (e2 > -dy) {
                err -= dy;
                x1 += sx;
            }
            if (e2 < dx) {
                err += dx;
                y1 += sy;
            }
        }
    }

    /**
     * A square centred on x,y: its corners are four points a quarter turn apart on the circle around it,
     * starting at 45 degrees plus {@code angle}. Floats where Redis has floats, doubles where C promotes.
     */
    void square(int x, int y, float size, float angle, int color) {
        int[] px = new int[4];
        int[] py = new int[4];
        size = (float) (size / 1.4142135623);
        size = (float) roundHalfAway(size);
        float k = (float) (Math.PI / 4 + angle);
        for (int j = 0; j < 4; j++) {
            px[j] = (int) roundHalfAway(Math.sin(k) * size + x);
            py[j] = (int) roundHalfAway(Math.cos(k) * size + y);
            k = (float) (k + Math.PI / 2);
        }
        for (int j = 0; j < 4; j++) {
            line(px[j], py[j], px[(j + 1) % 4], py[(j + 1) % 4], color);
        }
    }

    /** C's round(): halves go away from zero (Java's Math.round goes up). */
    private static double roundHalfAway(double v) {
        return v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
    }

    /** Braille rendering: one character per 2x4 pixels, dots numbered as Unicode's braille block does. */
    String braille() {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < height; y += 4) {
            for (int x = 0; x < width; x += 2) {
                int dots = 0;
                dots |= get(x, y) != 0 ? 1 : 0;
                dots |= get(x, y + 1) != 0 ? 1 << 1 : 0;
                dots |= get(x, y + 2) != 0 ? 1 << 2 : 0;
                dots |= get(x + 1, y) != 0 ? 1 << 3 : 0;
                dots |= get(x + 1, y + 1) != 0 ? 1 << 4 : 0;
                dots |= get(x + 1, y + 2) != 0 ? 1 << 5 : 0;
                dots |= get(x, y + 3) != 0 ? 1 << 6 : 0;
                dots |= get(x + 1, y + 3) != 0 ? 1 << 7 : 0;
                text.append((char) (0x2800 + dots));
            }
            if (y != height - 1) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
