package dev.drydock.dashboard.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a dashboard resource whose every endpoint needs a signed-in viewer: reads need any valid token, everything
 * else the admin token. {@link SessionFilter} enforces it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SignedIn {}
