/**
 * Roles: one binary, several jobs ({@code drydock.roles}: api, watch, worker, registry-front; default all), so a
 * deployment scales pullers, watchers and builders separately (docs/operations.md, "Roles").
 */
package dev.drydock.roles;
