package dev.drydock.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether drydock may connect to an address. Immutable and thread-safe. Callers check the address
 * they are about to dial ({@link #check}), or let {@link #connect} resolve, check and dial in one go, so a
 * name that resolves to another address the second time (DNS rebinding) is judged by what is dialled.
 *
 * <p>Rules, first match wins: the deny ranges; the allow ranges; cloud metadata addresses (denied);
 * link-local ranges (denied unless allowed); loopback and the unspecified address (allowed unless denied);
 * everything else is allowed. An IPv6 address that embeds an IPv4 one (NAT64, compatible, 6to4) is judged by
 * both; Java already turns IPv4-mapped ones into IPv4 addresses.
 */
public final class OutboundPolicy {

    /** Why an address is denied, for messages and tests. */
    public enum Reason {
        DENIED_RANGE("in drydock.outbound.deny"),
        METADATA("a cloud metadata address"),
        LINK_LOCAL("a link-local address; see drydock.outbound.allow-link-local"),
        LOOPBACK("a loopback address; see drydock.outbound.allow-loopback");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The metadata services of AWS, GCP, Azure and OpenStack (IPv4), AWS (IPv6) and Alibaba Cloud. */
    public static final List<Cidr> METADATA = List.of(Cidr.parse("169.254.169.254"), Cidr.parse("fd00:ec2::254"),
            Cidr.parse("100.100.100.200"));
    public static final List<Cidr> LINK_LOCAL = List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private static final OutboundPolicy DEFAULTS = new OutboundPolicy(true, false, List.of(), List.of(),
            InetAddress::getAllByName);

    /** How a name becomes addresses: the system resolver, or in tests one that changes its answer (rebinding). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final boolean allowLinkLocal;
    private final List<Cidr> deny;
    private final List<Cidr> allow;
    private final Resolver resolver;

    private OutboundPolicy(boolean allowLoopback, boolean allowLinkLocal, List<Cidr> deny, List<Cidr> allow,
            Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.allowLinkLocal = allowLinkLocal;
        this.deny = List.copyOf(deny);
        this.allow = List.copyOf(allow);
        this.resolver = resolver;
    }

    /** Metadata and link-local denied, loopback and everything else allowed. */
    public static OutboundPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * The policy {@code config} describes.
     *
     * @throws IllegalArgumentException naming the key and the range that is not a CIDR
     */
    public static OutboundPolicy of(OutboundConfig config) {
        return new OutboundPolicy(config.allowLoopback(), config.allowLinkLocal(),
                ranges("drydock.outbound.deny", config.deny()), ranges("drydock.outbound.allow", config.allow()),
                InetAddress::getAllByName);
    }

    public OutboundPolicy withLoopback(boolean allowed) {
        return new OutboundPolicy(allowed, allowLinkLocal, deny, allow, resolver);
    }

    public OutboundPolicy withLinkLocal(boolean allowed) {
        return new OutboundPolicy(allowLoopback, allowed, deny, allow, resolver);
    }

    public OutboundPolicy withDenied(List<Cidr> ranges) {
        return new OutboundPolicy(allowLoopback, allowLinkLocal, ranges, allow, resolver);
    }

    public OutboundPolicy withAllowed(List<Cidr> ranges) {
        return new OutboundPolicy(allowLoopback, allowLinkLocal, deny, ranges, resolver);
    }

    OutboundPolicy withResolver(Resolver names) {
        return new OutboundPolicy(allowLoopback, allowLinkLocal, deny, allow, names);
    }

    /** Why {@code address} is denied; empty when drydock may connect to it. */
    public Optional<Reason> denial(InetAddress address) {
        byte[] bytes = address.getAddress();
        Optional<Reason> own = denial(bytes, address.isLoopbackAddress() || address.isAnyLocalAddress());
        if (own.isPresent() || !(address instanceof Inet6Address)) {
            return own;
        }
        return embeddedIpv4(bytes).flatMap(v4 -> denial(v4, v4[0] == 127 || Arrays.equals(v4, new byte[4])));
    }

    /**
     * Throws when drydock may not connect to {@code address}, which {@code host} resolved to.
     *
     * @throws AddressNotAllowedException naming the host and the rule, not the address
     */
    public void check(InetAddress address, String host) throws AddressNotAllowedException {
        Optional<Reason> reason = denial(address);
        if (reason.isPresent()) {
            throw new AddressNotAllowedException(host, reason.get());
        }
    }

    /**
     * The addresses of {@code host} that drydock may connect to, in resolver order.
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws AddressNotAllowedException when it resolves only to denied addresses
     */
    public List<InetAddress> allowedAddresses(String host) throws UnknownHostException, AddressNotAllowedException {
        List<InetAddress> allowed = new ArrayList<>();
        Reason first = null;
        for (InetAddress address : resolver.resolve(host)) {
            Optional<Reason> reason = denial(address);
            if (reason.isEmpty()) {
                allowed.add(address);
            } else if (first == null) {
                first = reason.get();
            }
        }
        if (allowed.isEmpty()) {
            throw new AddressNotAllowedException(host, first);
        }
        return allowed;
    }

    /**
     * Resolves {@code host} once and connects to the first allowed address that answers, each on a new socket: the
     * socket goes to the address that was checked, never to the name again, so a name that resolves to a denied
     * address by the time of the connection (DNS rebinding) changes nothing. A
     * failure says "could not connect to HOST:PORT", the same whether the port was closed, filtered or timed
     * out, and carries no text from the peer. The socket is a channel's: a thread blocked in its connect or read stops
     * when it is interrupted (a canceled or timed-out build), not at the request timeout.
     *
     * @throws AddressNotAllowedException when every address of the host is denied
     * @throws ConnectException when no allowed address could be connected to, or the name does not resolve
     */
    public Socket connect(String host, int port, Duration timeout) throws IOException {
        List<InetAddress> addresses;
        try {
            addresses = allowedAddresses(host);
        } catch (UnknownHostException e) {
            throw new ConnectException("could not connect to " + hostPort(host, port) + ": unknown host");
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = SocketChannel.open().socket();
            try {
                socket.connect(new InetSocketAddress(address, port), millis);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        ConnectException failure = new ConnectException("could not connect to " + hostPort(host, port));
        failure.initCause(last);
        throw failure;
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    public static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private Optional<Reason> denial(byte[] address, boolean loopback) {
        if (deny.stream().anyMatch(c -> c.contains(address))) {
            return Optional.of(Reason.DENIED_RANGE);
        }
        if (allow.stream().anyMatch(c -> c.contains(address))) {
            return Optional.empty();
        }
        if (METADATA.stream().anyMatch(c -> c.contains(address))) {
            return Optional.of(Reason.METADATA);
        }
        if (!allowLinkLocal && LINK_LOCAL.stream().anyMatch(c -> c.contains(address))) {
            return Optional.of(Reason.LINK_LOCAL);
        }
        if (!allowLoopback && loopback) {
            return Optional.of(Reason.LOOPBACK);
        }
        return Optional.empty();
    }

    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        if (NAT64.contains(v6) || (COMPATIBLE.contains(v6) && !isZeroOrOne(v6))) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return Optional.of(Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    // :: and ::1 are the unspecified and loopback addresses, not IPv4-compatible ones
    private static boolean isZeroOrOne(byte[] v6) {
        for (int i = 0; i < 15; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[15] == 0 || v6[15] == 1;
    }

    private static List<Cidr> ranges(String key, Optional<List<String>> values) {
        List<Cidr> ranges = new ArrayList<>();
        for (String value : values.orElse(List.of())) {
            if (value.isBlank()) {
                continue;
            }
            try {
                ranges.add(Cidr.parse(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        return ranges;
    }
}
