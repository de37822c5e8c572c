/**
 * Who may do what to the private registry: the token service of the distribution token spec, scope maps,
 * repository-scoped tokens and the registry's anonymous-pull setting. The registry front asks it through
 * {@link dev.drydock.access.RegistryAccess}.
 */
package dev.drydock.access;
