/**
 * Named registry credentials, with the password encrypted at rest (AES-256-GCM, key
 * {@code drydock.secrets.key}); the {@link dev.drydock.registry.CredentialLookup} behind the
 * application's registry client. Nothing here returns or logs a password except to the client.
 */
package dev.drydock.registry.credential;
