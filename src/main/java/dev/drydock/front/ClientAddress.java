package dev.drydock.front;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address a request comes from, for per-client throttling: the TCP peer, unless the peer is one of the
 * trusted proxies (an Ingress controller, a load balancer), then the nearest address in {@code X-Forwarded-For}
 * that is not a trusted proxy. Only trusted proxies may speak for a client: from anyone else the header is
 * ignored, or any client could pick a fresh bucket per request.
 */
final class ClientAddress {

    /** One trusted range, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is its own range. */
    record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            String value = text.strip();
            int slash = value.indexOf('/');
            byte[] address = literal(slash < 0 ? value : value.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "drydock.front.trusted-proxies: '" + text + "' is not an IP address or CIDR range"));
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("drydock.front.trusted-proxies: '" + text
                            + "' has a prefix length outside 0.." + bits);
                }
            }
            return new Range(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> trusted;

    ClientAddress(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String proxy : trustedProxies) {
            if (!proxy.isBlank()) {
                ranges.add(Range.parse(proxy));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client behind {@code peer}, reading {@code forwardedFor} (may be null) only when the peer is trusted. */
    String of(String peer, String forwardedFor) {
        if (trusted.isEmpty() || forwardedFor == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",", 32); // each proxy appends the address it saw; the nearest is last
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop).isEmpty()) {
                return client; // garbage before this point was written by someone we do not trust
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && trusted.stream().anyMatch(range -> range.contains(bytes.get()));
    }

    /** The bytes of an IPv4 or IPv6 literal; never a name lookup. */
    static Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!bare.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare).getAddress()); // a literal with ':' is never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(bytes);
    }
}
