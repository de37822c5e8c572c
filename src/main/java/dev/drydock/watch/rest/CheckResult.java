package dev.drydock.watch.rest;

import dev.drydock.watch.BaseStatus;

/** Answer of {@code POST /api/v1/bases/{id}/check}. */
public record CheckResult(boolean changed, String previousDigest, String digest, BaseStatus status, String error,
        BaseView base) {}
