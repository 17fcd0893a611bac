package io.redoubt.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Source-address filter of the audit: IPv4 and IPv6 networks in CIDR form ({@code 10.0.0.0/8},
 * {@code ::1/128}, or a single address). An empty set matches every address. Only numeric addresses
 * are accepted, so parsing never resolves a name.
 */
public final class CidrSet {
    private record Network(byte[] address, int prefix) {
        boolean contains(byte[] a) {
            if (a.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (address[full] & mask);
        }
    }

    public static final CidrSet ANY = new CidrSet(List.of(), "");

    private final List<Network> networks;
    private final String text;

    private CidrSet(List<Network> networks, String text) {
        this.networks = networks;
        this.text = text;
    }

    /** Space-separated networks; throws with the first one that is not a numeric CIDR. */
    public static CidrSet parse(String text) {
        List<Network> list = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int slash = word.indexOf('/');
            String addr = slash < 0 ? word : word.substring(0, slash);
            byte[] bytes = numeric(addr, word);
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(word.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + word + "' has no valid prefix length");
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + word + "' has a prefix length out of range");
                }
            }
            list.add(new Network(bytes, prefix));
        }
        return new CidrSet(List.copyOf(list), String.join(" ", text.trim().split("\\s+")));
    }

    private static byte[] numeric(String addr, String word) {
        boolean v4 = addr.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = addr.contains(":") && addr.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + word + "' is not a numeric IPv4 or IPv6 network");
        }
        try {
            return InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + word + "' is not a numeric IPv4 or IPv6 network");
        }
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether {@code address} is in one of the networks (an IPv4-mapped IPv6 address counts as IPv4). */
    public boolean matches(InetAddress address) {
        if (networks.isEmpty()) {
            return true;
        }
        byte[] a = address.getAddress();
        for (Network n : networks) {
            if (n.contains(a)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
