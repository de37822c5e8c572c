/**
 * Which network addresses drydock may connect to on behalf of what it does not control: registry hosts,
 * token realms, redirect targets and git hosts all come from users, build files or upstream answers.
 *
 * <p>{@link dev.drydock.net.OutboundPolicy} decides per resolved address, at connect time, so a name that
 * resolves to something else the second time (DNS rebinding) is judged by what is actually dialled. Defaults:
 * cloud metadata addresses ({@code 169.254.169.254}, {@code fd00:ec2::254}, {@code 100.100.100.200}) and
 * link-local ranges ({@code 169.254.0.0/16}, {@code fe80::/10}) are denied; loopback is allowed (the local
 * stack runs there); everything else is allowed. {@code drydock.outbound.deny} and
 * {@code drydock.outbound.allow} add CIDR ranges. Failures to connect say "could not connect to HOST:PORT" and
 * nothing about what answered.
 */
package dev.drydock.net;
