package dev.drydock.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** An address range such as {@code 10.0.0.0/8} or {@code fe80::/10}; a bare address is a range of one. */
public record Cidr(byte[] network, int prefix) {

    // Literals only: a CIDR in the config never triggers a DNS look-up.
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    public Cidr {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("a network address has 4 or 16 bytes, got " + network.length);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range for " + network.length * 8
                    + "-bit addresses");
        }
    }

    /**
     * {@code address[/prefix]} with a literal IPv4 or IPv6 address.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Cidr parse(String text) {
        String s = text == null ? "" : text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (address.isEmpty() || !LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address range (e.g. 10.0.0.0/8, fd00::/8)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address range (e.g. 10.0.0.0/8, fd00::/8)");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" has no number after the /");
            }
        }
        return new Cidr(bytes, prefix);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Whether {@code address} is in this range; an IPv4 address is never in an IPv6 range, nor the reverse. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && prefix == c.prefix && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
