package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;

import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.Errors;
import java.util.random.RandomGenerator;

/**
 * LOLWUT [VERSION n] [arguments]: Redis 7.0's computer art. Versions 5 (Georg Nees's Schotter, in
 * Braille) and 6 (an 8-bit skyline in terminal colours) draw as Redis draws, with the same defaults,
 * limits and captions; any other version, and the default (Redis 7.0 has no version 7 art), answers the
 * version line alone. Both pictures are random as in Redis, except Schotter's first two rows of squares
 * and a one-row skyline.
 */
public final class LolwutCommand {
    private final RandomGenerator random = new java.util.SplittableRandom();

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("lolwut", -1).flags(READONLY, FAST).group("server")
                .since("5.0.0").summary("Display some computer art and the Redis version")
                .args("version:integer=VERSION?")
                .handler(this::lolwut));
    }

    private void lolwut(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        String version = ServerContext.REDIS_VERSION;
        int first = 1;
        if (argv.length >= 3 && Args.is(argv[1], "VERSION")) {
            long v = Args.parseLong(argv[2], Errors.NOT_INTEGER);
            // Redis prints the number as an unsigned 32-bit value before looking at its first characters
            version = Integer.toUnsignedString((int) v) + ".0.0";
            first = 3;
        }
        String text;
        if (version.startsWith("5.") && !version.startsWith("5.9") || version.startsWith("4.9")) {
            text = schotter(arg(argv, first, 66), arg(argv, first + 1, 8), arg(argv, first + 2, 12));
        } else if (version.startsWith("6.") && !version.startsWith("6.9") || version.startsWith("5.9")) {
            text = skyline(arg(argv, first, 80), arg(argv, first + 1, 20));
        } else {
            text = "Redis ver. " + ServerContext.REDIS_VERSION + "\n";
        }
        ctx.reply().verbatim("txt", text);
    }

    /** An optional numeric argument; each version reads its own, and ignores any beyond them, as Redis does. */
    private static long arg(byte[][] argv, int i, long otherwise) {
        return i < argv.length ? Args.parseLong(argv[i], Errors.NOT_INTEGER) : otherwise;
    }

    private static int clamp(long v, int max) {
        return (int) Math.max(1, Math.min(max, v));
    }

    /** LOLWUT 5 [columns] [squares per row] [squares per column]. */
    private String schotter(long columnsArg, long perRowArg, long perColumnArg) {
        int columns = clamp(columnsArg, 1000);
        int perRow = clamp(perRowArg, 200);
        int perColumn = clamp(perColumnArg, 200);
        int canvasWidth = columns * 2;
        int padding = canvasWidth > 4 ? 2 : 0;
        float side = (float) (canvasWidth - padding * 2) / perRow;
        int canvasHeight = (int) (side * perColumn + padding * 2);
        LolwutCanvas canvas = new LolwutCanvas(canvasWidth, canvasHeight, 0);
        for (int y = 0; y < perColumn; y++) {
            for (int x = 0; x < perRow; x++) {
                int sx = (int) (x * side + side / 2 + padding);
                int sy = (int) (y * side + side / 2 + padding);
                float angle = 0;
                if (y > 1) {
                    // lower rows are rotated and moved more and more at random
                    float r1 = random.nextFloat() / perColumn * y;
                    float r2 = random.nextFloat() / perColumn * y;
                    float r3 = random.nextFloat() / perColumn * y;
                    r1 = random.nextBoolean() ? -r1 : r1;
                    r2 = random.nextBoolean() ? -r2 : r2;
                    r3 = random.nextBoolean() ? -r3 : r3;
                    angle = r1;
                    sx += r2 * side / 3; // int += float, truncating the float sum as C does
                    sy += r3 * side / 3;
                }
                canvas.square(sx, sy, side, angle, 1);
            }
        }
        return canvas.braille() + "\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. "
                + ServerContext.REDIS_VERSION + "\n";
    }

    /** LOLWUT 6 [columns] [rows]: grey skyscrapers behind black ones with lit windows, on white. */
    private String skyline(long columnsArg, long rowsArg) {
        LolwutCanvas canvas = new LolwutCanvas(clamp(columnsArg, 1000), clamp(rowsArg, 1000), 3);
        int h = canvas.height;
        for (int color = 2; color >= 1; color--) {
            for (int offset = -10; offset < canvas.width; ) {
                offset += random.nextInt(8);
                int width = 10 + random.nextInt(9);
                int height = color == 2 ? h / 2 + random.nextInt(h) / 2 : h / 2 + random.nextInt(h) / 3;
                skyscraper(canvas, offset, width, height, false, color);
                offset += color == 2 ? width / 2 : width + 1;
            }
        }
        for (int offset = -10; offset < canvas.width; ) {
            offset += random.nextInt(8);
            int width = 5 + random.nextInt(14);
            if (width % 4 != 0) {
                width += width % 3;
            }
            int height = h / 3 + random.nextInt(h) / 2;
            skyscraper(canvas, offset, width, height, true, 0);
            offset += width + 5;
        }
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < canvas.height; y++) {
            for (int x = 0; x < canvas.width; x++) {
                String escape = switch (canvas.get(x, y)) {
                    case 1 -> "0;90;100m";
                    case 2 -> "0;37;47m";
                    case 3 -> "0;97;107m";
                    default -> "0;30;40m";
                };
                text.append("\033[").append(escape).append(" \033[0m");
            }
            if (y != canvas.height - 1) {
                text.append('\n');
            }
        }
        return text + "\nDedicated to the 8 bit game developers of past and present.\n"
                + "Original 8 bit image from Plaguemon by hikikomori. Redis ver. " + ServerContext.REDIS_VERSION + "\n";
    }

    /** One building standing on the bottom row; its roof is two pixels narrower on each side. */
    private void skyscraper(LolwutCanvas canvas, int left, int width, int height, boolean windows, int color) {
        int bottom = canvas.height - 1;
        int top = bottom - height + 1;
        for (int y = bottom; y >= top; y--) {
            for (int x = left; x < left + width; x++) {
                if (y == top && (x <= left + 1 || x >= left + width - 2)) {
                    continue;
                }
                int pixel = color;
                if (windows && x > left + 1 && x < left + width - 2 && y > top + 1 && y < bottom - 1) {
                    int relx = x - (left + 1);
                    int rely = y - (top + 1);
                    // windows two pixels wide and one tall, since a terminal cell is taller than wide
                    if ((relx / 2) % 2 != 0 && rely % 2 != 0) {
                        do {
                            pixel = 1 + random.nextInt(2);
                        } while (pixel == color);
                        if (relx % 2 != 0) {
                            pixel = canvas.get(x - 1, y);
                        }
                    }
                }
                canvas.draw(x, y, pixel);
            }
        }
    }
}
