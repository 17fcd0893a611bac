package io.redoubt.acl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One set of permissions of a user, as Redis 7 selectors: the commands allowed (one bit per command
 * and subcommand id of the command table, plus the bit for commands added later), the first
 * arguments allowed for otherwise denied commands, key patterns with their read/write access, and
 * channel patterns. A user has a root selector and any number of {@code (...)} selectors; a command
 * runs when one of them allows it.
 *
 * <p>A selector is edited only while a user's rules are applied, on a private copy; the copy is
 * published as part of a new {@link UserState} and never changed afterwards.
 */
public final class Selector {
    final BitSet allowed;
    /** Redis's reserved bit: set by +@all, cleared by -@all; decides how ACL LIST describes the commands. */
    boolean futureCommands;
    /** Redis's SELECTOR_FLAG_ALLCOMMANDS: +@all with nothing removed since, so no bit needs checking. */
    boolean allCommands;
    final Map<Integer, List<String>> firstArgs;
    /**
     * Rules naming Redis commands the command table lacks ({@code +eval}, {@code -script|flush}, or a
     * first-arg rule such as {@code +eval|x}), the name in lower case, in the order written, with whether they
     * allow: such commands never run here, but the rules are kept so that ACL LIST, ACL GETUSER and
     * the aclfile give back what a user wrote for Redis. See {@link RedisCommandNames}.
     */
    final Map<String, Boolean> absentCommands;
    final List<KeyPattern> keys;
    boolean allKeys;
    final List<byte[]> channels;
    boolean allChannels;

    Selector(boolean allChannels) {
        this.allowed = new BitSet();
        this.firstArgs = new HashMap<>();
        this.absentCommands = new LinkedHashMap<>();
        this.keys = new ArrayList<>();
        this.channels = new ArrayList<>();
        this.allChannels = allChannels;
    }

    private Selector(Selector o) {
        this.allowed = (BitSet) o.allowed.clone();
        this.futureCommands = o.futureCommands;
        this.allCommands = o.allCommands;
        this.firstArgs = new HashMap<>();
        o.firstArgs.forEach((k, v) -> firstArgs.put(k, new ArrayList<>(v)));
        this.absentCommands = new LinkedHashMap<>(o.absentCommands);
        this.keys = new ArrayList<>(o.keys);
        this.allKeys = o.allKeys;
        this.channels = new ArrayList<>(o.channels);
        this.allChannels = o.allChannels;
    }

    Selector copy() {
        return new Selector(this);
    }

    public boolean allKeys() {
        return allKeys;
    }

    public boolean allChannels() {
        return allChannels;
    }

    public boolean allCommands() {
        return allCommands;
    }

    public List<KeyPattern> keys() {
        return List.copyOf(keys);
    }

    public List<byte[]> channels() {
        return List.copyOf(channels);
    }

    /** Whether the command (or subcommand) with this table id may run, ignoring first arguments. */
    public boolean allows(int commandId) {
        return allCommands || allowed.get(commandId);
    }

    boolean allowsFirstArg(int commandId, byte[] arg) {
        List<String> args = firstArgs.get(commandId);
        if (args == null) {
            return false;
        }
        String a = new String(arg, java.nio.charset.StandardCharsets.UTF_8);
        for (String s : args) {
            if (s.equalsIgnoreCase(a)) {
                return true;
            }
        }
        return false;
    }

    boolean hasChannel(byte[] pattern) {
        for (byte[] c : channels) {
            if (Arrays.equals(c, pattern)) {
                return true;
            }
        }
        return false;
    }
}
